/**
 * The daily report's arithmetic (domain/daily-report.ts) and its CSV (domain/daily-report-csv.ts), on rows
 * written by hand: the seed's table, the breakdowns, and the totals the operator reads at the end of a day.
 */
import { describe, expect, it } from 'vitest';
import { emptySkipCounts } from '../../src/main/domain/policy';
import { buildDailyReport, type ReportCall, type ReportSession } from '../../src/main/domain/daily-report';
import { dailyReportCsv, dailyReportCsvRows } from '../../src/main/domain/daily-report-csv';
import type { DailyReport } from '../../src/shared/desk-types';
import { at, DESK_TZ } from '../helpers/factories';

let nextAwb = 1;
function call(overrides: Partial<ReportCall> = {}): ReportCall {
  return {
    sessionId: 1,
    kind: 'new',
    state: 'ended',
    outcome: 'busy',
    successful: false,
    cost: null,
    talkSeconds: null,
    intent: null,
    awbs: [`AWB${nextAwb++}`],
    ...overrides,
  };
}
const confirmed = (overrides: Partial<ReportCall> = {}) =>
  call({ outcome: 'answered', successful: true, intent: 'confirmed', ...overrides });
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

function session(id: number, start: string, overrides: Partial<ReportSession> = {}): ReportSession {
  return {
    id,
    startedAt: at(start),
    trigger: 'scheduled',
    state: 'completed',
    endedAt: null,
    skipped: emptySkipCounts(),
    ...overrides,
  };
}

function report(input: {
  sessions?: ReportSession[];
  calls?: ReportCall[];
  actionKinds?: DailyReport['actions'] extends Record<infer K, number> ? K[] : never;
  usdToInr?: number;
}): DailyReport {
  return buildDailyReport({
    date: '2026-11-24',
    timezone: DESK_TZ,
    sessions: input.sessions ?? [session(1, '2026-11-24T10:00')],
    calls: input.calls ?? [],
    actionKinds: input.actionKinds ?? [],
    usdToInr: input.usdToInr ?? 88,
    keepCallsDays: 180,
    historyKeptFrom: '2026-05-28',
  });
}

