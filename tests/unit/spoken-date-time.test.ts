/**
 * Every word the spoken dates and times are read from (domain/spoken-date-time.ts), one table each: a word
 * that stops being read turns a customer's "parso" or "shaam 5 baje" into a note nobody acts on.
 * The call is on Tuesday 24 November 2026.
 */
import { describe, expect, it } from 'vitest';
import { normaliseDate, normaliseTime, readSpokenDate } from '../../src/main/domain/spoken-date-time';

const CALL_DATE = '2026-11-24';

describe('relative days, counted from the call’s day', () => {
  it.each([
    ...['parso', 'parson', 'parsoon', 'परसों', 'परसो'].map((word) => [word, '2026-11-26']),
    ...['tomorrow', 'tmrw', 'tmr', 'kal', 'कल'].map((word) => [word, '2026-11-25']),
    ...['today', 'tonight', 'aaj', 'आज'].map((word) => [word, '2026-11-24']),
    ['kal shaam ko', '2026-11-25'],
    ['the day after tomorrow', '2026-11-26'],
  ])('%s is %s', (said, date) => {
    expect(normaliseDate(said, CALL_DATE)).toBe(date);
  });
});

describe('weekdays: the next one after the call’s day, a week ahead for the same day', () => {
  it.each([
    [['sunday', 'sun', 'ravivar', 'raviwar', 'itvar', 'itwar', 'रविवार'], '2026-11-29'],
    [['monday', 'mon', 'somvar', 'somwar', 'सोमवार'], '2026-11-30'],
    [['tuesday', 'tue', 'tues', 'mangalvar', 'mangalwar', 'मंगलवार'], '2026-12-01'],
    [['wednesday', 'wed', 'budhvar', 'budhwar', 'बुधवार'], '2026-11-25'],
    [['thursday', 'thu', 'thur', 'thurs', 'guruvar', 'guruwar', 'brihaspativar', 'गुरुवार'], '2026-11-26'],
    [['friday', 'fri', 'shukravar', 'shukrawar', 'शुक्रवार'], '2026-11-27'],
    [['saturday', 'sat', 'shanivar', 'shaniwar', 'शनिवार'], '2026-11-28'],
  ])('%j is %s', (names, date) => {
    for (const name of names) expect(normaliseDate(`agle ${name} ko`, CALL_DATE), name).toBe(date);
  });
});

describe('months by name, with the day said beside them', () => {
  it.each([
    [['january', 'jan', 'janvari', 'जनवरी'], '2027-01-15'],
    [['february', 'feb', 'farvari', 'फरवरी'], '2027-02-15'],
    [['march', 'mar', 'maarch', 'मार्च'], '2027-03-15'],
    [['april', 'apr', 'aprail', 'अप्रैल'], '2027-04-15'],
    [['may', 'mai', 'मई'], '2027-05-15'],
    [['june', 'jun', 'joon', 'जून'], '2027-06-15'],
    [['july', 'jul', 'julai', 'जुलाई'], '2027-07-15'],
    [['august', 'aug', 'agast', 'अगस्त'], '2027-08-15'],
    [['september', 'sep', 'sept', 'sitambar', 'सितंबर', 'सितम्बर'], '2027-09-15'],
    [['october', 'oct', 'aktubar', 'अक्टूबर'], '2027-10-15'],
    [['november', 'nov', 'navambar', 'नवंबर', 'नवम्बर'], '2027-11-15'],
    [['december', 'dec', 'disambar', 'दिसंबर', 'दिसम्बर'], '2026-12-15'],
  ])('%j is month %s', (names, date) => {
    for (const name of names) expect(normaliseDate(`15 ${name}`, CALL_DATE), name).toBe(date);
  });

  it.each([
    ['1st december', '2026-12-01'],
    ['December 2nd', '2026-12-02'],
    ['3rd Dec', '2026-12-03'],
    ['31 December', '2026-12-31'],
    ['24 November', '2026-11-24'],
    ['15 December 2027', '2027-12-15'],
    ['15 December 2100', '2100-12-15'],
    ['15 December 1999', '2026-12-15'],
    ['15 December 2101', '2026-12-15'],
    ['0 December', null],
    ['32 December', null],
    ['December', null],
    ['31 November', null],
  ])('%s is %s', (said, date) => {
    expect(normaliseDate(said, CALL_DATE)).toBe(date);
  });
});

