/**
 * Wall-clock arithmetic in the desk's time zone, on plain Intl, so that "10:00" means 10:00 in Asia/Kolkata
 * whatever zone the workstation (or CI) is set to.
 */

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** True when `timezone` is an IANA zone this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timezone` at the instant `epochMs`. */
export function toLocal(epochMs: number, timezone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function offsetAt(epochMs: number, timezone: string): number {
  const local = toLocal(epochMs, timezone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timezone` shows `local`. In a daylight-saving gap (a time that does
 * not exist) the result is shifted forward by the gap; in an overlap (a time that happens twice) the earlier
 * instant is taken.
 */
export function fromLocal(
  local: Omit<LocalDateTime, 'second'> & { second?: number },
  timezone: string,
): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  // The zone's offset half a day either side covers any transition near this time.
  const withOffsetBefore = asUtc - offsetAt(asUtc - 12 * 3_600_000, timezone);
  const withOffsetAfter = asUtc - offsetAt(asUtc + 12 * 3_600_000, timezone);
  const showsLocal = (instant: number) => {
    const back = toLocal(instant, timezone);
    return (
      back.year === local.year &&
      back.month === local.month &&
      back.day === local.day &&
      back.hour === local.hour &&
      back.minute === local.minute
    );
  };
  const matching = [withOffsetBefore, withOffsetAfter].filter(showsLocal);
  if (matching.length > 0) return Math.min(...matching);
  // In a gap, the offset from before the change moves the time forward by the gap (02:30 → 03:30).
  return Math.max(withOffsetBefore, withOffsetAfter);
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for an "HH:MM" string, or null when it is not one. */
export function parseHhMm(text: string): number | null {
  const match = HH_MM.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function requireHhMm(text: string): number {
  const minutes = parseHhMm(text);
  if (minutes === null) throw new Error(`"${text}" is not a time of day in HH:MM`);
  return minutes;
}

/** The instant of local time `hhmm` on the local calendar day that contains `epochMs`. */
export function atLocalTimeOnSameDay(epochMs: number, hhmm: string, timezone: string): number {
  const day = toLocal(epochMs, timezone);
  const minutes = requireHhMm(hhmm);
  return fromLocal(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    timezone,
  );
}

/** Adds whole local calendar days (safe across daylight-saving changes). */
export function addLocalDays(epochMs: number, days: number, timezone: string): number {
  const local = toLocal(epochMs, timezone);
  const shifted = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return fromLocal(
    {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: local.hour,
      minute: local.minute,
      second: local.second,
    },
    timezone,
  );
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** "HH:MM" in `timezone`, for messages such as "cooldown until 12:00". */
export function formatHhMm(epochMs: number, timezone: string): string {
  const local = toLocal(epochMs, timezone);
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

/** "YYYY-MM-DD" of the local calendar day. */
export function formatLocalDate(epochMs: number, timezone: string): string {
  const local = toLocal(epochMs, timezone);
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** "YYYY-MM-DDTHH:MM" or, with seconds, "YYYY-MM-DDTHH:MM:SS", local and without offset (the scenario format). */
export function formatLocalIso(epochMs: number, timezone: string, withSeconds = false): string {
  const local = toLocal(epochMs, timezone);
  const base = `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}`;
  return withSeconds ? `${base}:${pad(local.second)}` : base;
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses "YYYY-MM-DDTHH:MM[:SS]" as local time in `timezone`; null when malformed. */
export function parseLocalIso(text: string, timezone: string): number | null {
  const match = LOCAL_ISO.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return null;
  // A month or day out of range (00, 13, 31 November) moves the date: its month or day no longer matches.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  return fromLocal({ year, month, day, hour, minute, second }, timezone);
}