describe('the daily report', () => {
  it('tallies the seed day per session: 100, 10, 35 and 6 calls, 106 successful, 45 failed', () => {
    const seed = [
      { id: 1, start: '2026-11-24T10:00', new: [70, 30], retry: [0, 0] },
      { id: 2, start: '2026-11-24T11:00', new: [7, 3], retry: [0, 0] },
      { id: 3, start: '2026-11-24T12:00', new: [5, 0], retry: [20, 10] },
      { id: 4, start: '2026-11-24T13:00', new: [3, 0], retry: [1, 2] },
    ];
    const calls = seed.flatMap((s) => [
      ...times(s.new[0]!, () => confirmed({ sessionId: s.id })),
      ...times(s.new[1]!, () => call({ sessionId: s.id })),
      ...times(s.retry[0]!, () => confirmed({ sessionId: s.id, kind: 'retry' })),
      ...times(s.retry[1]!, () => call({ sessionId: s.id, kind: 'retry' })),
    ]);
    const day = report({ sessions: seed.map((s) => session(s.id, s.start)), calls });
    expect(
      day.sessions.map((s) => [s.calls, s.newCalls, s.retryCalls, s.successful, s.failed, s.errors]),
    ).toEqual([
      [100, 100, 0, 70, 30, 0],
      [10, 10, 0, 7, 3, 0],
      [35, 5, 30, 25, 10, 0],
      [6, 3, 3, 4, 2, 0],
    ]);
    expect(day.totals).toMatchObject({ calls: 151, successful: 106, failed: 45, errors: 0 });
    expect(day.totals.successRate).toBeCloseTo(106 / 151, 10);
    expect(day.totals.attemptsPerSuccess).toBe(1.42);
  });

  it('lists the sessions oldest first, a session without calls with zeros', () => {
    const day = report({
      sessions: [session(7, '2026-11-24T13:00'), session(3, '2026-11-24T10:00', { trigger: 'manual' })],
      calls: [confirmed({ sessionId: 7 })],
    });
    expect(day.sessions.map((s) => [s.id, s.trigger, s.calls])).toEqual([
      [3, 'manual', 0],
      [7, 'scheduled', 1],
    ]);
  });

  it('orders the sessions by start, then by id, whatever their ids say', () => {
    const day = report({
      sessions: [
        session(3, '2026-11-24T13:00'),
        session(9, '2026-11-24T10:00'),
        session(4, '2026-11-24T10:00'),
      ],
    });
    expect(day.sessions.map((s) => s.id)).toEqual([4, 9, 3]);
  });

  it('counts a call under its outcome only once it has ended with one', () => {
    const day = report({
      calls: [call({ state: 'ended', outcome: null }), call({ state: 'ringing', outcome: 'busy' })],
    });
    expect(day.outcomes).toMatchObject({ unresolved: 2, busy: 0 });
  });

  it('counts a create VAPI refused as an error of its session, not a call, and not in the success rate', () => {
    const day = report({
      calls: [confirmed(), call({ outcome: 'error', kind: 'new' }), call({ outcome: 'no-answer' })],
    });
    expect(day.sessions[0]).toMatchObject({ calls: 2, errors: 1, successful: 1, failed: 1 });
    expect(day.totals).toMatchObject({ calls: 2, errors: 1, successRate: 0.5, attemptsPerSuccess: 2 });
    expect(day.outcomes).toMatchObject({ answered: 1, error: 1, 'no-answer': 1 });
  });

  it('counts a call VAPI has not settled as unresolved: neither successful nor failed, nor in the rate', () => {
    const day = report({
      calls: [
        confirmed(),
        call({ state: 'unresolved', outcome: null }),
        call({ state: 'ringing', outcome: null }),
      ],
    });
    expect(day.outcomes.unresolved).toBe(2);
    expect(day.totals).toMatchObject({ calls: 3, successful: 1, failed: 0, successRate: 1 });
  });

  it('has a count for every line outcome and every answer, zero when none', () => {
    const day = report({ calls: [] });
    expect(day.outcomes).toEqual({
      answered: 0,
      busy: 0,
      'no-answer': 0,
      voicemail: 0,
      failed: 0,
      error: 0,
      interrupted: 0,
      canceled: 0,
      unresolved: 0,
    });
    expect(Object.keys(day.answers)).toEqual([
      'confirmed',
      'reschedule',
      'callback',
      'address-change',
      'cancel',
      'wrong-number',
      'unclear',
      'none',
    ]);
    expect(Object.values(day.actions).every((n) => n === 0)).toBe(true);
    expect(day.totals).toMatchObject({
      calls: 0,
      successRate: null,
      attemptsPerSuccess: null,
      averageTalkSeconds: null,
      costUsd: 0,
      costInr: 0,
    });
  });

  it('counts answers over answered calls only, "none" when no answer could be read', () => {
    const day = report({
      calls: [
        confirmed(),
        call({ outcome: 'answered', intent: 'reschedule' }),
        call({ outcome: 'answered', intent: 'unclear' }),
        call({ outcome: 'answered', intent: null }),
        call({ outcome: 'voicemail' }),
      ],
    });
    expect(day.answers).toMatchObject({ confirmed: 1, reschedule: 1, unclear: 1, none: 1, callback: 0 });
    expect(day.outcomes).toMatchObject({ answered: 4, voicemail: 1 });
  });

  it('averages talk time from pick-up over answered calls, never counting ringing calls', () => {
    const day = report({
      calls: [
        confirmed({ talkSeconds: 40 }),
        call({ outcome: 'answered', intent: 'callback', talkSeconds: 25 }),
        // Answered, but VAPI gave no pick-up time: left out of the average rather than counted as 0.
        call({ outcome: 'answered', intent: 'unclear', talkSeconds: null }),
        call({ outcome: 'no-answer', talkSeconds: 30 }),
      ],
    });
    expect(day.totals.averageTalkSeconds).toBe(32.5);
  });

  it('adds every call VAPI charged for, in dollars and in rupees at the set rate, to the paisa', () => {
    const day = report({
      calls: [
        confirmed({ cost: 0.1234 }),
        call({ cost: 0.05 }),
        call({ outcome: 'canceled', cost: 0.01 }),
        call({ outcome: 'error', cost: null }),
      ],
      usdToInr: 83.5,
    });
    expect(day.totals.costUsd).toBe(0.1834);
    expect(day.totals.costInr).toBe(15.31);
    expect(day.usdToInr).toBe(83.5);
    expect(day.sessions[0]!.cost).toBe(0.1834);
  });

  it('counts attempts per order confirmed: one call confirming two orders on a number counts two', () => {
    const day = report({
      calls: [
        confirmed({ awbs: ['A1', 'A2'] }),
        call({ awbs: ['A3'] }),
        call({ awbs: ['A3'], kind: 'retry' }),
        confirmed({ awbs: ['A3'], kind: 'retry' }),
      ],
    });
    expect(day.totals.ordersConfirmed).toBe(3);
    expect(day.totals.attemptsPerSuccess).toBe(1.33);
  });

  it('counts the actions raised per kind', () => {
    const day = report({ actionKinds: ['reschedule', 'reschedule', 'fix-phone', 'cancel'] });
    expect(day.actions).toEqual({
      reschedule: 2,
      callback: 0,
      'address-change': 0,
      cancel: 1,
      'wrong-number': 0,
      'fix-phone': 1,
    });
  });
});