describe('dates in figures', () => {
  it.each([
    ['2026/12/01', '2026-12-01'],
    ['2026.12.01', '2026-12-01'],
    ['2026-12-1', '2026-12-01'],
    ['2026-12-01 10:00', '2026-12-01'],
    ['2026-12-011', null],
    ['2026-02-30', null],
    ['1/12', '2026-12-01'],
    ['24/11', '2026-11-24'],
    ['23/11', '2027-11-23'],
    ['01-12-2026', '2026-12-01'],
    ['1.12.26', '2026-12-01'],
    ['1/12/126', null],
    ['30/02', null],
    ['13/13/2026', null],
  ])('%s is %s', (said, date) => {
    expect(normaliseDate(said, CALL_DATE)).toBe(date);
  });
});

describe('readSpokenDate: what it could not read, and a year the extractor got wrong', () => {
  it('rolls an earlier year forward to the next such day, and says so', () => {
    expect(readSpokenDate('2025-11-26', CALL_DATE)).toEqual({
      date: '2026-11-26',
      remark: 'date "2025-11-26" read as 2026-11-26',
    });
    expect(readSpokenDate('2024-11-20', CALL_DATE)).toEqual({
      date: '2027-11-20',
      remark: 'date "2024-11-20" read as 2027-11-20',
    });
  });

  it('keeps a day earlier this year as said', () => {
    expect(readSpokenDate('2026-11-20', CALL_DATE)).toEqual({ date: '2026-11-20', remark: null });
  });

  it('says what was said when it cannot be read, and nothing when nothing was said', () => {
    expect(readSpokenDate('  next   week ', CALL_DATE)).toEqual({
      date: null,
      remark: 'date said: "next week"',
    });
    expect(readSpokenDate('kal', 'tomorrow')).toEqual({ date: null, remark: 'date said: "kal"' });
    expect(readSpokenDate('kal', '2026-02-30')).toEqual({ date: null, remark: 'date said: "kal"' });
    expect(readSpokenDate('   ', CALL_DATE)).toEqual({ date: null, remark: null });
    expect(readSpokenDate(undefined, CALL_DATE)).toEqual({ date: null, remark: null });
  });
});

describe('hours said in words, without a day part (a delivery day runs 08:00–20:00)', () => {
  it.each([
    [['ek', 'one'], '13:00'],
    [['do', 'two'], '14:00'],
    [['teen', 'three'], '15:00'],
    [['char', 'chaar', 'four'], '16:00'],
    [['paanch', 'panch', 'five'], '17:00'],
    [['chhe', 'chheh', 'chah', 'six'], '18:00'],
    [['saat', 'seven'], '19:00'],
    [['aath', 'eight'], '08:00'],
    [['nau', 'nine'], '09:00'],
    [['das', 'ten'], '10:00'],
    [['gyarah', 'gyaarah', 'eleven'], '11:00'],
    [['barah', 'baarah', 'twelve'], '12:00'],
  ])('%j baje is %s', (words, time) => {
    for (const word of words) expect(normaliseTime(`${word} baje`), word).toBe(time);
  });

  it.each([
    ['0 baje', '00:00'],
    ['1 baje', '13:00'],
    ['7 baje', '19:00'],
    ['8 baje', '08:00'],
    ['12 baje', '12:00'],
    ['13 baje', '13:00'],
    ['23:59', '23:59'],
    ['07:00', '07:00'],
    ['7:00', '19:00'],
    ['4.30', '16:30'],
    ['24:00', null],
    ['10:60', null],
    ['baje', null],
  ])('%s is %s', (said, time) => {
    expect(normaliseTime(said)).toBe(time);
  });
});

