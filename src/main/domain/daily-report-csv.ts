/**
 * The daily report as a CSV file for a spreadsheet: the seed's session table first, then the outcome,
 * answer and action breakdowns and the totals, each under its own heading row, separated by blank lines.
 * UTF-8 with a byte-order mark and CRLF line ends, so Excel opens it with ₹ and Hindi intact.
 */
import type { ExportedFile } from '../../shared/desk-types';
import type { DailyReport, SessionTrigger } from '../../shared/desk-types';
import { ACTION_WORDS, ANSWER_WORDS, UNRESOLVED_WORDS } from '../../shared/report-words';
import { formatHhMm, formatLocalDate } from './local-time';

const BOM = '\uFEFF';

export const TRIGGER_WORDS: Record<SessionTrigger, string> = {
  scheduled: 'Scheduled',
  manual: 'Run now',
  'catch-up': 'Catch-up',
  callback: 'Callback',
};

export const OUTCOME_WORDS: Record<keyof DailyReport['outcomes'], string> = {
  answered: 'Answered',
  busy: 'Busy',
  'no-answer': 'No answer',
  voicemail: 'Voicemail',
  failed: 'Failed to connect',
  error: 'Error (not dialled)',
  interrupted: 'Interrupted',
  canceled: 'Cancelled at VAPI',
  unresolved: UNRESOLVED_WORDS,
};

type Cell = string | number | null;

function cell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function breakdown<K extends string>(
  heading: string,
  counts: Record<K, number>,
  words: Record<K, string>,
): Cell[][] {
  return [[heading, 'Calls'], ...(Object.keys(words) as K[]).map((key) => [words[key], counts[key]])];
}

/** "10:00", or "2026-11-23 23:30" for a session that began the day before. */
function sessionStart(report: DailyReport, startedAt: number): string {
  const day = formatLocalDate(startedAt, report.timezone);
  const time = formatHhMm(startedAt, report.timezone);
  return day === report.date ? time : `${day} ${time}`;
}

export function dailyReportCsvRows(report: DailyReport): Cell[][] {
  const t = report.totals;
  const sum = (pick: (row: DailyReport['sessions'][number]) => number) =>
    report.sessions.reduce((total, row) => total + pick(row), 0);
  const actions = breakdown('Actions raised', report.actions, ACTION_WORDS);
  actions[0]![1] = 'Count';
  return [
    ['Daily report', report.date, report.timezone],
    [],
    [
      'Session',
      'Trigger',
      'State',
      'Calls',
      'New',
      'Retries',
      'Successful',
      'Failed',
      'Errors',
      'Cost (USD)',
    ],
    ...report.sessions.map((row) => [
      sessionStart(report, row.startedAt),
      TRIGGER_WORDS[row.trigger],
      row.state,
      row.calls,
      row.newCalls,
      row.retryCalls,
      row.successful,
      row.failed,
      row.errors,
      row.cost,
    ]),
    [
      'Total',
      null,
      null,
      t.calls,
      sum((row) => row.newCalls),
      sum((row) => row.retryCalls),
      t.successful,
      t.failed,
      t.errors,
      t.costUsd,
    ],
    [],
    ...breakdown('Line outcome', report.outcomes, OUTCOME_WORDS),
    [],
    ...breakdown('Customer answer', report.answers, ANSWER_WORDS),
    [],
    ...actions,
    [],
    ['Totals', 'Value'],
    ['Calls placed', t.calls],
    ['Successful', t.successful],
    ['Failed', t.failed],
    ['Errors (not dialled)', t.errors],
    ['Orders confirmed', t.ordersConfirmed],
    ['Success rate', t.successRate === null ? null : `${(t.successRate * 100).toFixed(1)}%`],
    ['Calls per order confirmed', t.attemptsPerSuccess],
    ['Cost (USD)', t.costUsd],
    ['Cost (INR)', t.costInr],
    ['Rupees per US dollar', report.usdToInr],
    ['Average talk time (seconds)', t.averageTalkSeconds],
  ];
}

export function dailyReportCsv(report: DailyReport): ExportedFile {
  const lines = dailyReportCsvRows(report).map((row) => row.map(cell).join(','));
  return { fileName: `call-report-${report.date}.csv`, content: `${BOM}${lines.join('\r\n')}\r\n` };
}
