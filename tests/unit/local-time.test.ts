/**
 * Wall-clock arithmetic in a named time zone: parsing and formatting the scenario's local times, and the
 * conversions to and from instants, including daylight-saving days.
 */
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  atLocalTimeOnSameDay,
  formatHhMm,
  formatLocalDate,
  formatLocalIso,
  fromLocal,
  isValidTimezone,
  parseHhMm,
  parseLocalIso,
  toLocal,
} from '../../src/main/domain/local-time';

const IST = 'Asia/Kolkata';
const NY = 'America/New_York';

describe('parseLocalIso and formatLocalIso', () => {
  it('reads a local time in Asia/Kolkata as UTC+05:30', () => {
    expect(parseLocalIso('2026-11-24T10:00', IST)).toBe(Date.UTC(2026, 10, 24, 4, 30));
    expect(parseLocalIso('2026-11-24T10:07:30', IST)).toBe(Date.UTC(2026, 10, 24, 4, 37, 30));
  });

  it('reads the first day of the year and the last second of a minute', () => {
    expect(parseLocalIso('2027-01-01T00:00', IST)).toBe(Date.UTC(2026, 11, 31, 18, 30));
    expect(parseLocalIso('2026-11-01T10:00:59', IST)).toBe(Date.UTC(2026, 10, 1, 4, 30, 59));
  });

  it.each([
    '2026-11-24T10:00',
    '2026-11-24T00:00',
    '2026-11-24T23:59',
    '2024-02-29T12:00',
    '2026-12-31T23:59',
  ])('round-trips %s', (text) => {
    expect(formatLocalIso(parseLocalIso(text, IST)!, IST)).toBe(text);
    expect(formatLocalIso(parseLocalIso(text, NY)!, NY)).toBe(text);
  });

  it('round-trips seconds when asked for them', () => {
    const instant = parseLocalIso('2026-11-24T10:07:09', IST)!;
    expect(formatLocalIso(instant, IST, true)).toBe('2026-11-24T10:07:09');
    expect(formatLocalIso(instant, IST)).toBe('2026-11-24T10:07');
  });

  it('formats an instant back to the same text from UTC', () => {
    const instant = Date.UTC(2026, 10, 24, 18, 45, 5);
    expect(formatLocalIso(instant, IST, true)).toBe('2026-11-25T00:15:05');
    expect(parseLocalIso(formatLocalIso(instant, IST, true), IST)).toBe(instant);
  });

  it.each([
    '',
    '2026-11-24',
    '2026-11-24 10:00',
    '2026-11-24T10',
    '2026-11-24T10:00Z',
    '2026-11-24T10:00+05:30',
    '2026-11-24T10:00:00.000',
    'on 2026-11-24T10:00',
    '26-11-24T10:00',
    '2026-13-01T10:00',
    '2026-00-01T10:00',
    '2026-11-00T10:00',
    '2026-11-32T10:00',
    '2026-11-24T24:00',
    '2026-11-24T10:60',
    '2026-11-24T10:00:60',
    'tomorrow at ten',
  ])('returns null for %j', (text) => {
    expect(parseLocalIso(text, IST)).toBeNull();
  });

  it.each(['2026-02-30T10:00', '2026-02-29T10:00', '2026-04-31T10:00'])(
    'returns null for the impossible date %s',
    (text) => {
      expect(parseLocalIso(text, IST)).toBeNull();
    },
  );
});

describe('HH:MM', () => {
  it.each([
    ['00:00', 0],
    ['10:00', 600],
    ['13:05', 785],
    ['23:59', 1439],
  ] as const)('reads %s as %i minutes after midnight', (text, minutes) => {
    expect(parseHhMm(text)).toBe(minutes);
  });

  it.each(['24:00', '9:00', '10:60', '10:0', '1000', '10:00:00', ' 10:00', ''])('rejects %j', (text) => {
    expect(parseHhMm(text)).toBeNull();
  });

  it('formats an instant as HH:MM in the given zone, 24-hour, midnight as 00', () => {
    expect(formatHhMm(Date.UTC(2026, 10, 24, 6, 30), IST)).toBe('12:00');
    expect(formatHhMm(Date.UTC(2026, 10, 24, 18, 30), IST)).toBe('00:00');
    expect(formatHhMm(Date.UTC(2026, 10, 24, 6, 30), NY)).toBe('01:30');
  });

  it('formats the local calendar date, which may differ from the UTC date', () => {
    expect(formatLocalDate(Date.UTC(2026, 10, 24, 19, 0), IST)).toBe('2026-11-25');
    expect(formatLocalDate(Date.UTC(2026, 10, 24, 19, 0), 'UTC')).toBe('2026-11-24');
  });

  it('finds a time of day on the same local day', () => {
    const lateEvening = Date.UTC(2026, 10, 24, 17, 0); // 22:30 IST
    expect(atLocalTimeOnSameDay(lateEvening, '10:00', IST)).toBe(Date.UTC(2026, 10, 24, 4, 30));
    const afterMidnight = Date.UTC(2026, 10, 24, 19, 0); // 00:30 IST on the 25th
    expect(atLocalTimeOnSameDay(afterMidnight, '10:00', IST)).toBe(Date.UTC(2026, 10, 25, 4, 30));
  });

  it('refuses a time of day that is not HH:MM', () => {
    expect(() => atLocalTimeOnSameDay(0, '25:00', IST)).toThrow(/HH:MM/);
  });
});

