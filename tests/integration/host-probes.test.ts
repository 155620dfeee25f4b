/**
 * The hostile inputs of issue 12 against a real host and desk, one test each: every one killed the host,
 * was accepted, or leaked on the code before the one door. A clear error comes back, the host keeps
 * answering, and nothing foreign gets a socket.
 */
import { createConnection } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Desk } from '../../src/main/desk';
import { startHost, type Host } from '../../src/main/host';
import type { LogEntry } from '../../src/main/log';
import type { DeskApi } from '../../src/shared/contract';
import {
  TOKEN,
  api,
  connect,
  refusedUpgrade,
  startTestHost,
  type Socket,
  type TestHost,
} from '../helpers/host-harness';

const KB = 1024;
const MB = 1024 * KB;

let t: TestHost;
beforeEach(async () => {
  t = await startTestHost();
});
afterEach(async () => {
  await t.stop();
});

// What would have killed a real host process: vitest catches these, so each test checks them itself.
const crashes: unknown[] = [];
const crashed = (error: unknown) => crashes.push(error);
beforeAll(() => {
  process.on('uncaughtExceptionMonitor', crashed);
  process.on('unhandledRejection', crashed);
});
afterAll(() => {
  process.off('uncaughtExceptionMonitor', crashed);
  process.off('unhandledRejection', crashed);
});
afterEach(() => {
  expect(crashes.splice(0), 'an error escaped the host (the process would have died)').toEqual([]);
});

async function stillAnswers(): Promise<void> {
  const socket = await connect(t.host.port);
  socket.ws.send(JSON.stringify({ id: 99, method: 'status', args: {} }));
  expect(await socket.next((m) => m.id === 99)).toMatchObject({ result: { mode: 'sandbox' } });
  socket.ws.close();
}

const errorMessage = (reply: Record<string, unknown>) => (reply.error as { message: string }).message;

