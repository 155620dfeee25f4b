/**
 * `npm run desk -- report [<YYYY-MM-DD>] [--json]`: one day's report from the desk's store, read with the same
 * function the console's Report view uses, as JSON or as tables for a person: the seed's session table, the
 * totals, then the outcome, answer and action breakdowns.
 */
import type { DailyReport } from '../../shared/desk-types';
import { ACTION_WORDS, ANSWER_WORDS } from '../../shared/report-words';
import { OUTCOME_WORDS, TRIGGER_WORDS } from '../domain/daily-report-csv';
import { formatHhMm, formatLocalDate } from '../domain/local-time';
import { answersSettingsOf } from '../desk/desk-settings';
import { readDailyReport } from '../desk/report-handlers';
import type { Store } from '../store';
import { callingSettings, table } from './desk-commands';

export function dailyReportOf(store: Store, date: string | undefined, now: number): DailyReport {
  return readDailyReport(store, {
    date,
    now,
    timezone: callingSettings(store).timezone,
    answers: answersSettingsOf(store),
  });
}

const counts = new Intl.NumberFormat('en-IN');
const rupees = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
const dollars = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'USD' });

function talkTime(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function breakdown<K extends string>(
  heading: string,
  figures: Record<K, number>,
  words: Record<K, string>,
  unit = 'Calls',
) {
  const rows = (Object.keys(words) as K[]).map((key) => [words[key], counts.format(figures[key])]);
  return table([[heading, unit], ...rows], new Set([1]));
}

export function formatDailyReport(report: DailyReport): string {
  const t = report.totals;
  const lines = [`Daily report for ${report.date} (${report.timezone})`, ''];
  if (report.sessions.length === 0 && t.calls + t.errors === 0) {
    lines.push(`No calls on ${report.date}.`);
    if (report.date < report.historyKeptFrom) {
      lines.push(
        `Calls before ${report.historyKeptFrom} are removed (history is kept ${report.keepCallsDays} days).`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
  const sessionRows = report.sessions.map((s) => {
    const day = formatLocalDate(s.startedAt, report.timezone);
    const time = formatHhMm(s.startedAt, report.timezone);
    return [
      day === report.date ? time : `${day} ${time}`,
      TRIGGER_WORDS[s.trigger],
      s.state,
      ...[s.calls, s.newCalls, s.retryCalls, s.successful, s.failed, s.errors].map((n) => counts.format(n)),
      dollars.format(s.cost),
    ];
  });
  const sum = (pick: (s: DailyReport['sessions'][number]) => number) =>
    counts.format(report.sessions.reduce((total, s) => total + pick(s), 0));
  const header = ['Session', 'Trigger', 'State', 'Calls', 'New', 'Retries', 'Successful', 'Failed'];
  lines.push(
    table(
      [
        [...header, 'Errors', 'Cost'],
        ...sessionRows,
        [
          'Total',
          '',
          '',
          counts.format(t.calls),
          sum((s) => s.newCalls),
          sum((s) => s.retryCalls),
          counts.format(t.successful),
          counts.format(t.failed),
          counts.format(t.errors),
          dollars.format(t.costUsd),
        ],
      ],
      new Set([3, 4, 5, 6, 7, 8, 9]),
    ),
    '',
    `Success rate ${t.successRate === null ? '—' : `${Math.round(t.successRate * 100)}%`}` +
      ` · ${counts.format(t.ordersConfirmed)} ${t.ordersConfirmed === 1 ? 'order' : 'orders'} confirmed` +
      ` · ${t.attemptsPerSuccess === null ? '—' : t.attemptsPerSuccess} calls per order confirmed`,
    `Cost ${rupees.format(t.costInr)} (${dollars.format(t.costUsd)} at ₹${report.usdToInr} per $)` +
      ` · average talk time ${talkTime(t.averageTalkSeconds)} from pick-up`,
    '',
    breakdown('Line outcome', report.outcomes, OUTCOME_WORDS),
    '',
    breakdown('Customer answer', report.answers, ANSWER_WORDS),
    '',
    breakdown('Actions raised', report.actions, ACTION_WORDS, 'Count'),
  );
  return `${lines.join('\n')}\n`;
}
