/**
 * Session slots and working hours, always read on the desk's wall clock (Asia/Kolkata unless set otherwise),
 * never on the clock of the machine running the tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalIso } from '../../src/main/domain/local-time';
import {
  REFUSAL_OUTSIDE_HOURS,
  REFUSAL_SESSION_RUNNING,
  catchUpDecision,
  isWithinWorkingHours,
  nextSlots,
  runNowRefusal,
  slotsBetween,
  workingHoursEndOn,
} from '../../src/main/domain/schedule';
import { DESK_TZ, at, makeSettings } from '../helpers/factories';

const kolkata = makeSettings();
const newYork = makeSettings({ timezone: 'America/New_York' });

function localSlots(after: string, count: number, settings = kolkata): string[] {
  return nextSlots(at(after, settings.timezone), settings, count).map((slot) =>
    formatLocalIso(slot, settings.timezone),
  );
}

describe('working hours 10:00–17:00: start inclusive, end exclusive', () => {
  // A process zone far from India, so a test that used the machine's clock would get every answer wrong.
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each([
    ['2026-11-24T09:59', false],
    ['2026-11-24T09:59:59', false],
    ['2026-11-24T10:00', true],
    ['2026-11-24T10:00:30', true],
    ['2026-11-24T13:30', true],
    ['2026-11-24T16:59', true],
    ['2026-11-24T16:59:59', true],
    ['2026-11-24T17:00', false],
    ['2026-11-24T23:00', false],
    ['2026-11-24T00:00', false],
  ] as const)('at %s in Asia/Kolkata: %s', (local, expected) => {
    expect(isWithinWorkingHours(at(local), kolkata)).toBe(expected);
  });

  it('reads the hours in the desk zone, not the process zone', () => {
    expect(new Date(at('2026-11-24T10:00')).getHours()).not.toBe(10);
    // 10:00 IST is 04:30Z; 16:59 IST is 11:29Z.
    expect(isWithinWorkingHours(Date.UTC(2026, 10, 24, 4, 30), kolkata)).toBe(true);
    expect(isWithinWorkingHours(Date.UTC(2026, 10, 24, 4, 29), kolkata)).toBe(false);
    expect(isWithinWorkingHours(Date.UTC(2026, 10, 24, 11, 30), kolkata)).toBe(false);
  });

  it('honours other hours from the settings', () => {
    const early = makeSettings({ workingHours: { start: '08:30', end: '12:00' } });
    expect(isWithinWorkingHours(at('2026-11-24T08:29'), early)).toBe(false);
    expect(isWithinWorkingHours(at('2026-11-24T08:30'), early)).toBe(true);
    expect(isWithinWorkingHours(at('2026-11-24T11:59'), early)).toBe(true);
    expect(isWithinWorkingHours(at('2026-11-24T12:00'), early)).toBe(false);
  });

  it('keeps the same wall-clock hours in New York on both sides of a daylight-saving change', () => {
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT.
    for (const day of ['2026-03-07', '2026-03-08', '2026-03-09']) {
      expect(isWithinWorkingHours(at(`${day}T09:59`, newYork.timezone), newYork)).toBe(false);
      expect(isWithinWorkingHours(at(`${day}T10:00`, newYork.timezone), newYork)).toBe(true);
      expect(isWithinWorkingHours(at(`${day}T16:59`, newYork.timezone), newYork)).toBe(true);
      expect(isWithinWorkingHours(at(`${day}T17:00`, newYork.timezone), newYork)).toBe(false);
    }
  });

  it('ends working hours at 17:00 on the same local day', () => {
    expect(workingHoursEndOn(at('2026-11-24T10:30'), kolkata)).toBe(at('2026-11-24T17:00'));
    expect(workingHoursEndOn(at('2026-11-24T00:10'), kolkata)).toBe(at('2026-11-24T17:00'));
    expect(workingHoursEndOn(at('2026-11-24T23:50'), kolkata)).toBe(at('2026-11-24T17:00'));
  });

  it('ends working hours at 17:00 New York time on the day the clocks change', () => {
    const end = workingHoursEndOn(at('2026-03-08T10:30', newYork.timezone), newYork);
    expect(end).toBe(Date.UTC(2026, 2, 8, 21, 0)); // 17:00 EDT
  });
});

describe('next scheduled sessions at 10:00, 11:00, 12:00, 13:00', () => {
  it('lists the day\u2019s slots from early morning', () => {
    expect(localSlots('2026-11-24T08:00', 4)).toEqual([
      '2026-11-24T10:00',
      '2026-11-24T11:00',
      '2026-11-24T12:00',
      '2026-11-24T13:00',
    ]);
  });

  it('returns slots strictly after the given instant', () => {
    expect(localSlots('2026-11-24T10:00', 2)).toEqual(['2026-11-24T11:00', '2026-11-24T12:00']);
    expect(localSlots('2026-11-24T09:59:59', 1)).toEqual(['2026-11-24T10:00']);
  });

  it('moves to tomorrow after the last slot of the day', () => {
    expect(localSlots('2026-11-24T13:00', 2)).toEqual(['2026-11-25T10:00', '2026-11-25T11:00']);
    expect(localSlots('2026-11-24T16:00', 1)).toEqual(['2026-11-25T10:00']);
  });

  it('crosses midnight and month ends', () => {
    expect(localSlots('2026-11-30T23:59', 1)).toEqual(['2026-12-01T10:00']);
    expect(localSlots('2026-12-31T13:30', 1)).toEqual(['2027-01-01T10:00']);
  });

  it('spans several days when asked for more slots than one day has', () => {
    expect(localSlots('2026-11-24T12:30', 6)).toEqual([
      '2026-11-24T13:00',
      '2026-11-25T10:00',
      '2026-11-25T11:00',
      '2026-11-25T12:00',
      '2026-11-25T13:00',
      '2026-11-26T10:00',
    ]);
  });

  it('sorts slots written out of order', () => {
    const unsorted = makeSettings({ slots: ['13:00', '10:00', '12:00', '11:00'] });
    expect(localSlots('2026-11-24T10:30', 4, unsorted)).toEqual([
      '2026-11-24T11:00',
      '2026-11-24T12:00',
      '2026-11-24T13:00',
      '2026-11-25T10:00',
    ]);
  });

  it('handles a slot after midnight', () => {
    const late = makeSettings({ slots: ['23:30', '00:15'] });
    expect(localSlots('2026-11-24T23:00', 3, late)).toEqual([
      '2026-11-24T23:30',
      '2026-11-25T00:15',
      '2026-11-25T23:30',
    ]);
  });

  it('returns nothing for no slots or a zero count', () => {
    expect(nextSlots(at('2026-11-24T08:00'), makeSettings({ slots: [] }), 3)).toEqual([]);
    expect(nextSlots(at('2026-11-24T08:00'), kolkata, 0)).toEqual([]);
  });

  it('keeps New York slots at 10:00 local across the spring-forward change', () => {
    const slots = nextSlots(at('2026-03-07T12:30', newYork.timezone), newYork, 4);
    expect(slots.map((slot) => formatLocalIso(slot, newYork.timezone))).toEqual([
      '2026-03-07T13:00',
      '2026-03-08T10:00',
      '2026-03-08T11:00',
      '2026-03-08T12:00',
    ]);
    // 10:00 EST on the 7th is 15:00Z, 10:00 EDT on the 8th is 14:00Z.
    expect(nextSlots(at('2026-03-07T08:00', newYork.timezone), newYork, 1)).toEqual([
      Date.UTC(2026, 2, 7, 15),
    ]);
    expect(slots[1]).toBe(Date.UTC(2026, 2, 8, 14));
  });

  it('keeps New York slots at 10:00 local across the fall-back change', () => {
    // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST; the day has 25 hours.
    const slots = nextSlots(at('2026-10-31T13:30', newYork.timezone), newYork, 2);
    expect(slots).toEqual([Date.UTC(2026, 10, 1, 15), Date.UTC(2026, 10, 1, 16)]);
    expect(slots.map((slot) => formatLocalIso(slot, newYork.timezone))).toEqual([
      '2026-11-01T10:00',
      '2026-11-01T11:00',
    ]);
  });
});

describe('run now', () => {
  it('is allowed inside working hours when nothing is dialling', () => {
    expect(runNowRefusal(at('2026-11-24T15:00'), kolkata, false)).toBeNull();
    expect(runNowRefusal(at('2026-11-24T10:00'), kolkata, false)).toBeNull();
  });

  it('is refused outside working hours', () => {
    expect(REFUSAL_OUTSIDE_HOURS).toBe('outside working hours');
    expect(runNowRefusal(at('2026-11-24T17:30'), kolkata, false)).toBe('outside working hours');
    expect(runNowRefusal(at('2026-11-24T17:00'), kolkata, false)).toBe('outside working hours');
    expect(runNowRefusal(at('2026-11-24T09:59'), kolkata, false)).toBe('outside working hours');
  });

  it('is refused while a session is already running', () => {
    expect(REFUSAL_SESSION_RUNNING).toBe('a session is already running');
    expect(runNowRefusal(at('2026-11-24T11:00'), kolkata, true)).toBe('a session is already running');
  });

  it('names the running session first when both apply', () => {
    expect(runNowRefusal(at('2026-11-24T18:00'), kolkata, true)).toBe('a session is already running');
  });
});

describe('slots a sleeping machine did not fire: after it slept, up to and including when it woke', () => {
  function slept(from: string, to: string, settings = kolkata): string[] {
    return slotsBetween(at(from), at(to), settings).map((slot) => formatLocalIso(slot, DESK_TZ));
  }

  it('lists every slot between going to sleep and waking', () => {
    expect(slept('2026-11-24T09:55', '2026-11-24T12:10')).toEqual([
      '2026-11-24T10:00',
      '2026-11-24T11:00',
      '2026-11-24T12:00',
    ]);
  });

  it('leaves out a slot at the instant it went to sleep and keeps one at the instant it woke', () => {
    expect(slept('2026-11-24T10:00', '2026-11-24T12:00')).toEqual(['2026-11-24T11:00', '2026-11-24T12:00']);
  });

  it('spans the night', () => {
    expect(slept('2026-11-24T12:30', '2026-11-25T10:30')).toEqual(['2026-11-24T13:00', '2026-11-25T10:00']);
  });

  it('finds nothing when no slot falls in the gap, or when the desk has no slots', () => {
    expect(slept('2026-11-24T13:30', '2026-11-24T17:00')).toEqual([]);
    expect(slept('2026-11-24T09:00', '2026-11-25T17:00', makeSettings({ slots: [] }))).toEqual([]);
  });
});

describe('catch-up after sleep: the latest missed slot runs if working hours are on and it is at most the grace period late', () => {
  const SLEPT = 'missed while the computer slept';

  function decide(
    missedSlots: string[],
    now: string,
    { graceMinutes = 30, sessionRunning = false, settings = kolkata } = {},
  ): { run: string | null; missed: [string, string][] } {
    const decision = catchUpDecision({
      missedSlots: missedSlots.map((slot) => at(slot)),
      now: at(now),
      settings,
      graceMinutes,
      sessionRunning,
    });
    return {
      run: decision.run === null ? null : formatLocalIso(decision.run, DESK_TZ),
      missed: decision.missed.map(({ slot, reason }) => [formatLocalIso(slot, DESK_TZ), reason]),
    };
  }

  it('runs a slot missed by less than the grace period', () => {
    expect(decide(['2026-11-24T11:00'], '2026-11-24T11:20')).toEqual({ run: '2026-11-24T11:00', missed: [] });
  });

  it('runs a slot missed by exactly the grace period', () => {
    expect(decide(['2026-11-24T11:00'], '2026-11-24T11:30')).toEqual({ run: '2026-11-24T11:00', missed: [] });
  });

  it('records a slot missed by one second more than the grace period, saying how late is too late', () => {
    expect(decide(['2026-11-24T11:00'], '2026-11-24T11:30:01')).toEqual({
      run: null,
      missed: [['2026-11-24T11:00', `${SLEPT}; more than 30 minutes late`]],
    });
  });

  it('takes the grace period from the settings', () => {
    expect(decide(['2026-11-24T11:00'], '2026-11-24T11:45', { graceMinutes: 45 }).run).toBe(
      '2026-11-24T11:00',
    );
    expect(decide(['2026-11-24T11:00'], '2026-11-24T11:46', { graceMinutes: 45 }).missed).toEqual([
      ['2026-11-24T11:00', `${SLEPT}; more than 45 minutes late`],
    ]);
    expect(decide(['2026-11-24T11:00'], '2026-11-24T11:01', { graceMinutes: 0 }).run).toBeNull();
  });

  it('runs a slot that is due at the very instant the machine wakes', () => {
    expect(decide(['2026-11-24T11:00'], '2026-11-24T11:00')).toEqual({ run: '2026-11-24T11:00', missed: [] });
  });

  it('runs one session for the latest of several missed slots and records the earlier ones', () => {
    expect(decide(['2026-11-24T12:00', '2026-11-24T10:00', '2026-11-24T11:00'], '2026-11-24T12:10')).toEqual({
      run: '2026-11-24T12:00',
      missed: [
        ['2026-11-24T10:00', SLEPT],
        ['2026-11-24T11:00', SLEPT],
      ],
    });
  });

  it('records every missed slot, the latest with its reason, when the latest is too late', () => {
    expect(decide(['2026-11-24T11:00', '2026-11-24T10:00'], '2026-11-24T12:59')).toEqual({
      run: null,
      missed: [
        ['2026-11-24T10:00', SLEPT],
        ['2026-11-24T11:00', `${SLEPT}; more than 30 minutes late`],
      ],
    });
  });

  it('ignores a slot that has not come yet', () => {
    expect(decide(['2026-11-24T11:00', '2026-11-24T12:00'], '2026-11-24T11:10')).toEqual({
      run: '2026-11-24T11:00',
      missed: [],
    });
  });

  it('does nothing when no slot was missed', () => {
    expect(decide([], '2026-11-24T11:10')).toEqual({ run: null, missed: [] });
  });

  it('does not catch up after working hours, even within the grace period', () => {
    const lateSlot = makeSettings({ slots: ['10:00', '16:50'] });
    expect(decide(['2026-11-24T16:50'], '2026-11-24T17:05', { settings: lateSlot })).toEqual({
      run: null,
      missed: [['2026-11-24T16:50', `${SLEPT}; working hours are over`]],
    });
    expect(decide(['2026-11-24T16:50'], '2026-11-24T16:59:59', { settings: lateSlot }).run).toBe(
      '2026-11-24T16:50',
    );
  });

  it('does not start a catch-up during a session, even within the grace period', () => {
    expect(
      decide(['2026-11-24T10:00', '2026-11-24T11:00'], '2026-11-24T11:10', { sessionRunning: true }),
    ).toEqual({
      run: null,
      missed: [
        ['2026-11-24T10:00', SLEPT],
        ['2026-11-24T11:00', `${SLEPT}; a session was already running`],
      ],
    });
  });

  it('gives the first reason that applies: a running session, then the end of working hours, then lateness', () => {
    expect(decide(['2026-11-24T13:00'], '2026-11-24T17:40', { sessionRunning: true }).missed).toEqual([
      ['2026-11-24T13:00', `${SLEPT}; a session was already running`],
    ]);
    expect(decide(['2026-11-24T13:00'], '2026-11-24T17:40').missed).toEqual([
      ['2026-11-24T13:00', `${SLEPT}; working hours are over`],
    ]);
  });
});
