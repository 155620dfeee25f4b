import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/main/domain/phone';

function problemOf(raw: string, region?: string): string {
  const check = normalisePhone(raw, region);
  if (check.ok) throw new Error(`expected a problem for ${raw}, got ${check.e164}`);
  return check.problem;
}

describe('normalisePhone', () => {
  it.each([
    '9876500001',
    '+91 98765-00001',
    '09876500001',
    '919876500001',
    '+91-9876500001',
    '0091 98765 00001',
    '98765 00001',
    '(+91) 98765 00001',
    ' 9876500001 ',
  ])('reads %j as +919876500001', (raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, e164: '+919876500001' });
  });

  it('accepts an Indian landline written with its STD code', () => {
    expect(normalisePhone('011 2345 6789')).toEqual({ ok: true, e164: '+911123456789' });
  });

  it('says "empty" for a blank field', () => {
    expect(problemOf('')).toBe('empty');
    expect(problemOf('   ')).toBe('empty');
  });

  it.each([
    'N/A',
    'NA',
    'n/a',
    'nil',
    'null',
    'None',
    'NaN',
    'unknown',
    '-',
    '--',
    '...',
    '#N/A',
    '#VALUE!',
    '#REF!',
    'Not Available',
  ])('says %j is not a number', (raw) => {
    expect(problemOf(raw)).toBe(`not a number (${raw})`);
  });

  it('refuses a number Excel turned into scientific notation, because the digits are gone', () => {
    expect(problemOf('9.87654E+09')).toBe('Excel scientific notation (9.87654E+09) lost digits');
    expect(problemOf('9,87654E+09')).toContain('Excel scientific notation');
    expect(problemOf('9.87654e9')).toContain('Excel scientific notation');
    expect(problemOf('9E+09')).toBe('Excel scientific notation (9E+09) lost digits');
    expect(problemOf('98.7654E+08')).toContain('Excel scientific notation');
    expect(problemOf('9.87654E+10')).toContain('Excel scientific notation');
  });

  it('says how short a short number is', () => {
    expect(problemOf('98765')).toBe('too short (5 digits)');
    expect(problemOf('9876500')).toBe('too short (7 digits)');
  });

  it('leaves a number of 8 digits, as some countries issue, to the full check', () => {
    expect(normalisePhone('6123 4567', 'SG')).toEqual({ ok: true, e164: '+6561234567' });
  });

  it('refuses an overlong number', () => {
    expect(problemOf('98765000019876500001')).toBe('too long (20 digits)');
    expect(problemOf('987650000123456789')).toBe('too long (18 digits)');
  });

  it('leaves 17 digits (15 of E.164 and a trunk prefix) to the full check', () => {
    expect(problemOf('98765000012345678')).toBe('not a valid IN mobile/landline number');
  });

  it('says a number is not valid when it can not even be read as one', () => {
    expect(problemOf('+0 12345678')).toBe('not a valid IN mobile/landline number');
  });

  it('refuses 11 digits that are not a trunk-prefixed Indian number', () => {
    expect(problemOf('98765000012')).toBe('not a valid IN mobile/landline number');
  });

  it('refuses a mobile number no Indian operator issues (max metadata)', () => {
    // The small default metadata checks only the length and would let these two through.
    expect(problemOf('5555512345')).toBe('not a valid IN mobile/landline number');
    expect(problemOf('2000000001')).toBe('not a valid IN mobile/landline number');
  });

  it('refuses text mixed into the number', () => {
    expect(problemOf('98765abc01')).toBe('not a number (98765abc01)');
    expect(problemOf('+91 +98765 00001')).toBe('not a number (+91 +98765 00001)');
  });

  // The field holds a number and nothing else; words around it could say anything ("alt", "his brother"), so the
  // operator fixes the source rather than the desk guessing which digits to ring.
  it.each([
    'Tel: +91 98765 00001',
    'Mob. 9876500001',
    '98765 00001 (Ravi)',
    '9876500001 ext 12',
    'Tel: 9.87654E+09',
    '9.87654E+09 (old)',
  ])('refuses %j, a number with words around it, as not a number', (raw) => {
    expect(problemOf(raw)).toBe(`not a number (${raw})`);
  });

  it('reads a number with stray separators around it', () => {
    expect(normalisePhone('98765-00001.')).toEqual({ ok: true, e164: '+919876500001' });
    expect(normalisePhone('- 98765 00001')).toEqual({ ok: true, e164: '+919876500001' });
  });

  it('refuses two numbers in one field rather than picking one', () => {
    expect(problemOf('9876500001 / 9876500002')).toContain('more than one number');
    expect(problemOf('9876500001,9876500002')).toContain('more than one number');
    expect(problemOf('9876500001 & 9876500002')).toBe(
      'more than one number (9876500001 & 9876500002); keep one in the source',
    );
    expect(problemOf('9876500001; +919876500002')).toContain('more than one number');
    expect(problemOf('9876500001 |9876500002')).toContain('more than one number');
  });

  it('does not call a short number beside a slash a second phone number', () => {
    expect(problemOf('9876500001 / 22')).toBe('not a number (9876500001 / 22)');
    expect(problemOf('22 / 9876500001')).toBe('not a number (22 / 9876500001)');
  });

  it('refuses placeholder numbers panels put in mandatory fields', () => {
    expect(problemOf('9999999999')).toBe('placeholder number (9999999999)');
    expect(problemOf('+91 0000000000')).toContain('placeholder number');
  });

  it('keeps a real number made mostly of one digit', () => {
    expect(normalisePhone('9111111111')).toEqual({ ok: true, e164: '+919111111111' });
  });

  it('strips a trunk prefix only from the start before looking for a placeholder', () => {
    // A Kazakh mobile, all sevens but for one 0 inside: only a 0 at the start is a trunk prefix.
    expect(normalisePhone('+7 777 077 7777')).toEqual({ ok: true, e164: '+77770777777' });
  });

  it('uses the configured region for numbers without a country code', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
    expect(problemOf('9876500001', 'GB')).toBe('not a valid GB mobile/landline number');
  });

  it('reads the region in any case and spacing', () => {
    expect(normalisePhone('020 7946 0958', ' gb ')).toEqual({ ok: true, e164: '+442079460958' });
  });

  it('keeps a number written with another country code', () => {
    expect(normalisePhone('+44 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
  });
});