describe('frames that are not a request', () => {
  it('answers the text frame `null` with an error and keeps running', async () => {
    const socket = await connect(t.host.port);
    socket.ws.send('null');
    const reply = await socket.reply();
    expect(reply).toMatchObject({ id: null, error: { message: expect.stringMatching(/object/) } });
    await stillAnswers();
  });

  it.each([
    ['a number', '42'],
    ['a string', '"status"'],
    ['an array', '[{"id":1,"method":"status"}]'],
    ['true', 'true'],
    ['an empty object', '{}'],
  ])('answers %s with an error naming what a request looks like', async (_name, frame) => {
    const socket = await connect(t.host.port);
    socket.ws.send(frame);
    const reply = await socket.reply();
    expect(reply.id).toBeNull();
    expect(errorMessage(reply)).toMatch(/\{ ?"id"/);
    socket.ws.close();
  });

  it('refuses an odd id instead of calling the desk under id -1', async () => {
    const socket = await connect(t.host.port);
    for (const id of ['7', null, 1.5, -1, 1e300, { n: 1 }]) {
      socket.ws.send(JSON.stringify({ id, method: 'status', args: {} }));
      const reply = await socket.reply();
      expect(reply).toMatchObject({ id: null, error: { message: expect.stringMatching(/id/) } });
    }
    socket.ws.close();
  });

  it('answers a deeply nested method name with an error (String() of it overflowed the stack)', async () => {
    const socket = await connect(t.host.port);
    const depth = 20_000;
    socket.ws.send(`{"id":3,"method":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const reply = await socket.reply();
    expect(errorMessage(reply)).toMatch(/nested/);
    await stillAnswers();
  });

  it('answers an unknown method without echoing a huge name back', async () => {
    const socket = await connect(t.host.port);
    socket.ws.send(JSON.stringify({ id: 4, method: 'x'.repeat(50 * KB) }));
    const reply = await socket.next((m) => m.id === 4);
    expect(errorMessage(reply).length).toBeLessThan(200);
    socket.ws.close();
  });

  it('answers a request sent as a binary frame like a text one', async () => {
    const socket = await connect(t.host.port);
    socket.ws.send(Buffer.from(JSON.stringify({ id: 7, method: 'status', args: {} })), { binary: true });
    expect(await socket.next((m) => m.id === 7)).toMatchObject({ result: { mode: 'sandbox' } });
    socket.ws.close();
  });

  it('survives a text frame that is not UTF-8 (the socket error had no listener)', async () => {
    const socket = await connect(t.host.port);
    socket.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await socket.closed).toBe(1007);
    await stillAnswers();
    expect(t.logged).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringMatching(/UTF-8/) }),
    ]);
  });
});

describe('size caps', () => {
  it('refuses a 100 KB body to a method that takes 64 KB, with 413', async () => {
    const response = await api(t.base, 'orders', { search: 'x'.repeat(100 * KB) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringMatching(/64 KB/) } });
  });

  it('refuses an import body over 20 MB, with 413, and still takes a small one', async () => {
    const file = { fileName: 'big.csv', contentBase64: 'QUJD'.repeat((21 * MB) / 4) };
    const response = await api(t.base, 'importCsv', file);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringMatching(/20 MB/) } });
    const small = await api(t.base, 'previewCsv', {
      fileName: 'small.csv',
      contentBase64: Buffer.from('AWB,Phone\nAWB1,9876500001\n').toString('base64'),
    });
    expect(small.status).toBe(200);
  });

  it('refuses a body that only declares 256 MB, with 413, without waiting for it', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const client = createConnection(t.host.port, '127.0.0.1', () =>
        client.write(
          `POST /api/status HTTP/1.1\r\nHost: 127.0.0.1:${t.host.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${256 * MB}\r\n\r\n{}`,
        ),
      );
      let text = '';
      client.on('data', (chunk) => (text += String(chunk)));
      client.on('close', () => resolve(text));
      client.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('status takes at most 64 KB');
  });

  it('answers a 100 KB WebSocket frame for a small method with an error under its id', async () => {
    const socket = await connect(t.host.port);
    socket.ws.send(JSON.stringify({ id: 5, method: 'orders', args: { search: 'x'.repeat(100 * KB) } }));
    const reply = await socket.next((m) => m.id === 5);
    expect(errorMessage(reply)).toMatch(/64 KB/);
    socket.ws.close();
  });

  it('closes a WebSocket that sends a frame over the import cap (1009) and keeps serving', async () => {
    const socket = await connect(t.host.port);
    socket.ws.send(JSON.stringify({ id: 6, method: 'importCsv', args: { pad: 'x'.repeat(21 * MB) } }));
    expect(await socket.closed).toBe(1009);
    await stillAnswers();
  });
});

describe('the WebSocket upgrade checks who is asking', () => {
  it('refuses a foreign Origin with 403', async () => {
    expect(await refusedUpgrade(t.host.port, { origin: 'https://evil.example' })).toBe(403);
    expect(await refusedUpgrade(t.host.port, { origin: `http://127.0.0.1:${t.host.port + 1}` })).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) with 403', async () => {
    const headers = { host: `evil.example:${t.host.port}` };
    expect(await refusedUpgrade(t.host.port, { headers })).toBe(403);
  });

  it('takes the console own origin, by IP or localhost, and a client without Origin', async () => {
    for (const origin of [`http://127.0.0.1:${t.host.port}`, `http://localhost:${t.host.port}`]) {
      const socket = await connect(t.host.port, TOKEN, { origin });
      socket.ws.close();
    }
    await stillAnswers();
  });

  it('refuses a foreign Origin or Host on the HTTP API too', async () => {
    const origin = await api(t.base, 'status', {}, TOKEN, { origin: 'https://evil.example' });
    expect(origin.status).toBe(403);
  });
});

describe('the rate limit', () => {
  it('answers a flood with a clear error per request, keeps the socket, and serves again later', async () => {
    const socket = await connect(t.host.port);
    const count = 400;
    for (let id = 1; id <= count; id++) socket.ws.send(JSON.stringify({ id, method: 'status', args: {} }));
    const replies = await Promise.all(
      Array.from({ length: count }, (_, i) => socket.next((m) => m.id === i + 1)),
    );
    const limited = replies.filter((reply) => 'error' in reply);
    expect(limited.length).toBeGreaterThan(0);
    expect(errorMessage(limited[0]!)).toMatch(/too many/i);
    expect(replies.filter((reply) => 'result' in reply).length).toBeGreaterThanOrEqual(60);
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.ws.send(JSON.stringify({ id: 1000, method: 'status', args: {} }));
    expect(await socket.next((m) => m.id === 1000)).toHaveProperty('result');
    socket.ws.close();
  });

  it('answers an HTTP flood with 429 and Retry-After, and serves what the allowance takes', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 300 }, () =>
        api(t.base, 'status', {}).then(async (response) => {
          await response.arrayBuffer();
          return { status: response.status, retryAfter: response.headers.get('retry-after') };
        }),
      ),
    );
    expect(statuses.filter((reply) => reply.status === 200).length).toBeGreaterThanOrEqual(100);
    const limited = statuses.filter((reply) => reply.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((reply) => reply.retryAfter === '1')).toBe(true);
  });

  it('keeps answering with 200 consoles connected, and closes each wrong-token socket with 4401', async () => {
    const consoles = await Promise.all(Array.from({ length: 200 }, () => connect(t.host.port)));
    await stillAnswers();
    const strangers = await Promise.all(
      Array.from({ length: 50 }, () => connect(t.host.port, 'wrong-token')),
    );
    expect(await Promise.all(strangers.map((stranger) => stranger.closed))).toEqual(Array(50).fill(4401));
    for (const socket of consoles) socket.ws.close();
  });

  it('gives each connection its own allowance', async () => {
    const flooder = await connect(t.host.port);
    for (let id = 1; id <= 300; id++) flooder.ws.send(JSON.stringify({ id, method: 'status' }));
    await flooder.next((m) => m.id === 300);
    await stillAnswers();
    flooder.ws.close();
  });
});