describe('the part of the day', () => {
  it.each(['am', 'a.m.', 'a.m', 'morning', 'subah', 'subeh', 'सुबह'])('5 %s is the morning', (word) => {
    expect(normaliseTime(`5 ${word}`)).toBe('05:00');
    expect(normaliseTime(`${word} 12 baje`)).toBe('00:00');
  });

  it.each([
    'pm',
    'p.m.',
    'p.m',
    'evening',
    'afternoon',
    'night',
    'shaam',
    'sham',
    'dopahar',
    'dupahar',
    'raat',
    'शाम',
    'दोपहर',
    'रात',
  ])('9 %s is the later half of the day', (word) => {
    expect(normaliseTime(`9 ${word}`)).toBe('21:00');
    expect(normaliseTime(`${word} 12 baje`)).toBe('12:00');
  });

  it.each([
    ['5 exam', '17:00'],
    ['5 amx', '17:00'],
    ['9 upmarket', '09:00'],
    ['9 pmx', '09:00'],
    ['09 pm', '09:00'],
  ])('only whole words count: %s is %s', (said, time) => {
    expect(normaliseTime(said)).toBe(time);
  });
});

describe('half and quarter hours', () => {
  it.each([
    ['dedh', '13:30'],
    ['derh', '13:30'],
    ['डेढ़ बजे', '13:30'],
    ['dhai', '14:30'],
    ['dhaai', '14:30'],
    ['ढाई बजे', '14:30'],
    ['saade 4', '16:30'],
    ['sade 4', '16:30'],
    ['saadhe 4', '16:30'],
    ['sadhe 4', '16:30'],
    ['साढ़े 4', '16:30'],
    ['sava 11', '11:15'],
    ['sawa 11', '11:15'],
    ['सवा 11', '11:15'],
    ['paune 5', '16:45'],
    ['pone 5', '16:45'],
    ['पौने 5', '16:45'],
    ['paune 0', null],
    ['dedh subah', '01:30'],
  ])('%s is %s', (said, time) => {
    expect(normaliseTime(said)).toBe(time);
  });
});

describe('a window of time: its start', () => {
  it.each(['4 – 6', '4 — 6', '4 to 6', '4 se 6', '4 से 6', '4-6', '4 - 6', '4 -6'])(
    '%s starts at 16:00',
    (said) => {
      expect(normaliseTime(said)).toBe('16:00');
    },
  );

  it('keeps a day part said after the window', () => {
    expect(normaliseTime('9 to 11 pm')).toBe('21:00');
  });

  it('does not split a word that only contains "to" or "se"', () => {
    expect(normaliseTime('tomorrow 4')).toBe('16:00');
    expect(normaliseTime('seven')).toBe('19:00');
  });
});

describe('the edges of the date rules', () => {
  it.each([
    ['29/02', CALL_DATE, '2028-02-29'],
    ['29/02', '2028-03-01', '2032-02-29'],
    ['29/02', '2029-03-01', '2032-02-29'],
    ['01-12-2027', CALL_DATE, '2027-12-01'],
    ['1.12.27', CALL_DATE, '2027-12-01'],
    ['2027 December 15', CALL_DATE, '2027-12-15'],
    ['0050-01-01', CALL_DATE, null],
    // A date in figures is read when it is the whole answer; the extractor is asked for nothing else.
    ['by 2026-12-01', CALL_DATE, null],
    ['by 1/12', CALL_DATE, null],
  ])('%s said on %s is %s', (said, callDate, date) => {
    expect(normaliseDate(said, callDate)).toBe(date);
  });

  it('rolls the year 2000 forward like any past year', () => {
    expect(readSpokenDate('15 December 2000', CALL_DATE)).toEqual({
      date: '2026-12-15',
      remark: 'date "15 December 2000" read as 2026-12-15',
    });
  });

  it.each(['2026-11-24T10:00', 'x2026-11-24', '2026-11-24 '])(
    'needs the call’s day as YYYY-MM-DD, not %j',
    (callDate) => {
      expect(readSpokenDate('kal', callDate)).toEqual({ date: null, remark: 'date said: "kal"' });
    },
  );
});

describe('the edges of the time rules', () => {
  it.each([
    ['15:00 pm', '15:00'],
    ['15:00 shaam', '15:00'],
    ['13 subah', '13:00'],
    ['4 se saade 5', '16:00'],
    ['4 to saade 5', '16:00'],
    ['4–saade 5', '16:00'],
    ['4 — saade 5', '16:00'],
  ])('%s is %s', (said, time) => {
    expect(normaliseTime(said)).toBe(time);
  });
});
