/**
 * How times, durations and money read on the console: always in the desk's time zone (not the browser's),
 * 12- or 24-hour as the operator's locale prefers, with tabular digits so columns do not jitter.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timezone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, { timeZone: timezone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** "10:00 AM" or "10:00". */
export function formatTime(ms: number, timezone: string): string {
  return formatter(timezone, { hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** "10:00:07 AM": log lines and call starts, where seconds matter. */
export function formatTimeSeconds(ms: number, timezone: string): string {
  return formatter(timezone, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(ms);
}

/** "24 Nov, 10:00 AM". */
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

/** VAPI bills in US dollars. */
export function formatCost(cost: number | null): string {
  if (cost === null) return '—';
  return `$${cost.toFixed(2)}`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
