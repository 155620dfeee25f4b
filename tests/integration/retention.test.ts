/**
 * Call retention on a store holding old and new rows: what goes (old ended calls with their call_orders and
 * done actions, sessions left empty, old skipped runs), what stays whatever its age (a call VAPI has not
 * settled, one an open action points at, every call of an order still callable), in batches, at start and
 * once a day on the desk's clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallRetention, retentionCutoff } from '../../src/main/desk/retention';
import type { LogEntry } from '../../src/main/log';
import { openStore, type Store } from '../../src/main/store';
import { addCall, addOrder, addSession, CONFIRMED } from '../helpers/call-history';
import { at, DESK_TZ } from '../helpers/factories';
import { ManualClock } from '../helpers/manual-clock';

let store: Store;
let clock: ManualClock;
let lines: LogEntry[];
beforeEach(() => {
  store = openStore(':memory:');
  clock = new ManualClock(at('2026-11-24T12:00'));
  lines = [];
  for (const awb of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'N1']) addOrder(store, awb, 'Delivered');
  addOrder(store, 'OFD1', 'OFD', '+919876500099');
});
afterEach(() => store.close());

function retention(keepDays = 180, batchSize?: number) {
  return new CallRetention({
    store,
    clock,
    logger: { log: (line) => lines.push(line) },
    keepDays: () => keepDays,
    timezone: () => DESK_TZ,
    batchSize,
  });
}

const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
const callIds = () => store.calls.all().map((call) => call.id);
/** Moves the desk's clock an hour at a time, letting each hourly check finish and re-arm. */
async function passHoursUntil(local: string): Promise<void> {
  while (clock.now() + 60 * 60_000 <= at(local)) {
    clock.advance(60 * 60_000);
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1), { interval: 1 });
  }
}

describe('retention cutoff', () => {
  it('keeps whole days: 180 days before today’s midnight in the desk’s zone', () => {
    expect(retentionCutoff(at('2026-11-24T12:00'), 180, DESK_TZ)).toBe(at('2026-05-28T00:00'));
    expect(retentionCutoff(at('2026-11-24T00:00'), 7, DESK_TZ)).toBe(at('2026-11-17T00:00'));
  });
});

