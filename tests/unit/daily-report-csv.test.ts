/**
 * The daily report's CSV, whole (domain/daily-report-csv.ts): every heading, every label and every figure
 * where the operator's spreadsheet expects it.
 */
import { describe, expect, it } from 'vitest';
import { emptySkipCounts } from '../../src/main/domain/policy';
import { buildDailyReport, type ReportCall, type ReportSession } from '../../src/main/domain/daily-report';
import { dailyReportCsv } from '../../src/main/domain/daily-report-csv';
import type { DailyReport } from '../../src/shared/desk-types';
import { at, DESK_TZ } from '../helpers/factories';

function call(overrides: Partial<ReportCall>): ReportCall {
  return {
    sessionId: 1,
    kind: 'new',
    state: 'ended',
    outcome: 'busy',
    successful: false,
    cost: null,
    talkSeconds: null,
    intent: null,
    awbs: ['AWB1'],
    ...overrides,
  };
}

function session(id: number, start: string, trigger: ReportSession['trigger']): ReportSession {
  return {
    id,
    startedAt: at(start),
    trigger,
    state: 'completed',
    endedAt: null,
    skipped: emptySkipCounts(),
  };
}

function report(
  sessions: ReportSession[],
  calls: ReportCall[],
  actionKinds: DailyReport['actions'] extends Record<infer K, number> ? K[] : never = [],
) {
  return buildDailyReport({
    date: '2026-11-24',
    timezone: DESK_TZ,
    sessions,
    calls,
    actionKinds,
    usdToInr: 88,
    keepCallsDays: 180,
    historyKeptFrom: '2026-05-28',
  });
}

const linesOf = (day: DailyReport) => dailyReportCsv(day).content.replace('\uFEFF', '').split('\r\n');

describe('the daily report CSV, line by line', () => {
  it('writes every section with its labels in order', () => {
    const day = report(
      [session(1, '2026-11-23T23:30', 'manual'), session(2, '2026-11-24T10:00', 'scheduled')],
      [
        call({
          sessionId: 1,
          outcome: 'answered',
          successful: true,
          intent: 'confirmed',
          cost: 0.1,
          talkSeconds: 30,
          awbs: ['A1'],
        }),
        call({
          sessionId: 2,
          outcome: 'answered',
          successful: true,
          intent: 'confirmed',
          cost: 0.2,
          talkSeconds: 50,
          awbs: ['A2'],
        }),
        call({ sessionId: 2, kind: 'retry', cost: 0.05, awbs: ['A3'] }),
      ],
      ['callback'],
    );
    expect(linesOf(day)).toEqual([
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
    const day = report(
      [
        session(1, '2026-11-24T10:00', 'scheduled'),
        session(2, '2026-11-24T11:00', 'manual'),
        session(3, '2026-11-24T12:00', 'catch-up'),
        session(4, '2026-11-24T15:00', 'callback'),
      ],
      [],
    );
    expect(
      linesOf(day)
        .slice(3, 7)
        .map((line) => line.split(',').slice(0, 2).join(',')),
    ).toEqual(['10:00,Scheduled', '11:00,Run now', '12:00,Catch-up', '15:00,Callback']);
  });

  it.each([
    ['Zone, East', '"Zone, East"'],
    ['Zone "East"', '"Zone ""East"""'],
    ['Zone\nEast', '"Zone\nEast"'],
    ['Zone\rEast', '"Zone\rEast"'],
    ['Zone East', 'Zone East'],
  ])('quotes a cell that holds a comma, a quote or a line break: %j', (timezone, written) => {
    const day = { ...report([], []), timezone };
    expect(dailyReportCsv(day).content.startsWith(`\uFEFFDaily report,2026-11-24,${written}\r\n`)).toBe(true);
  });
});
