/**
 * The plain spellings of an Indian mobile number are checked by the compiled patterns (phone-validity.ts),
 * never by parsing with libphonenumber-js, which costs 30–170 µs a number; every other shape still is. (That
 * the two give the same answer is phone-validity.test.ts's job.)
 */
import { describe, expect, it, vi } from 'vitest';

const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock('libphonenumber-js/max', async (importOriginal) => {
  const real = await importOriginal<typeof import('libphonenumber-js/max')>();
  return {
    ...real,
    parsePhoneNumberFromString: (...args: Parameters<typeof real.parsePhoneNumberFromString>) => {
      parsed.count += 1;
      return real.parsePhoneNumberFromString(...args);
    },
  };
});

const { normalisePhone, plainIndianNational } = await import('../../src/main/domain/phone');

describe('the plain spellings of an Indian mobile number', () => {
  it.each([
    ['9876500001', '9876500001', '9876500001'],
    ['98765 00001', '9876500001', '9876500001'],
    ['09876500001', '09876500001', '9876500001'],
    ['919876500001', '919876500001', '9876500001'],
    ['+91 98765-00001', '919876500001', '9876500001'],
    ['+919876500001', '919876500001', '9876500001'],
    // Ten digits starting 91 are a number, not a country code.
    ['9187654321', '9187654321', '9187654321'],
  ])('%s reads as ten national digits', (text, digits, national) => {
    expect(plainIndianNational(text, digits)).toBe(national);
  });

  it.each([
    ['2212345678', '2212345678'], // a landline without its 0
    ['5912345678', '5912345678'], // not a mobile range
    ['+44 7911 123456', '447911123456'], // another country
    ['+9198765000012', '9198765000012'], // one digit too many
    ['0919876500001', '0919876500001'], // 0 and 91 together
    ['98765000011', '98765000011'], // eleven digits without a trunk 0
  ])('%s is left to the library', (text, digits) => {
    expect(plainIndianNational(text, digits)).toBeNull();
  });

  it('checks plain spellings without parsing, and parses every other shape', () => {
    parsed.count = 0;
    expect(normalisePhone('9876512345')).toEqual({ ok: true, e164: '+919876512345' });
    expect(normalisePhone('+91 98765 12346')).toEqual({ ok: true, e164: '+919876512346' });
    expect(normalisePhone('0 98765 12347')).toEqual({ ok: true, e164: '+919876512347' });
    expect(parsed.count).toBe(0);
    expect(normalisePhone('022 2212 3456').ok).toBe(true);
    expect(normalisePhone('(0)98765 12348').ok).toBe(true);
    expect(normalisePhone('9876512349', 'AE').ok).toBe(false);
    expect(parsed.count).toBe(3);
  });
});
