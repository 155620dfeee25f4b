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

export interface CatchUpInput {
  /** Slot instants that should have fired but did not (the machine slept), any order. */
  missedSlots: number[];
  now: number;
  settings: HoursSettings;
  /** A missed slot may still run on resume if no more than this many minutes late. */
  graceMinutes: number;
  sessionRunning: boolean;
}

export interface CatchUpDecision {
  /** The one missed slot to run now (the latest), or null. */
  run: number | null;
  /** Missed slots to record as missed, each with the reason shown to the operator. */
  missed: { slot: number; reason: string }[];
}

/**
 * After sleep: at most one catch-up session, for the latest missed slot, if it is within the grace period,
 * working hours are on and nothing is dialling. Every other missed slot is recorded as missed.
 */
export function catchUpDecision(input: CatchUpInput): CatchUpDecision {
  const slots = [...input.missedSlots].filter((slot) => slot <= input.now).sort((a, b) => a - b);
  const latest = slots.at(-1);
  const decision: CatchUpDecision = { run: null, missed: [] };
  if (latest === undefined) return decision;
  const lateMinutes = (input.now - latest) / 60_000;
  let latestReason: string | null = null;
  if (input.sessionRunning) latestReason = 'missed while the computer slept; a session was already running';
  else if (!isWithinWorkingHours(input.now, input.settings)) {
    latestReason = 'missed while the computer slept; working hours are over';
  } else if (lateMinutes > input.graceMinutes) {
    latestReason = `missed while the computer slept; more than ${input.graceMinutes} minutes late`;
  }
  for (const slot of slots.slice(0, -1)) {
    decision.missed.push({ slot, reason: 'missed while the computer slept' });
  }
  if (latestReason === null) decision.run = latest;
  else decision.missed.push({ slot: latest, reason: latestReason });
  return decision;
}

/** Slot instants in (from, to]: the ones a sleeping machine did not fire. */
export function slotsBetween(
  from: number,
  to: number,
  settings: Pick<CallingSettings, 'slots' | 'timezone'>,
): number[] {
  const found: number[] = [];
  let cursor = from;
  for (;;) {
    const [next] = nextSlots(cursor, settings, 1);
    if (next === undefined || next > to) return found;
    found.push(next);
    cursor = next;
  }
}
