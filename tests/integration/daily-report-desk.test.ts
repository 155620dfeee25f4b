/**
 * The daily report and retention through the desk, as the console and the CLI reach them: after a real
 * sandbox session the report agrees with Today, its CSV holds the same rows, the rupee rate and kept days
 * are settings, and a desk that starts on old history removes what is past the kept days.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databasePath } from '../../src/main/data-dir';
import { createDesk, type Desk } from '../../src/main/desk';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { openStore } from '../../src/main/store';
import { parseDeskArgs } from '../../src/shared/contract';
import { addCall, addOrder, addSession } from '../helpers/call-history';
import { local } from '../helpers/engine-harness';

const desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((desk) => desk.close()));
});

async function openDesk(localStart: string, dataDir = mkdtempSync(join(tmpdir(), 'acs-report-'))) {
  const desk = await createDesk({
    dataDir,
    clock: offsetClock(local(localStart), systemClock),
    sandbox: {
      callSeconds: 1,
      outcomes: {
        '+919876500001': ['answered'],
        '+919876500002': ['busy'],
        '+919876500003': ['reschedule:2026-11-26'],
      },
    },
    pollIntervalMs: 100,
  });
  desks.push(desk);
  return desk;
}

const CSV = [
  'AWB No,Consignee,Mobile,Status,Address,Pincode,COD Amount',
  'AWB1,Raj Kumar,9876500001,Out for delivery,1 MG Road,110001,499',
  'AWB2,Priya Sharma,9876500002,Undelivered,2 MG Road,110002,0',
  'AWB3,Amit Das,9876500003,OFD,3 MG Road,110003,120',
].join('\n');

/** What `read` gives once `done` holds (the desk's clock runs in real time; sandbox calls last a second). */
function settled<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!done(value)) throw new Error(`not yet: ${JSON.stringify(value).slice(0, 300)}`);
      return value;
    },
    { timeout: 20_000, interval: 50 },
  );
}

describe('the daily report through the desk', () => {
  it('agrees with Today after a sandbox session, and its CSV holds the same rows', async () => {
    const desk = await openDesk('2026-11-24T11:00');
    await desk.importCsv({ fileName: 'ofd.csv', contentBase64: Buffer.from(CSV).toString('base64') });
    expect((await desk.runNow({})).started).toBe(true);
    // Finished, and every answer read (the reschedule's action is raised with its call's result).
    const today = await settled(
      () => desk.today({}),
      (day) => day.sessions[0]?.state === 'completed' && day.totals.successful + day.totals.failed === 3,
    );
    const report = await desk.report({});
    expect(report.date).toBe('2026-11-24');
    // Today's rows also count the calls still on the line or unsettled (none here, the session is over).
    expect(today.sessions.every((session) => session.inFlight === 0 && session.unresolved === 0)).toBe(true);
    expect(report.sessions.map(({ skipped: _skipped, cost: _cost, ...row }) => row)).toEqual(
      today.sessions.map(
        ({ skipped: _skipped, cost: _cost, inFlight: _inFlight, unresolved: _unresolved, ...row }) => row,
      ),
    );
    expect(report.totals).toMatchObject({
      calls: today.totals.calls,
      successful: today.totals.successful,
      failed: today.totals.failed,
      successRate: today.totals.successRate,
      ordersConfirmed: 1,
      attemptsPerSuccess: 3,
    });
    expect(report.outcomes).toMatchObject({ answered: 2, busy: 1 });
    expect(report.answers).toMatchObject({ confirmed: 1, reschedule: 1 });
    expect(report.actions.reschedule).toBe(1);
    expect(report.totals.averageTalkSeconds).not.toBeNull();

    const file = await desk.exportReport({});
    expect(file.fileName).toBe('call-report-2026-11-24.csv');
    const lines = file.content.replace('\uFEFF', '').split('\r\n');
    expect(lines).toContain('Total,,,3,3,0,1,2,0,' + String(report.totals.costUsd));
    expect(lines).toContain('Reschedule,1');
    expect(await desk.report({ date: '2026-11-23' })).toMatchObject({ sessions: [], totals: { calls: 0 } });
  });

  it('keeps the rupee rate and the kept days as settings, and reports cost at the saved rate', async () => {
    const desk = await openDesk('2026-11-24T18:00');
    expect((await desk.settings({})).answers).toEqual({
      autoWriteback: false,
      keepCallsDays: 180,
      usdToInr: 88,
    });
    const saved = await desk.saveSettings({ answers: { usdToInr: 83.25, keepCallsDays: 90 } });
    expect(saved.answers).toMatchObject({ usdToInr: 83.25, keepCallsDays: 90 });
    expect(await desk.report({})).toMatchObject({
      usdToInr: 83.25,
      keepCallsDays: 90,
      historyKeptFrom: '2026-08-26',
    });
    // The console and the host refuse a kept-days value out of range at the door, in the desk's words.
    expect(() => parseDeskArgs('saveSettings', { answers: { keepCallsDays: 3 } })).toThrow(
      'answers.keepCallsDays: Call history must be kept a whole number of days between 7 and 3650',
    );
  });

  it('removes calls older than the kept days when it starts, and says so in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'acs-report-'));
    const store = openStore(databasePath(dataDir));
    addOrder(store, 'OLD1', 'Delivered');
    const old = addSession(store, '2026-03-02T10:00');
    addCall(store, old, { at: '2026-03-02T10:00', awbs: ['OLD1'] });
    addCall(store, old, { at: '2026-03-02T10:05', awbs: ['OLD1'] });
    store.close();

    const desk = await openDesk('2026-11-24T09:00', dataDir);
    const status = await settled(
      () => desk.status({}),
      (now) => now.log.some((line) => line.message.startsWith('Removed')),
    );
    expect(status.log.map((line) => line.message)).toContain(
      'Removed 2 calls older than 180 days (before 2026-05-28)',
    );
    expect((await desk.history({})).rows).toEqual([]);
    expect(await desk.report({ date: '2026-03-02' })).toMatchObject({
      sessions: [],
      totals: { calls: 0 },
      historyKeptFrom: '2026-05-28',
    });
  });
});