describe('time zones', () => {
  it('knows real IANA zones and refuses made-up ones', () => {
    expect(isValidTimezone(IST)).toBe(true);
    expect(isValidTimezone(NY)).toBe(true);
    expect(isValidTimezone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('fromLocal and toLocal in a daylight-saving zone (America/New_York)', () => {
  it('uses EST (UTC-5) in winter and EDT (UTC-4) in summer', () => {
    expect(fromLocal({ year: 2026, month: 1, day: 15, hour: 10, minute: 0 }, NY)).toBe(
      Date.UTC(2026, 0, 15, 15),
    );
    expect(fromLocal({ year: 2026, month: 7, day: 15, hour: 10, minute: 0 }, NY)).toBe(
      Date.UTC(2026, 6, 15, 14),
    );
  });

  it('reads instants on either side of the spring-forward change', () => {
    expect(toLocal(Date.UTC(2026, 2, 8, 6, 59, 59), NY)).toEqual({
      year: 2026,
      month: 3,
      day: 8,
      hour: 1,
      minute: 59,
      second: 59,
    });
    expect(toLocal(Date.UTC(2026, 2, 8, 7, 0, 0), NY)).toMatchObject({ hour: 3, minute: 0, second: 0 });
  });

  it('round-trips every hour of the spring-forward and fall-back days that exists once', () => {
    for (const day of [8, 9]) {
      for (const hour of [0, 1, 3, 4, 10, 23]) {
        const local = { year: 2026, month: 3, day, hour, minute: 15, second: 0 };
        expect(toLocal(fromLocal(local, NY), NY)).toEqual(local);
      }
    }
    for (const hour of [0, 6, 10, 23]) {
      const local = { year: 2026, month: 11, day: 1, hour, minute: 15, second: 0 };
      expect(toLocal(fromLocal(local, NY), NY)).toEqual(local);
    }
  });

  it.each([2, 3, 4, 5])('round-trips %i:15 on the fall-back day, after the repeated hour', (hour) => {
    const local = { year: 2026, month: 11, day: 1, hour, minute: 15, second: 0 };
    expect(toLocal(fromLocal(local, NY), NY)).toEqual(local);
  });

  it('takes the earlier instant for a time that happens twice when the clocks go back', () => {
    // 2026-11-01 01:30 is first EDT (05:30Z), then EST (06:30Z).
    expect(fromLocal({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NY)).toBe(
      Date.UTC(2026, 10, 1, 5, 30),
    );
  });

  it('shifts a time skipped when the clocks go forward by the gap (02:30 becomes 03:30 EDT)', () => {
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NY)).toBe(
      Date.UTC(2026, 2, 8, 7, 30),
    );
  });

  it('never puts a skipped local time before the instant the clocks went forward', () => {
    const instant = parseLocalIso('2026-03-08T02:30', NY)!;
    expect(instant).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 8, 7, 0));
  });

  // East of UTC the offset before a change is the one 12 hours earlier, not at the local time read as UTC;
  // Lord Howe Island moves its clocks by half an hour, so a wrong candidate can show the right hour.
  it.each([
    // 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST at 01:00Z.
    ['Europe/Berlin', '2026-03-29T00:30', Date.UTC(2026, 2, 28, 23, 30)],
    ['Europe/Berlin', '2026-03-29T01:30', Date.UTC(2026, 2, 29, 0, 30)],
    ['Europe/Berlin', '2026-03-29T03:30', Date.UTC(2026, 2, 29, 1, 30)],
    // 2026-10-04 on Lord Howe Island: 02:00 (UTC+10:30) becomes 02:30 (UTC+11).
    ['Australia/Lord_Howe', '2026-10-04T01:50', Date.UTC(2026, 9, 3, 15, 20)],
    ['Australia/Lord_Howe', '2026-10-04T03:10', Date.UTC(2026, 9, 3, 16, 10)],
  ])('reads %s %s, next to a change of the clocks', (zone, local, instant) => {
    expect(parseLocalIso(local, zone)).toBe(instant);
  });

  it('moves a date the zone skipped altogether to the same time on the next day (Samoa, 30 December 2011)', () => {
    const samoa = 'Pacific/Apia';
    expect(formatLocalIso(parseLocalIso('2011-12-30T10:00', samoa)!, samoa)).toBe('2011-12-31T10:00');
    expect(formatLocalIso(parseLocalIso('2011-12-29T10:00', samoa)!, samoa)).toBe('2011-12-29T10:00');
  });

  it('adds whole local days across the change, keeping the wall-clock time', () => {
    const before = fromLocal({ year: 2026, month: 3, day: 7, hour: 10, minute: 0 }, NY);
    const after = addLocalDays(before, 1, NY);
    expect(formatLocalIso(after, NY)).toBe('2026-03-08T10:00');
    expect(after - before).toBe(23 * 3600_000);
    expect(formatLocalIso(addLocalDays(after, -1, NY), NY)).toBe('2026-03-07T10:00');
  });

  it('adds local days across month and year ends in Asia/Kolkata', () => {
    expect(formatLocalIso(addLocalDays(parseLocalIso('2026-12-31T13:00', IST)!, 1, IST), IST)).toBe(
      '2027-01-01T13:00',
    );
    expect(formatLocalIso(addLocalDays(parseLocalIso('2028-02-28T10:00', IST)!, 1, IST), IST)).toBe(
      '2028-02-29T10:00',
    );
  });

  it('ignores milliseconds when reading the wall clock', () => {
    expect(toLocal(Date.UTC(2026, 10, 24, 4, 30, 59, 999), IST)).toEqual({
      year: 2026,
      month: 11,
      day: 24,
      hour: 10,
      minute: 0,
      second: 59,
    });
  });
});
