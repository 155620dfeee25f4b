/**
 * Session slots and working hours in the desk's time zone: when the next scheduled sessions are, and whether
 * a call may start now. Pure; `now` is always passed in.
 */
import { addLocalDays, atLocalTimeOnSameDay, parseHhMm, toLocal } from './local-time';
import type { CallingSettings } from './settings';

type HoursSettings = Pick<CallingSettings, 'workingHours' | 'timezone'>;

function localMinutes(now: number, timezone: string): number {
  const local = toLocal(now, timezone);
  return local.hour * 60 + local.minute + local.second / 60;
}

/** True from the start of working hours (inclusive) to their end (exclusive). */
export function isWithinWorkingHours(now: number, settings: HoursSettings): boolean {
  const minutes = localMinutes(now, settings.timezone);
  const start = parseHhMm(settings.workingHours.start) ?? 0;
  const end = parseHhMm(settings.workingHours.end) ?? 24 * 60;
  return minutes >= start && minutes < end;
}

/** The end of working hours on the local day containing `now`. */
export function workingHoursEndOn(now: number, settings: HoursSettings): number {
  return atLocalTimeOnSameDay(now, settings.workingHours.end, settings.timezone);
}

/** The next `count` slot instants strictly after `after`, soonest first. */
export function nextSlots(
  after: number,
  settings: Pick<CallingSettings, 'slots' | 'timezone'>,
  count: number,
): number[] {
  if (settings.slots.length === 0 || count <= 0) return [];
  const found: number[] = [];
  for (let dayOffset = 0; found.length < count && dayOffset < 366; dayOffset += 1) {
    const day = addLocalDays(after, dayOffset, settings.timezone);
    const instants = settings.slots
      .map((slot) => atLocalTimeOnSameDay(day, slot, settings.timezone))
      .filter((instant) => instant > after)
      .sort((a, b) => a - b);
    found.push(...instants);
  }
  return found.slice(0, count);
}

export const REFUSAL_OUTSIDE_HOURS = 'outside working hours';
export const REFUSAL_SESSION_RUNNING = 'a session is already running';

/** Why a manual run cannot start now (the scenario report's wording), or null when it can. */
export function runNowRefusal(now: number, settings: HoursSettings, sessionRunning: boolean): string | null {
  if (sessionRunning) return REFUSAL_SESSION_RUNNING;
  if (!isWithinWorkingHours(now, settings)) return REFUSAL_OUTSIDE_HOURS;
  return null;
}
