import { describe, expect, it } from 'vitest';
import { invokeDesk, type InvokeContext } from '../../src/main/desk/invoke';
import type { LogEntry } from '../../src/main/log';
import { createDeskBridge, type RendererIpc } from '../../src/preload/bridge';
import type { DeskApi } from '../../src/shared/contract';
import { deskStatus } from './shell-fixtures';

/** A desk where only the methods a test needs exist; calls are recorded. */
function fakeDesk(methods: Partial<DeskApi>): { desk: DeskApi; calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const desk = new Proxy({} as DeskApi, {
    get: (_target, name: string) => async (args: unknown) => {
      calls.push([name, args]);
      const method = (methods as Record<string, (args: unknown) => Promise<unknown>>)[name];
      if (!method) throw new Error(`not faked: ${name}`);
      return method(args);
    },
  });
  return { desk, calls };
}

function context(overrides: Partial<InvokeContext> = {}): InvokeContext & { logged: LogEntry[] } {
  const logged: LogEntry[] = [];
  return {
    trusted: true,
    redact: (message) => message.replaceAll('sk-secret-key', '[redacted]'),
    logger: { log: (entry) => logged.push(entry) },
    now: () => 1_000,
    logged,
    ...overrides,
  };
}

describe('IPC handler', () => {
  it('validates the arguments and answers with the result', async () => {
    const page = { rows: [], nextCursor: null, counts: { calls: 0 } };
    const { desk, calls } = fakeDesk({ history: async () => page });
    const reply = await invokeDesk(desk, 'history', { search: 'AWB1', limit: 10 }, context());
    expect(reply).toEqual({ result: page });
    expect(calls).toEqual([['history', { search: 'AWB1', limit: 10 }]]);
  });

  it('rejects a bad argument naming the field, without calling the desk', async () => {
    const { desk, calls } = fakeDesk({});
    const reply = await invokeDesk(
      desk,
      'saveSettings',
      { calling: { slots: ['10:00', '25:00'] } },
      context(),
    );
    expect(reply).toEqual({
      error: {
        message:
          'calling.slots.1: Session slots must be times of day as HH:MM, e.g. 10:00, 13:30 (at most 24 of them)',
        field: 'calling.slots.1',
      },
    });
    expect(calls).toEqual([]);
  });

  it('rejects unknown fields and unknown methods (nothing reaches the desk unchecked)', async () => {
    const { desk, calls } = fakeDesk({});
    const extra = await invokeDesk(desk, 'runNow', { force: true }, context());
    expect(extra).toMatchObject({ error: { message: expect.stringMatching(/force/) } });
    const unknown = await invokeDesk(desk, 'constructor', {}, context());
    expect(unknown).toEqual({ error: { message: 'Unknown desk method: constructor' } });
    expect(calls).toEqual([]);
  });

  it('refuses a frame that is not the console', async () => {
    const { desk, calls } = fakeDesk({ status: async () => deskStatus() });
    const reply = await invokeDesk(desk, 'status', {}, context({ trusted: false }));
    expect(reply).toEqual({ error: { message: 'This page may not use the desk.' } });
    expect(calls).toEqual([]);
  });

  it('answers a desk failure with its message, secrets blanked, and logs the full error', async () => {
    const boom = new Error('VAPI rejected key sk-secret-key — open Settings');
    const { desk } = fakeDesk({
      runNow: async () => {
        throw boom;
      },
    });
    const ctx = context();
    const reply = await invokeDesk(desk, 'runNow', {}, ctx);
    expect(reply).toEqual({ error: { message: 'VAPI rejected key [redacted] — open Settings' } });
    expect(ctx.logged).toEqual([
      {
        at: 1_000,
        level: 'error',
        message: expect.stringMatching(/^runNow failed: Error: VAPI rejected key \[redacted\]/),
      },
    ]);
    expect(ctx.logged[0]!.message).toContain('shell-ipc.test.ts'); // the stack, for the log's reader
  });

  it('refuses arguments that are not an object, null included, without calling the desk', async () => {
    const { desk, calls } = fakeDesk({ status: async () => deskStatus() });
    for (const args of [null, 42, 'status', [], [{}], true]) {
      const reply = await invokeDesk(desk, 'status', args, context());
      expect(reply).toEqual({ error: { message: 'status: the arguments must be an object, like {}' } });
    }
    expect(await invokeDesk(desk, 'status', undefined, context())).toHaveProperty('result');
    expect(calls).toEqual([['status', {}]]);
  });

  it('names a method that is not a string by its kind, never by String() (which can overflow)', async () => {
    const { desk } = fakeDesk({});
    let nested: unknown = [];
    for (let i = 0; i < 20_000; i++) nested = [nested];
    expect(await invokeDesk(desk, nested, {}, context())).toEqual({
      error: { message: 'Unknown desk method: (an array, not a name)' },
    });
    expect(await invokeDesk(desk, { toString: null }, {}, context())).toEqual({
      error: { message: 'Unknown desk method: (an object, not a name)' },
    });
    const long = await invokeDesk(desk, 'x'.repeat(100_000), {}, context());
    expect(long).toEqual({ error: { message: `Unknown desk method: ${'x'.repeat(60)}…` } });
  });

  it('keeps a refusal short whatever it echoes, and blanks secrets from argument errors too', async () => {
    const { desk } = fakeDesk({});
    const reply = await invokeDesk(desk, 'runNow', { ['sk-secret-key'.padEnd(5000, 'k')]: 1 }, context());
    const { message, field } = (reply as { error: { message: string; field?: string } }).error;
    expect(message.length).toBeLessThanOrEqual(501);
    expect(message).not.toContain('sk-secret-key');
    expect(field ?? '').not.toContain('sk-secret-key');
  });
});

