/**
 * Issue 10 at the desk: "Live — incomplete" dials nobody until Check VAPI has passed for exactly the saved
 * key, ids and address; Check VAPI asks VAPI (assistant, phone number, key, concurrency) and says what failed;
 * "Create the assistant" makes the shipped one; without an assistant id calls carry it as a transient
 * assistant; run now is refused when nobody is due; the queue marks the running session's numbers and the
 * live board counts its outcomes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../src/dev/fake-vapi/server';
import { createDesk, type Desk } from '../../src/main/desk';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { MemorySecretStore } from '../../src/main/secrets';
import type { DeskStatus, QueueCall } from '../../src/shared/desk-types';
import shippedAssistant from '../../resources/assistant/delivery-confirmation.assistant.json';
import { local } from '../helpers/engine-harness';

const KEY = 'sk-live-foresight-0123';
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const CSV = [
  'AWB,Name,Phone,Status',
  'AWB1,Raj Kumar,9876500001,Out for delivery',
  'AWB2,Priya Sharma,9876500002,Undelivered',
  'AWB3,Amit Das,9876500003,OFD',
].join('\n');

async function openDesk(
  localStart: string,
  options: { fake?: Partial<FakeVapiOptions>; sandboxSeconds?: number } = {},
): Promise<{ desk: Desk; vapi: FakeVapi }> {
  const clock = offsetClock(local(localStart), systemClock);
  const vapi = await startFakeVapi({ clock, apiKey: KEY, callSeconds: 1, ...options.fake });
  cleanup.push(() => vapi.close());
  const desk = await createDesk({
    dataDir: mkdtempSync(join(tmpdir(), 'acs-foresight-')),
    clock,
    secrets: new MemorySecretStore(),
    sandbox: {
      callSeconds: options.sandboxSeconds ?? 1,
      outcomes: { '+919876500001': ['answered'], '+919876500002': ['busy'], '+919876500003': ['no-answer'] },
    },
    pollIntervalMs: 100,
  });
  cleanup.push(() => desk.close());
  await desk.importCsv({ fileName: 'ofd.csv', contentBase64: Buffer.from(CSV).toString('base64') });
  return { desk, vapi };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sessionOver = (status: DeskStatus) => status.session === null;

describe('Live — incomplete', () => {
  it('dials nobody with a key and ids until Check VAPI passes, then dials', async () => {
    const { desk, vapi } = await openDesk('2026-11-24T10:30');
    await desk.saveSettings({
      vapi: { apiKey: KEY, baseUrl: vapi.url, assistantId: 'asst-1', phoneNumberId: 'pn-1' },
    });
    const before = await desk.status({});
    expect(before).toMatchObject({
      mode: 'live-incomplete',
      liveMissing: ['Check VAPI'],
      runNow: { allowed: false, reason: 'VAPI is not checked yet — open Settings and press Check VAPI' },
    });
    expect(await desk.runNow({})).toEqual({ started: false, reason: before.runNow.reason });
    expect(vapi.requestCount('createCall')).toBe(0);
    expect((await desk.today({})).skippedRuns).toEqual([
      expect.objectContaining({ trigger: 'manual', reason: before.runNow.reason }),
    ]);

    const check = await desk.checkVapi({});
    expect(check.ok).toBe(true);
    expect(check.items.map((item) => [item.what, item.ok])).toEqual([
      ['key', true],
      ['assistant', true],
      ['phoneNumber', true],
      ['concurrency', null],
    ]);
    expect(check.checked).toEqual({
      keyHint: '…0123',
      assistantId: 'asst-1',
      phoneNumberId: 'pn-1',
      baseUrl: vapi.url,
    });
    expect((await desk.settings({})).vapi.check).toEqual(check);
    const live = await desk.status({});
    expect(live).toMatchObject({ mode: 'live', liveMissing: [], runNow: { allowed: true, due: 3 } });

    expect(await desk.runNow({})).toMatchObject({ started: true });
    await until(() => desk.status({}), sessionOver);
    expect(
      vapi
        .created()
        .map((call) => call.number)
        .sort(),
    ).toEqual(['+919876500001', '+919876500002', '+919876500003']);
  });

  it('voids the check when the assistant id changes, and needs a phone number id', async () => {
    const { desk, vapi } = await openDesk('2026-11-24T10:30');
    await desk.saveSettings({
      vapi: { apiKey: KEY, baseUrl: vapi.url, assistantId: 'asst-1', phoneNumberId: 'pn-1' },
    });
    await desk.checkVapi({});
    expect((await desk.status({})).mode).toBe('live');
    await desk.saveSettings({ vapi: { assistantId: 'asst-2' } });
    expect(await desk.status({})).toMatchObject({ mode: 'live-incomplete', liveMissing: ['Check VAPI'] });
    expect((await desk.settings({})).vapi.check).toBeNull();

    await desk.saveSettings({ vapi: { phoneNumberId: '' } });
    const check = await desk.checkVapi({});
    expect(check.ok).toBe(false);
    expect(check.items.find((item) => item.what === 'phoneNumber')).toMatchObject({ ok: false });
    expect((await desk.status({})).liveMissing).toEqual(['phone number id', 'a passing Check VAPI']);
  });
});

describe('the live board', () => {
  it('keeps the engine’s pause on the session beside the board: why, and until when', async () => {
    const { desk, vapi } = await openDesk('2026-11-24T10:30');
    await desk.saveSettings({ vapi: { apiKey: KEY, baseUrl: vapi.url, phoneNumberId: 'pn-1' } });
    await desk.checkVapi({});
    vapi.addFault({ endpoint: 'createCall', status: 503, times: 3, dialled: false });
    await desk.runNow({});
    const paused = await until(
      () => desk.status({}),
      (status) => status.session?.paused != null,
    );
    expect(paused.session!.paused).toEqual({
      reason: 'VAPI is having trouble on its side',
      until: expect.any(Number),
    });
    expect(paused.session!.board).toMatchObject({ lineLimit: 10, callsPerMinute: null });
    await desk.stopSession({});
  });
});

describe('Check VAPI', () => {
  it('says which piece VAPI does not know, and which key it refused', async () => {
    const { desk, vapi } = await openDesk('2026-11-24T10:30', {
      fake: { assistants: ['asst-1'], phoneNumbers: { 'pn-1': { number: '+14155550100' } } },
    });
    await desk.saveSettings({
      vapi: { apiKey: KEY, baseUrl: vapi.url, assistantId: 'asst-9', phoneNumberId: 'pn-1' },
    });
    const unknownAssistant = await desk.checkVapi({});
    expect(unknownAssistant.ok).toBe(false);
    expect(unknownAssistant.items.map((item) => [item.what, item.ok, item.detail])).toEqual([
      ['key', true, 'VAPI accepted the key …0123'],
      ['assistant', false, 'VAPI has no assistant asst-9: check the id, or create the assistant'],
      ['phoneNumber', true, '+14155550100 (vapi, active)'],
      ['concurrency', null, expect.stringContaining('Not known yet')],
    ]);
    expect((await desk.status({})).runNow.reason).toBe('Check VAPI failed (the assistant) — open Settings');

    await desk.saveSettings({ vapi: { apiKey: 'sk-wrong-key-9999', assistantId: 'asst-1' } });
    const wrongKey = await desk.checkVapi({});
    expect(wrongKey.ok).toBe(false);
    // With the key refused, the ids were not checked at all: VAPI said nothing about them.
    expect(wrongKey.items.map((item) => [item.what, item.ok])).toEqual([
      ['key', false],
      ['assistant', null],
      ['phoneNumber', null],
      ['concurrency', null],
    ]);
    expect(wrongKey.items[0]).toMatchObject({
      what: 'key',
      ok: false,
      detail: expect.stringMatching(/rejected the private key/),
    });
  });

  it('reports the account concurrency VAPI sent back on the last call', async () => {
    const { desk, vapi } = await openDesk('2026-11-24T10:30', { fake: { concurrencyLimit: 5 } });
    await desk.saveSettings({ vapi: { apiKey: KEY, baseUrl: vapi.url, phoneNumberId: 'pn-1' } });
    await desk.checkVapi({});
    await desk.runNow({});
    await until(() => desk.status({}), sessionOver);
    const check = await desk.checkVapi({});
    expect(check.items.at(-1)).toMatchObject({ what: 'concurrency', ok: null });
    expect(check.items.at(-1)!.detail).toMatch(
      /^VAPI allows 5 calls at once \(as of 10:3\d\); "Calls at once" is 10/,
    );
  });
});

describe('the shipped assistant', () => {
  it('is created in VAPI with one call and becomes the assistant id', async () => {
    const { desk, vapi } = await openDesk('2026-11-24T10:30');
    await desk.saveSettings({ vapi: { apiKey: KEY, baseUrl: vapi.url, phoneNumberId: 'pn-1' } });
    const created = await desk.createAssistant({});
    expect(vapi.createdAssistants()).toHaveLength(1);
    expect(vapi.createdAssistants()[0]).toMatchObject({
      id: created.assistantId,
      name: shippedAssistant.name,
    });
    expect(created.settings.vapi.assistantId).toBe(created.assistantId);
    expect((await desk.settings({})).vapi.assistantId).toBe(created.assistantId);
  });

  it('rides along as the transient assistant of every call when no assistant id is set', async () => {
    const { desk, vapi } = await openDesk('2026-11-24T10:30');
    await desk.saveSettings({ vapi: { apiKey: KEY, baseUrl: vapi.url, phoneNumberId: 'pn-1' } });
    const check = await desk.checkVapi({});
    expect(check.items[1]).toMatchObject({
      what: 'assistant',
      ok: true,
      detail: expect.stringMatching(/shipped assistant/),
    });
    await desk.runNow({});
    await until(() => desk.status({}), sessionOver);
    const body = vapi.created()[0]!.body;
    expect(body.assistantId).toBeUndefined();
    expect(body.assistant).toEqual(shippedAssistant);
  });

  it('is refused without a key, in the desk’s words', async () => {
    const { desk } = await openDesk('2026-11-24T10:30');
    await expect(desk.createAssistant({})).rejects.toThrow(/Enter the VAPI key first/);
    await expect(desk.checkVapi({})).rejects.toThrow(/Enter the VAPI key first/);
  });
});

describe('foresight', () => {
  it('refuses run now when nobody is due, saying when the next is, and records it', async () => {
    const { desk } = await openDesk('2026-11-24T10:30');
    await desk.runNow({});
    await until(() => desk.status({}), sessionOver);
    const status = await desk.status({});
    expect(status.runNow).toEqual({
      allowed: false,
      reason: 'nobody is due now (the next is due at 12:30)',
      due: 0,
    });
    expect(await desk.runNow({})).toEqual({ started: false, reason: status.runNow.reason });
    expect((await desk.today({})).skippedRuns.at(-1)).toMatchObject({
      trigger: 'manual',
      reason: status.runNow.reason,
    });
  });

  it('forecasts the rest of the day and what becomes of the failed orders', async () => {
    const { desk } = await openDesk('2026-11-24T12:10');
    await desk.runNow({});
    await until(() => desk.status({}), sessionOver);
    const today = await desk.today({});
    // Two failed at 12:10 cool down until 14:10: after the last slot (13:00), inside working hours.
    expect(today.forecast!.sessions.map((s) => [s.calls, s.retryCalls])).toEqual([[0, 0]]);
    expect(today.forecast!.notToday).toEqual([
      expect.objectContaining({
        reason: 'after-last-session',
        count: 2,
        detail: '2 cool down until 14:11, after the last session: add a 14:11 session or run now after 14:11',
      }),
    ]);
    expect(today.failedOutlook).toEqual({ retryToday: 0, notToday: 2, never: 0 });
    const queue = await desk.queue({});
    expect(queue.forecast!.notToday).toHaveLength(1);
  });

  it('lists the running session’s numbers first, "in this session", and counts its outcomes on the board', async () => {
    const { desk } = await openDesk('2026-11-24T10:30', { sandboxSeconds: 3 });
    await desk.saveSettings({ calling: { concurrency: 1 } });
    await desk.runNow({});
    const queue = await until(
      () => desk.queue({}),
      (q) => (q.session?.dialling ?? 0) === 1,
    );
    expect(queue.session).toMatchObject({ dialling: 1, waiting: 2 });
    expect((queue.rows as QueueCall[]).map((call) => call.inSession)).toEqual([
      'dialling',
      'waiting',
      'waiting',
    ]);
    expect(queue.counts.cooling).toBe(0);
    expect((await desk.queue({ tab: 'cooling' })).rows).toEqual([]);
    const board = await until(
      () => desk.status({}),
      (status) => (status.session?.board?.justEnded.length ?? 0) >= 2,
    );
    expect(board.session!.board).toMatchObject({
      outcomes: { confirmed: 1, busy: 1, noAnswer: 0 },
      linesInUse: 1,
      lineLimit: 1,
      waiting: 0,
    });
    expect(board.session!.board!.justEnded.map((call) => call.customer)).toEqual([
      'Priya Sharma',
      'Raj Kumar',
    ]);
  });
});
