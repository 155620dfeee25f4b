/**
 * The daily report read from a real store: exactly one desk day's rows (midnight to midnight in the desk's
 * zone), found through the started_at index, with the sessions and actions of that day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskArgumentError } from '../../src/shared/contract';
import { DEFAULT_ANSWERS } from '../../src/main/desk/desk-settings';
import { readDailyReport } from '../../src/main/desk/report-handlers';
import { openStore, type Store } from '../../src/main/store';
import { REPORT_SQL } from '../../src/main/store/reports';
import { addCall, addOrder, addSession, CONFIRMED } from '../helpers/call-history';
import { at, DESK_TZ } from '../helpers/factories';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
  for (const awb of ['A1', 'A2', 'A3', 'A4', 'A5']) addOrder(store, awb, 'OFD');
});
afterEach(() => store.close());

const read = (date?: string, now = at('2026-11-26T12:00')) =>
  readDailyReport(store, { date, now, timezone: DESK_TZ, answers: DEFAULT_ANSWERS });

describe('the daily report from the store', () => {
  it('reads only the calls started on that day in the desk’s zone, midnight to midnight', () => {
    const before = addSession(store, '2026-11-23T13:00');
    addCall(store, before, { at: '2026-11-23T23:59:59', awbs: ['A1'], result: CONFIRMED });
    const day = addSession(store, '2026-11-24T10:00');
    addCall(store, day, { at: '2026-11-24T00:00', awbs: ['A2'] });
    addCall(store, day, { at: '2026-11-24T10:00:05', awbs: ['A3'], result: CONFIRMED });
    addCall(store, day, {
      at: '2026-11-24T23:59',
      awbs: ['A4'],
      result: { outcome: 'answered', answer: { ...CONFIRMED.answer!, intent: 'reschedule' }, cost: 0.1 },
      actions: [{ kind: 'reschedule' }],
    });
    const after = addSession(store, '2026-11-25T10:00');
    addCall(store, after, { at: '2026-11-25T00:00', awbs: ['A5'], result: CONFIRMED, actions: [] });

    const report = read('2026-11-24');
    expect(report.date).toBe('2026-11-24');
    expect(report.sessions.map((s) => s.id)).toEqual([day.id]);
    expect(report.totals).toMatchObject({ calls: 3, successful: 1, failed: 2, ordersConfirmed: 1 });
    expect(report.outcomes).toMatchObject({ busy: 1, answered: 2 });
    expect(report.answers).toMatchObject({ confirmed: 1, reschedule: 1 });
    expect(report.actions.reschedule).toBe(1);
    expect(report.totals.costUsd).toBe(0.27);
    expect(report.totals.costInr).toBe(Math.round(0.27 * DEFAULT_ANSWERS.usdToInr * 100) / 100);
  });

  it('gives a session that began before midnight the calls it made after it', () => {
    const late = addSession(store, '2026-11-23T23:58', 'manual');
    addCall(store, late, { at: '2026-11-23T23:58', awbs: ['A1'] });
    addCall(store, late, { at: '2026-11-24T00:01', awbs: ['A2'], result: CONFIRMED });
    const report = read('2026-11-24');
    expect(report.sessions.map((s) => [s.id, s.calls, s.successful])).toEqual([[late.id, 1, 1]]);
    expect(report.totals.calls).toBe(1);
  });

  it('finds the day’s calls and actions through their indexes, never by reading every call', () => {
    const plans = [REPORT_SQL.calls, REPORT_SQL.sessionIds, REPORT_SQL.actionKinds].map((sql) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 1) as { detail: string }[])
        .map((row) => row.detail)
        .join('; '),
    );
    expect(plans[0]).toMatch(/SEARCH c USING INDEX calls_by_start \(started_at>\? AND started_at<\?\)/);
    expect(plans[1]).toMatch(/SEARCH c USING INDEX calls_by_start \(started_at>\? AND started_at<\?\)/);
    expect(plans[2]).toMatch(/SEARCH a USING INDEX actions_by_created \(created_at>\? AND created_at<\?\)/);
    for (const plan of plans) expect(plan).not.toMatch(/SCAN (c|a)\b/);
  });

  it('reports today when no day is given, and an empty day as zeros', () => {
    const report = read(undefined, at('2026-11-24T18:00'));
    expect(report).toMatchObject({
      date: '2026-11-24',
      sessions: [],
      totals: { calls: 0, successRate: null },
    });
    expect(report.historyKeptFrom).toBe('2026-05-28');
    expect(report.keepCallsDays).toBe(180);
  });

  it('refuses a day that has not come yet, and one that is not on the calendar, naming the field', () => {
    expect(() => read('2026-11-27')).toThrow(DeskArgumentError);
    expect(() => read('2026-11-27')).toThrow('date: 2026-11-27 has not come yet (today is 2026-11-26');
    expect(() => read('2026-02-30')).toThrow('date: 2026-02-30 is not a day on the calendar');
  });
});