describe('preload bridge', () => {
  function fakeIpc(answer: unknown) {
    const listeners = new Set<(event: unknown, message: unknown) => void>();
    const invoked: unknown[][] = [];
    const ipc: RendererIpc = {
      invoke: async (...args) => {
        invoked.push(args);
        return answer;
      },
      on: (_channel, listener) => listeners.add(listener),
      removeListener: (_channel, listener) => listeners.delete(listener),
    };
    const send = (message: unknown) =>
      listeners.forEach((listener) => listener({ sender: 'ipcRenderer' }, message));
    return { ipc, invoked, listeners, send };
  }

  it('sends method and arguments on the invoke channel and unwraps the result', async () => {
    const { ipc, invoked } = fakeIpc({ result: { started: true, sessionId: 3 } });
    const bridge = createDeskBridge(ipc);
    await expect(bridge.invoke('runNow', {})).resolves.toEqual({ started: true, sessionId: 3 });
    expect(invoked).toEqual([['desk:invoke', 'runNow', {}]]);
  });

  it('rejects with the DeskError, field included', async () => {
    const error = { message: 'calling.maxAttempts: too big', field: 'calling.maxAttempts' };
    const bridge = createDeskBridge(fakeIpc({ error }).ipc);
    const reason = await bridge
      .invoke('saveSettings', { calling: { maxAttempts: 99 } })
      .catch((e: unknown) => e);
    expect(reason).toEqual(error);
  });

  it('delivers only the named event, only its payload, until unsubscribed', () => {
    const { ipc, listeners, send } = fakeIpc(null);
    const bridge = createDeskBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.on('dataChanged', (...args: unknown[]) => received.push(args));
    send({ event: 'status', payload: deskStatus() });
    send({ event: 'dataChanged', payload: { what: ['orders'] } });
    off();
    send({ event: 'dataChanged', payload: { what: ['calls'] } });
    expect(received).toEqual([[{ what: ['orders'] }]]);
    expect(listeners.size).toBe(0);
  });

  it('rejects with a readable error when the answer is malformed', async () => {
    const bridge = createDeskBridge(fakeIpc(undefined).ipc);
    await expect(bridge.invoke('status', {})).rejects.toEqual({
      message: 'The desk sent an unreadable answer.',
    });
  });
});
