// Desk statuses for the shell's unit tests: a quiet desk at 09:30 IST that each test changes as it needs.
import type { DeskStatus, LiveSession } from '../../src/shared/desk-types';

/** 2026-11-24 in Asia/Kolkata (UTC+05:30) at the given local HH:MM. */
export function ist(hhmm: string): number {
  return Date.parse(`2026-11-24T${hhmm}:00+05:30`);
}

export function deskStatus(overrides: Partial<DeskStatus> = {}): DeskStatus {
  return {
    now: ist('09:30'),
    timezone: 'Asia/Kolkata',
    mode: 'live',
    schedulerRunning: true,
    withinWorkingHours: false,
    workingHours: { start: '10:00', end: '17:00' },
    slots: ['10:00', '12:00'],
    nextRuns: [ist('10:00'), ist('12:00')],
    runNow: { allowed: false, reason: 'outside working hours' },
    session: null,
    lastSync: null,
    attention: [],
    log: [],
    ...overrides,
  };
}

export function liveSession(overrides: Partial<LiveSession> = {}): LiveSession {
  return {
    id: 7,
    startedAt: ist('10:00'),
    trigger: 'scheduled',
    planned: 100,
    completed: 40,
    successful: 30,
    failed: 10,
    errors: 0,
    unresolved: 0,
    inFlight: [],
    paused: null,
    stoppedBecause: null,
    ...overrides,
  };
}
