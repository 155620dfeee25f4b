// The console's formatters (src/renderer/src/format): phones, times, counts and money as the desk reads them.
// Under Node there is no navigator, so the console's locale is its default, en-IN, as on a desk in India.
import { describe, expect, it } from 'vitest';
import { CONSOLE_LOCALE, resolveLocale } from '../../src/renderer/src/format/locale';
import { countOf, formatCost, formatCount, formatRupees, noun } from '../../src/renderer/src/format/numbers';
import { formatPhone, localizePhones, phoneDigits } from '../../src/renderer/src/format/phone';
import {
  formatClock,
  formatClockRange,
  formatTime,
  formatTimeSeconds,
  localizeClockTimes,
} from '../../src/renderer/src/format/time';

const KOLKATA = 'Asia/Kolkata';
/** 2026-11-24 14:05:09 in Kolkata. */
const AFTERNOON = Date.UTC(2026, 10, 24, 8, 35, 9);

describe('phones on the console', () => {
  it('groups an Indian number as it is said: +91 91999 21041', () => {
    expect(formatPhone('+919199921041')).toBe('+91 91999 21041');
    expect(formatPhone('+14155550123')).toBe('+1 415 555 0123');
  });

  it('shows a number that cannot be dialled exactly as written', () => {
    expect(formatPhone('12345')).toBe('12345');
    expect(formatPhone('+91123')).toBe('+91123');
    expect(formatPhone('')).toBe('');
    expect(formatPhone(null)).toBe('');
  });

  it('groups the numbers inside the desk’s own sentences, and nothing else', () => {
    expect(localizePhones('+14155550100 (vapi, active)')).toBe('+1 415 555 0100 (vapi, active)');
    expect(localizePhones('VAPI could not dial +919199921041.')).toBe('VAPI could not dial +91 91999 21041.');
    expect(localizePhones('AWB 1490810023711, ₹1249, +91123')).toBe('AWB 1490810023711, ₹1249, +91123');
  });

  it('searches by digits whatever the spacing', () => {
    expect(phoneDigits('+91 91999 21041')).toBe('919199921041');
  });
});

describe('times on the console', () => {
  it('uses en-IN when the operator has no locale, and the operator’s own otherwise', () => {
    expect(CONSOLE_LOCALE).toBe('en-IN');
    expect(resolveLocale(undefined)).toBe('en-IN');
    expect(resolveLocale(['not a locale!', 'en-GB'])).toBe('en-GB');
    expect(resolveLocale(['hi-IN'])).toBe('hi-IN');
  });

  it('writes every time the same way: instants, setting times and the times inside desk sentences', () => {
    expect(formatTime(AFTERNOON, KOLKATA)).toBe('2:05 pm');
    expect(formatTimeSeconds(AFTERNOON, KOLKATA)).toBe('2:05:09 pm');
    expect(formatClock('14:05')).toBe('2:05 pm');
    expect(formatClock('10:00')).toBe('10:00 am');
    expect(formatClockRange('10:00', '17:00')).toBe('10:00 am–5:00 pm');
    expect(localizeClockTimes('cooldown until 14:00')).toBe('cooldown until 2:00 pm');
    expect(localizeClockTimes('outside working hours (10:00–17:00)')).toBe(
      'outside working hours (10:00 am–5:00 pm)',
    );
  });

  it('leaves alone what is not a wall-clock HH:MM', () => {
    expect(localizeClockTimes('started 2026-11-24T10:00, at 10:00:07, took 1:05')).toBe(
      'started 2026-11-24T10:00, at 10:00:07, took 1:05',
    );
    expect(formatClock('25:00')).toBe('25:00');
  });
});

describe('counts and money on the console', () => {
  it('makes the noun agree with its count', () => {
    expect(countOf(1, 'order')).toBe('1 order');
    expect(countOf(2, 'order')).toBe('2 orders');
    expect(countOf(0, 'order')).toBe('0 orders');
    expect(countOf(1, 'retry', 'retries')).toBe('1 retry');
    expect(countOf(3, 'retry', 'retries')).toBe('3 retries');
    expect(noun(1, 'number')).toBe('number');
  });

  it('groups large counts the Indian way', () => {
    expect(formatCount(1234567)).toBe('12,34,567');
    expect(countOf(100000, 'order')).toBe('1,00,000 orders');
  });

  it('shows cash on delivery in rupees with Indian grouping, and VAPI charges in dollars', () => {
    expect(formatRupees(1250)).toBe('₹1,250');
    expect(formatRupees(1234567.5)).toBe('₹12,34,567.50');
    expect(formatRupees(null)).toBe('—');
    expect(formatCost(0.16)).toBe('$0.16');
    expect(formatCost(null)).toBe('—');
  });
});
