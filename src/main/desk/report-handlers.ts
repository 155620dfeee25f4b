/**
 * The desk's daily report: `report` (one day, today by default, in the desk's time zone) and `exportReport`
 * (the same as a CSV file). The CLI's `report` command reads the same function, so the console, the terminal
 * and the file always agree.
 */
import { DeskArgumentError, type DeskApi } from '../../shared/contract';
import type { DailyReport } from '../../shared/desk-types';
import { buildDailyReport, type ReportSession } from '../domain/daily-report';
import { dailyReportCsv } from '../domain/daily-report-csv';
import { addLocalDays, formatLocalDate, parseLocalIso } from '../domain/local-time';
import type { Clock } from '../clock';
import type { Store } from '../store';
import type { AnswersSettings, DeskSettings } from './desk-settings';
import { retentionCutoff } from './retention';

export interface ReportHandlerDeps {
  store: Store;
  clock: Clock;
  settings: Pick<DeskSettings, 'calling' | 'answers'>;
}

export interface ReportDay {
  date: string;
  /** The day's first instant in the desk's zone, and the next day's. */
  from: number;
  to: number;
}

/** The day `date` names (today when absent); refuses a day that is not on the calendar or has not come yet. */
export function reportDay(date: string | undefined, now: number, timezone: string): ReportDay {
  const today = formatLocalDate(now, timezone);
  const day = date ?? today;
  const from = parseLocalIso(`${day}T00:00`, timezone);
  if (from === null) throw new DeskArgumentError(`date: ${day} is not a day on the calendar`, 'date');
  if (day > today) {
    throw new DeskArgumentError(`date: ${day} has not come yet (today is ${today} in ${timezone})`, 'date');
  }
  return { date: day, from, to: addLocalDays(from, 1, timezone) };
}

/** One day's report, read from that day's rows only. */
export function readDailyReport(
  store: Store,
  options: { date?: string; now: number; timezone: string; answers: AnswersSettings },
): DailyReport {
  const { timezone, answers, now } = options;
  const day = reportDay(options.date, now, timezone);
  const sessions: ReportSession[] = store.sessions.between(day.from, day.to);
  const known = new Set(sessions.map((session) => session.id));
  // A session that began before midnight and dialled past it: its calls of this day are this day's.
  for (const id of store.reports.sessionIdsWithCallsBetween(day.from, day.to)) {
    const earlier = known.has(id) ? undefined : store.sessions.get(id);
    if (earlier) sessions.push(earlier);
  }
  return buildDailyReport({
    date: day.date,
    timezone,
    sessions,
    calls: store.reports.callsBetween(day.from, day.to),
    actionKinds: store.reports.actionKindsBetween(day.from, day.to),
    usdToInr: answers.usdToInr,
    keepCallsDays: answers.keepCallsDays,
    historyKeptFrom: formatLocalDate(retentionCutoff(now, answers.keepCallsDays, timezone), timezone),
  });
}

export function reportHandlers(deps: ReportHandlerDeps): Pick<DeskApi, 'report' | 'exportReport'> {
  const read = (date: string | undefined) =>
    readDailyReport(deps.store, {
      date,
      now: deps.clock.now(),
      timezone: deps.settings.calling().timezone,
      answers: deps.settings.answers(),
    });
  return {
    report: async ({ date }) => read(date),
    exportReport: async ({ date }) => dailyReportCsv(read(date)),
  };
}
