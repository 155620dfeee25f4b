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

  it.each(['N/A', 'NA', 'n/a', 'null', '-', '#N/A', 'Not Available'])('says %j is not a number', (raw) => {
    expect(problemOf(raw)).toBe(`not a number (${raw})`);
  });

  it('refuses a number Excel turned into scientific notation, because the digits are gone', () => {
    expect(problemOf('9.87654E+09')).toBe('Excel scientific notation (9.87654E+09) lost digits');
    expect(problemOf('9,87654E+09')).toContain('Excel scientific notation');
    expect(problemOf('9.87654e9')).toContain('Excel scientific notation');
  });

  it('says how short a short number is', () => {
    expect(problemOf('98765')).toBe('too short (5 digits)');
  });

  it('refuses an overlong number', () => {
    expect(problemOf('98765000019876500001')).toBe('too long (20 digits)');
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

  it('refuses two numbers in one field rather than picking one', () => {
    expect(problemOf('9876500001 / 9876500002')).toContain('more than one number');
    expect(problemOf('9876500001,9876500002')).toContain('more than one number');
  });

  it('refuses placeholder numbers panels put in mandatory fields', () => {
    expect(problemOf('9999999999')).toBe('placeholder number (9999999999)');
    expect(problemOf('+91 0000000000')).toContain('placeholder number');
  });

  it('keeps a real number made mostly of one digit', () => {
    expect(normalisePhone('9111111111')).toEqual({ ok: true, e164: '+919111111111' });
  });

  it('uses the configured region for numbers without a country code', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
    expect(problemOf('9876500001', 'GB')).toBe('not a valid GB mobile/landline number');
  });

  it('keeps a number written with another country code', () => {
    expect(normalisePhone('+44 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
  });
});