describe('a refused request writes nothing', () => {
  it('refuses saveSettings with bad credentials without saving the calling rules sent with them', async () => {
    const response = await api(t.base, 'saveSettings', {
      calling: { cooldownMinutes: 60 },
      vapi: { assistantId: 'assistant-2' },
      orderSource: { credentials: 'not json' },
    });
    expect(await response.json()).toMatchObject({ error: { field: 'orderSource.credentials' } });
    const settings = await t.desk.settings({});
    expect(settings.calling.cooldownMinutes).toBe(120);
    expect(settings.vapi.assistantId).toBe('');
  });
});

describe('the HTTP and WebSocket paths redact and log like IPC', () => {
  const SECRET = 'vapi-private-0f3c9a7e-5b1d-4c2a';
  let host: Host;
  let logged: LogEntry[];
  let failure: Error;

  beforeEach(async () => {
    logged = [];
    failure = new Error(`VAPI refused key ${SECRET}: open Settings`);
    const desk = new Proxy({} as Desk, {
      get: (_target, name) => {
        if (name === 'on') return () => () => undefined;
        return async () => {
          throw failure;
        };
      },
    }) as Desk & DeskApi;
    host = await startHost({
      desk,
      staticDir: t.dataDir,
      port: 0,
      token: TOKEN,
      redact: (message) => message.replaceAll(SECRET, '[redacted]'),
      logger: { log: (entry) => logged.push(entry) },
    });
  });
  afterEach(async () => {
    await host.close();
  });

  it('blanks the secret from an HTTP error and logs the full error', async () => {
    const response = await api(`http://127.0.0.1:${host.port}`, 'runNow', {});
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: 'VAPI refused key [redacted]: open Settings' },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/^runNow failed/) });
    expect(logged[0]!.message).toContain('host-probes.test.ts'); // the stack, for whoever reads the log
    expect(logged[0]!.message).not.toContain(SECRET);
  });

  it('blanks the secret from a WebSocket error too', async () => {
    const socket: Socket = await connect(host.port);
    socket.ws.send(JSON.stringify({ id: 1, method: 'syncNow', args: {} }));
    const reply = await socket.next((m) => m.id === 1);
    expect(reply).toEqual({ id: 1, error: { message: 'VAPI refused key [redacted]: open Settings' } });
    expect(logged).toHaveLength(1);
    socket.ws.close();
  });
});