describe('the daily report as CSV', () => {
  // Built inside each test: a report that throws must fail the test, not the file's import, which the mutation
  // runner would count as passing.
  const day = () =>
    report({
      sessions: [session(1, '2026-11-23T23:30', { trigger: 'manual' }), session(2, '2026-11-24T10:00')],
      calls: [
        confirmed({ sessionId: 1, cost: 0.1, talkSeconds: 30 }),
        confirmed({ sessionId: 2, cost: 0.2, talkSeconds: 50 }),
        call({ sessionId: 2, kind: 'retry', cost: 0.05 }),
      ],
      actionKinds: ['callback'],
    });

  it('starts with a byte-order mark, ends lines with CRLF and is named for the day', () => {
    const file = dailyReportCsv(day());
    expect(file.fileName).toBe('call-report-2026-11-24.csv');
    expect(file.content.startsWith('\uFEFFDaily report,2026-11-24,Asia/Kolkata\r\n')).toBe(true);
    expect(file.content.endsWith('\r\n')).toBe(true);
    expect(file.content.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('puts the seed table first, with a total row, then the breakdowns and the totals', () => {
    const lines = dailyReportCsv(day()).content.replace('\uFEFF', '').split('\r\n');
    expect(lines.slice(2, 6)).toEqual([
      'Session,Trigger,State,Calls,New,Retries,Successful,Failed,Errors,Cost (USD)',
      '2026-11-23 23:30,Run now,completed,1,1,0,1,0,0,0.1',
      '10:00,Scheduled,completed,2,1,1,1,1,0,0.25',
      'Total,,,3,2,1,2,1,0,0.35',
    ]);
    const headings = lines.filter((_, i) => i > 0 && lines[i - 1] === '').map((line) => line.split(',')[0]);
    expect(headings).toEqual(['Session', 'Line outcome', 'Customer answer', 'Actions raised', 'Totals']);
    expect(lines).toContain('Busy,1');
    expect(lines).toContain('Confirmed,2');
    expect(lines).toContain('Call back,1');
    expect(lines).toContain('Success rate,66.7%');
    expect(lines).toContain('Cost (INR),30.8');
    expect(lines).toContain('Average talk time (seconds),40');
  });

  it('writes every section with its labels in order, line by line', () => {
    const lines = dailyReportCsv(day()).content.replace('\uFEFF', '').split('\r\n');
    expect(lines).toEqual([
      'Daily report,2026-11-24,Asia/Kolkata',
      '',
      'Session,Trigger,State,Calls,New,Retries,Successful,Failed,Errors,Cost (USD)',
      '2026-11-23 23:30,Run now,completed,1,1,0,1,0,0,0.1',
      '10:00,Scheduled,completed,2,1,1,1,1,0,0.25',
      'Total,,,3,2,1,2,1,0,0.35',
      '',
      'Line outcome,Calls',
      'Answered,2',
      'Busy,1',
      'No answer,0',
      'Voicemail,0',
      'Failed to connect,0',
      'Error (not dialled),0',
      'Interrupted,0',
      'Cancelled at VAPI,0',
      'Not yet known,0',
      '',
      'Customer answer,Calls',
      'Confirmed,2',
      'Reschedule,0',
      'Call back,0',
      'Address change,0',
      'Cancel,0',
      'Wrong number,0',
      'Unclear,0',
      'No answer read,0',
      '',
      'Actions raised,Count',
      'Reschedule,0',
      'Call back,1',
      'Address change,0',
      'Cancel,0',
      'Wrong number,0',
      'Fix phone,0',
      '',
      'Totals,Value',
      'Calls placed,3',
      'Successful,2',
      'Failed,1',
      'Errors (not dialled),0',
      'Orders confirmed,2',
      'Success rate,66.7%',
      'Calls per order confirmed,1.5',
      'Cost (USD),0.35',
      'Cost (INR),30.8',
      'Rupees per US dollar,88',
      'Average talk time (seconds),40',
      '',
    ]);
  });

  it('names every trigger of a session', () => {
    const triggers = ['scheduled', 'manual', 'catch-up', 'callback'] as const;
    const rows = dailyReportCsvRows(
      report({ sessions: triggers.map((trigger, i) => session(i + 1, `2026-11-24T1${i}:00`, { trigger })) }),
    );
    expect(rows.slice(3, 7).map((row) => row.slice(0, 2))).toEqual([
      ['10:00', 'Scheduled'],
      ['11:00', 'Run now'],
      ['12:00', 'Catch-up'],
      ['13:00', 'Callback'],
    ]);
  });

  it.each([
    ['Zone, East', '"Zone, East"'],
    ['Zone "East"', '"Zone ""East"""'],
    ['Zone\nEast', '"Zone\nEast"'],
    ['Zone\rEast', '"Zone\rEast"'],
    ['Zone East', 'Zone East'],
  ])('quotes a cell that holds a comma, a quote or a line break: %j', (timezone, written) => {
    const file = dailyReportCsv({ ...report({ sessions: [] }), timezone });
    expect(file.content.startsWith(`\uFEFFDaily report,2026-11-24,${written}\r\n`)).toBe(true);
  });

  it('leaves a figure that does not exist empty rather than writing 0 or null', () => {
    const rows = dailyReportCsvRows(report({ calls: [] }));
    expect(rows).toContainEqual(['Success rate', null]);
    const text = dailyReportCsv(report({ calls: [] })).content;
    expect(text).toContain('Success rate,\r\n');
    expect(text).not.toContain('null');
  });
});
