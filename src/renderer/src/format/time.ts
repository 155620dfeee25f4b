/**
 * How times and durations read on the console: always in the desk's time zone (not the browser's), in the
 * console's one locale (locale.ts), so every time on screen is 12-hour or every time is 24-hour — including
 * the desk's HH:MM slots and the times inside the desk's own sentences ("cooldown until 14:00").
 */
import { CONSOLE_LOCALE } from './locale';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timezone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(CONSOLE_LOCALE, { timeZone: timezone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** "10:00 am" (en-IN) or "10:00" (a 24-hour locale). */
export function formatTime(ms: number, timezone: string): string {
  return formatter(timezone, { hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** "10:00:07 am": log lines and call starts, where seconds matter. */
export function formatTimeSeconds(ms: number, timezone: string): string {
  return formatter(timezone, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(ms);
}

/** "24 Nov, 10:00 am". */
export function formatDateTime(ms: number, timezone: string): string {
  return formatter(timezone, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(
    ms,
  );
}

/** "Tue 24 Nov". */
export function formatDay(ms: number, timezone: string): string {
  return formatter(timezone, { weekday: 'short', day: 'numeric', month: 'short' }).format(ms);
}

/** The calendar date in the desk's zone, for "is this today?" comparisons. */
export function dayKey(ms: number, timezone: string): string {
  return formatter(timezone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** "13:05": the wall clock in the desk's zone, 24-hour, to compare with slot times. */
export function localHhMm(ms: number, timezone: string): string {
  return formatter(timezone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A countdown or an elapsed time: "1h 05m 09s", "4m 07s", "12s" (seconds always, so it visibly ticks). */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** A call's length: "0:45", "12:03". */
export function formatCallLength(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${pad(whole % 60)}`;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall-clock time of the desk's settings ("13:00", a slot or working hours) in the console's format. */
export function formatClock(hhmm: string): string {
  const match = HH_MM.exec(hhmm);
  if (!match) return hhmm;
  return formatter('UTC', { hour: 'numeric', minute: '2-digit' }).format(
    Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2])),
  );
}

/** "10:00–17:00" as "10:00 am–5:00 pm" (or left 24-hour where the locale is). */
export function formatClockRange(start: string, end: string): string {
  return `${formatClock(start)}–${formatClock(end)}`;
}

/**
 * The desk's own sentences carry 24-hour HH:MM times ("cooldown until 14:00", "outside working hours
 * (10:00–17:00)"); this puts each in the console's format, leaving times with seconds and dates alone.
 */
export function localizeClockTimes(text: string): string {
  return text.replace(/(?<![\w:])([01]\d|2[0-3]):([0-5]\d)(?![\w:])/g, (hhmm) => formatClock(hhmm));
}