describe('removing calls older than the kept days', () => {
  it('removes old ended calls with their call_orders and done actions, and keeps what is still needed', async () => {
    const old = addSession(store, '2026-03-02T10:00');
    const oldKept = addSession(store, '2026-03-03T10:00');
    const recent = addSession(store, '2026-11-20T10:00');
    const busy = addCall(store, old, { at: '2026-03-02T10:00', awbs: ['D1'] });
    const doneAction = addCall(store, old, {
      at: '2026-03-02T10:01',
      awbs: ['D2'],
      result: { ...CONFIRMED, answer: { ...CONFIRMED.answer!, intent: 'reschedule' } },
      actions: [{ kind: 'reschedule', done: true }],
    });
    const refused = addCall(store, old, { at: '2026-03-02T10:02', awbs: ['D6'], result: 'error' });
    const dayBefore = addCall(store, old, { at: '2026-05-27T23:59', awbs: ['D6'] });
    const openAction = addCall(store, oldKept, {
      at: '2026-03-03T10:00',
      awbs: ['D3'],
      actions: [{ kind: 'fix-phone' }],
    });
    const unresolved = addCall(store, oldKept, {
      at: '2026-03-03T10:01',
      awbs: ['D4'],
      result: 'unresolved',
    });
    const stillCallable = addCall(store, oldKept, {
      at: '2026-03-03T10:02',
      awbs: ['OFD1'],
      phone: '+919876500099',
    });
    const firstKeptDay = addCall(store, recent, { at: '2026-05-28T00:00', awbs: ['D5'] });
    const newCall = addCall(store, recent, { at: '2026-11-20T10:00', awbs: ['N1'], result: CONFIRMED });
    store.sessions.recordSkippedRun({ at: at('2026-03-02T09:00'), trigger: 'manual', reason: 'outside' });
    store.sessions.recordSkippedRun({ at: at('2026-11-20T09:00'), trigger: 'manual', reason: 'outside' });

    const run = await retention().runNow();

    expect(run).toMatchObject({ before: '2026-05-28', removed: 4, kept: 3, sessions: 1, skippedRuns: 1 });
    expect(callIds()).toEqual([openAction, unresolved, stillCallable, firstKeptDay, newCall]);
    for (const gone of [busy, doneAction, refused, dayBefore]) {
      expect(count(`SELECT COUNT(*) AS n FROM call_orders WHERE call_id = ${gone}`)).toBe(0);
      expect(count(`SELECT COUNT(*) AS n FROM actions WHERE call_id = ${gone}`)).toBe(0);
    }
    expect(store.actions.list({ state: 'all' }).map((action) => [action.callId, action.state])).toEqual([
      [openAction, 'open'],
    ]);
    expect(store.sessions.get(old.id)).toBeUndefined();
    expect(store.sessions.get(oldKept.id)).toBeDefined();
    expect(store.sessions.get(recent.id)).toBeDefined();
    expect(count('SELECT COUNT(*) AS n FROM skipped_runs')).toBe(1);
    // The orders themselves stay: retention removes history, not the order cache.
    expect(store.orders.count()).toBe(8);
    expect(lines.map((line) => line.message)).toEqual([
      'Removed 4 calls older than 180 days (before 2026-05-28); kept 3 older calls that VAPI has not settled, an open action needs, or an order still being called needs',
    ]);
  });

  it('never removes a call of an order still callable, so its attempts still count', async () => {
    const old = addSession(store, '2026-01-10T10:00');
    for (const day of ['10', '11', '12']) {
      addCall(store, old, { at: `2026-01-${day}T10:00`, awbs: ['OFD1'], phone: '+919876500099' });
    }
    await retention().runNow();
    expect(store.calls.all().filter((call) => call.awbs.includes('OFD1'))).toHaveLength(3);
  });

  it('works through many old calls in batches, each its own transaction, and logs the total', async () => {
    const old = addSession(store, '2026-01-10T10:00');
    const awbs = Array.from({ length: 12 }, (_, i) => `B${i}`);
    for (const awb of awbs) addOrder(store, awb, 'RTO');
    awbs.forEach((awb, i) => {
      addCall(store, old, { at: `2026-01-10T10:${String(i).padStart(2, '0')}`, awbs: [awb] });
      // Kept calls between removable ones: the batches must walk past them, not stop at them.
      if (i % 4 === 0)
        addCall(store, old, {
          at: `2026-01-10T10:${String(i).padStart(2, '0')}:30`,
          awbs: ['D4'],
          result: 'unresolved',
        });
    });
    const steps = vi.spyOn(store.retention, 'removeCallsBefore');
    const run = await retention(180, 5).runNow();
    expect(run).toMatchObject({ removed: 12, kept: 3 });
    expect(steps.mock.calls.length).toBe(4);
    expect(callIds()).toHaveLength(3);
    expect(lines[0]!.message).toMatch(/^Removed 12 calls older than 180 days/);
  });

  it('says nothing when nothing is old enough', async () => {
    const recent = addSession(store, '2026-11-20T10:00');
    addCall(store, recent, { at: '2026-11-20T10:00', awbs: ['N1'] });
    expect(await retention().runNow()).toMatchObject({ removed: 0, kept: 0 });
    expect(lines).toEqual([]);
    expect(callIds()).toHaveLength(1);
  });

  it('groups large counts the Indian way in the log', async () => {
    const old = addSession(store, '2026-01-10T10:00');
    const insert = store.db.prepare(
      `INSERT INTO calls (session_id, session_started_at, phone_e164, attempt_number, kind, state, started_at)
       VALUES (?, ?, '+919876500001', 1, 'new', 'ended', ?)`,
    );
    store.transaction(() => {
      for (let i = 0; i < 1204; i += 1) insert.run(old.id, at(old.start), at(old.start) + i);
    });
    await retention().runNow();
    expect(lines[0]!.message).toMatch(/^Removed 1,204 calls older than 180 days/);
  });
});

describe('when retention runs', () => {
  it('runs at start and then once a day on the desk’s clock, with the kept days read at each run', async () => {
    let keepDays = 180;
    const daily = new CallRetention({
      store,
      clock,
      logger: { log: (line) => lines.push(line) },
      keepDays: () => keepDays,
      timezone: () => DESK_TZ,
    });
    const runs = vi.spyOn(daily, 'runNow');
    const session = addSession(store, '2026-05-28T10:00');
    addCall(store, session, { at: '2026-05-28T10:00', awbs: ['D1'] });

    daily.start();
    await vi.waitFor(() => expect(runs).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    expect(callIds()).toHaveLength(1);

    // Hourly checks through the rest of the day do not run it again.
    await passHoursUntil('2026-11-24T23:59');
    expect(runs).toHaveBeenCalledTimes(1);

    // The next desk day: the 28 May call is now older than 180 days.
    await passHoursUntil('2026-11-25T00:00');
    expect(runs).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(callIds()).toHaveLength(0));

    // A shorter setting applies at the next day's run.
    const recent = addSession(store, '2026-11-10T10:00');
    addCall(store, recent, { at: '2026-11-10T10:00', awbs: ['N1'] });
    keepDays = 7;
    await passHoursUntil('2026-11-26T00:00');
    expect(runs).toHaveBeenCalledTimes(3);
    expect(callIds()).toHaveLength(0);
    await daily.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
