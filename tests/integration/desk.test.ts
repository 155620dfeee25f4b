/**
 * The desk facade end to end on a real store and the sandbox fake VAPI: what the console can ask and do.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk, DeskLockedError, type Desk } from '../../src/main/desk';
import { acquireDeskLock } from '../../src/main/desk/desk-lock';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { DeskArgumentError } from '../../src/shared/contract';
import type { CoolingOrder, ExcludedOrder, QueueCall } from '../../src/shared/desk-types';
import { local } from '../helpers/engine-harness';

const desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((desk) => desk.close()));
});

async function openDesk(localStart: string, dataDir = mkdtempSync(join(tmpdir(), 'acs-desk-'))) {
  const desk = await createDesk({
    dataDir,
    clock: offsetClock(local(localStart), systemClock),
    sandbox: { callSeconds: 1, outcomes: { '+919876500001': ['answered'], '+919876500002': ['busy'] } },
    pollIntervalMs: 100,
  });
  desks.push(desk);
  return { desk, dataDir };
}

const CSV = [
  'AWB No,Consignee,Mobile,Status,Address,Pincode,COD Amount',
  'AWB1,Raj Kumar,9876500001,Out for delivery,1 MG Road,110001,499',
  'AWB2,Priya Sharma,+91 98765-00002,Undelivered,2 MG Road,110002,0',
  'AWB3,Amit Das,9876500003,Delivered,3 MG Road,110003,120',
  'AWB4,Neha Joshi,N/A,OFD,4 MG Road,110004,75',
].join('\n');

function csvFile(text = CSV) {
  return { fileName: 'ofd.csv', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the desk', () => {
  it('imports a CSV, shows the queue, runs now in sandbox mode and records history and today', async () => {
    const { desk } = await openDesk('2026-11-24T11:00');
    const imported = await desk.importCsv(csvFile());
    expect(imported).toMatchObject({ read: 4, added: 4, rejected: [] });

    const queue = await desk.queue({});
    expect(queue.tab).toBe('calls');
    expect(queue.rows.map((call) => (call as QueueCall).orders[0]!.awb)).toEqual(['AWB1', 'AWB2']);
    expect(queue.counts).toMatchObject({ calls: 2, cooling: 0, notCallable: 1, invalidPhone: 1 });
    const excluded = await desk.queue({ tab: 'excluded' });
    expect((excluded.rows as ExcludedOrder[]).map((order) => [order.awb, order.reason])).toEqual([
      ['AWB4', 'invalidPhone'],
      ['AWB3', 'notCallable'],
    ]);

    const status = await desk.status({});
    expect(status).toMatchObject({ mode: 'sandbox', withinWorkingHours: true, runNow: { allowed: true } });
    const run = await desk.runNow({});
    expect(run.started).toBe(true);
    const after = await until(
      () => desk.today({}),
      (today) => today.sessions[0]?.state === 'completed',
    );
    expect(after.sessions[0]).toMatchObject({ trigger: 'manual', calls: 2, newCalls: 2 });
    expect(after.totals.calls).toBe(2);

    const history = await desk.history({});
    expect(history.rows).toHaveLength(2);
    expect(history.counts).toEqual({ calls: 2 });
    const busy = history.rows.find((item) => item.awbs.includes('AWB2'))!;
    expect(busy.outcome).toBe('busy');
    const detail = await desk.call({ id: busy.id });
    expect(detail?.providerCallId).toBeTruthy();

    const cooling = await desk.queue({ tab: 'cooling' });
    const coolingRows = cooling.rows as CoolingOrder[];
    expect(coolingRows.map((order) => order.awb)).toEqual(['AWB2']);
    // Two hours from the session's start (the desk clock runs in real time from 11:00).
    const [session] = (await desk.today({})).sessions;
    expect(coolingRows[0]!.eligibleAt).toBe(session!.startedAt + 2 * 60 * 60_000);
    expect(session!.startedAt).toBeGreaterThanOrEqual(local('2026-11-24T11:00'));
    const orders = await desk.orders({ search: 'priya' });
    expect(orders.rows.map((order) => [order.awb, order.state, order.attempts])).toEqual([
      ['AWB2', 'cooldown until 13:00', 1],
    ]);
  });

  it('refuses run-now outside working hours with the reason', async () => {
    const { desk } = await openDesk('2026-11-24T18:30');
    const status = await desk.status({});
    expect(status.runNow).toEqual({ allowed: false, reason: 'outside working hours' });
    await expect(desk.runNow({})).resolves.toEqual({ started: false, reason: 'outside working hours' });
    const today = await desk.today({});
    expect(today.skippedRuns).toEqual([
      expect.objectContaining({ trigger: 'manual', reason: 'outside working hours' }),
    ]);
  });

  it('stops and starts the scheduler and remembers the choice across restarts', async () => {
    const { desk, dataDir } = await openDesk('2026-11-24T09:00');
    expect((await desk.status({})).nextRuns[0]).toBe(local('2026-11-24T10:00'));
    const stopped = await desk.stopScheduler({});
    expect(stopped).toMatchObject({ schedulerRunning: false, nextRuns: [] });
    await desk.close();
    desks.splice(desks.indexOf(desk), 1);
    const { desk: reopened } = await openDesk('2026-11-24T09:00', dataDir);
    expect((await reopened.status({})).schedulerRunning).toBe(false);
    expect((await reopened.startScheduler({})).schedulerRunning).toBe(true);
  });

  it('keeps the VAPI key write-only: settings show a hint, the key never leaves the main side', async () => {
    const { desk, dataDir } = await openDesk('2026-11-24T11:00');
    const saved = await desk.saveSettings({
      vapi: { apiKey: 'sk-live-1234567890abcdef', assistantId: 'asst_1', phoneNumberId: 'pn_1' },
    });
    expect(saved.vapi).toMatchObject({ keySet: true, keyHint: '…cdef', assistantId: 'asst_1' });
    expect(JSON.stringify(saved)).not.toContain('sk-live-1234567890abcdef');
    // A key switches the desk to live, but it dials nobody before Check VAPI has passed (issue 10).
    expect((await desk.status({})).mode).toBe('live-incomplete');
    const database = readFileSync(join(dataDir, 'desk.sqlite'));
    expect(database.includes(Buffer.from('sk-live-1234567890abcdef'))).toBe(false);
    await desk.saveSettings({ vapi: { apiKey: '' } });
    expect((await desk.status({})).mode).toBe('sandbox');
  });

  it('refuses settings that make no sense, naming the field', async () => {
    const { desk } = await openDesk('2026-11-24T11:00');
    await expect(desk.saveSettings({ calling: { timezone: 'Mars/Base' } })).rejects.toThrow(
      /^calling\.timezone: /,
    );
    await expect(
      desk.saveSettings({ calling: { workingHours: { start: '17:00', end: '10:00' } } }),
    ).rejects.toBeInstanceOf(DeskArgumentError);
    await expect(desk.saveSettings({ calling: { slots: ['09:00'] } })).rejects.toThrow(
      /^calling\.slots: 09:00/,
    );
    const saved = await desk.saveSettings({ calling: { cooldownMinutes: 90, slots: ['12:00', '10:00'] } });
    expect(saved.calling).toMatchObject({ cooldownMinutes: 90, slots: ['10:00', '12:00'] });
  });
});

describe('one desk per data folder', () => {
  it('refuses a second desk on the same folder until the first closes, and takes over a stale lock', async () => {
    const { desk, dataDir } = await openDesk('2026-11-24T11:00');
    await expect(openDesk('2026-11-24T11:00', dataDir)).rejects.toBeInstanceOf(DeskLockedError);
    await desk.close();
    desks.splice(desks.indexOf(desk), 1);
    const { desk: second } = await openDesk('2026-11-24T11:00', dataDir);
    await second.close();
    desks.splice(desks.indexOf(second), 1);
    // A lock left by a process that died is taken over.
    writeFileSync(join(dataDir, 'desk.lock'), '999999');
    const { desk: third } = await openDesk('2026-11-24T11:00', dataDir);
    expect((await third.status({})).schedulerRunning).toBe(true);
  });

  it('refuses a folder held by another running process, naming it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'acs-desk-'));
    writeFileSync(join(dataDir, 'desk.lock'), String(process.ppid));
    expect(() => acquireDeskLock(dataDir)).toThrow(
      /Another Auto Call Scheduler \(process \d+\) is already using/,
    );
  });
});

describe('history', () => {
  it("lists one session's calls when asked by session, newest first", async () => {
    const { desk } = await openDesk('2026-11-24T11:00');
    await desk.importCsv(csvFile());
    await desk.runNow({});
    const today = await until(
      () => desk.today({}),
      (summary) => summary.sessions[0]?.state === 'completed',
    );
    const sessionId = today.sessions[0]!.id;
    const calls = (await desk.history({ sessionId })).rows;
    expect(calls.map((call) => call.sessionId)).toEqual([sessionId, sessionId]);
    expect(calls[0]!.id).toBeGreaterThan(calls[1]!.id);
    expect(await desk.history({ sessionId: sessionId + 1 })).toEqual({
      rows: [],
      nextCursor: null,
      counts: { calls: 0 },
    });
    expect((await desk.history({ sessionId, search: 'raj' })).rows.map((call) => call.awbs)).toEqual([
      ['AWB1'],
    ]);
  });
});
