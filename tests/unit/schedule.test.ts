/**
 * Session slots and working hours, always read on the desk's wall clock (Asia/Kolkata unless set otherwise),
 * never on the clock of the machine running the tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalIso } from '../../src/main/domain/local-time';
import {
  REFUSAL_OUTSIDE_HOURS,
  REFUSAL_SESSION_RUNNING,
  isWithinWorkingHours,
  nextSlots,
  runNowRefusal,
  workingHoursEndOn,
} from '../../src/main/domain/schedule';
import { at, makeSettings } from '../helpers/factories';

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
