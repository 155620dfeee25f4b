/**
 * Days as the Report view names them: YYYY-MM-DD in the desk's time zone (what the date picker and the desk
 * speak), stepping a day at a time, and read out in the console's locale.
 */
import { CONSOLE_LOCALE } from '../../format/locale';

const isoDays = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-24": the calendar day in the desk's zone at `ms`. */
export function isoDay(ms: number, timezone: string): string {
  let format = isoDays.get(timezone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    isoDays.set(timezone, format);
  }
  return format.format(ms);
}

/** The day `days` after (or before) a YYYY-MM-DD day. */
export function shiftDay(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

const dayNames = new Intl.DateTimeFormat(CONSOLE_LOCALE, {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "Tue, 24 Nov 2026" (in the console's locale): a YYYY-MM-DD day as the operator reads it. */
export function formatReportDay(day: string): string {
  return dayNames.format(Date.parse(`${day}T12:00:00Z`));
}
