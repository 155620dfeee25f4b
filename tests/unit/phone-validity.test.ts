/**
 * The compiled Indian validity check (phone-validity.ts) gives libphonenumber-js's own answer. The reference
 * here is the library itself, parsing the text as normalisePhone did before the compiled path existed.
 */
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/main/domain/phone';
import { indiaValidity } from '../../src/main/domain/phone-validity';

/** libphonenumber-js's own answer for ten national digits. */
function libraryValidity(national: string): boolean {
  return parsePhoneNumberFromString(national, 'IN')?.isValid() ?? false;
}

/** What normalisePhone answered for these spellings when only the library decided. */
function libraryAnswer(text: string) {
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: 'IN' });
  return parsed?.isValid()
    ? { ok: true, e164: parsed.number }
    : { ok: false, problem: 'not a valid IN mobile/landline number' };
}

const digit = fc.integer({ min: 0, max: 9 }).map(String);
/** Ten national digits starting 6–9 (India's mobile ranges), never one digit repeated (a placeholder). */
const mobileNational = fc
  .tuple(fc.integer({ min: 6, max: 9 }).map(String), fc.array(digit, { minLength: 9, maxLength: 9 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((national) => !/^(\d)\1+$/.test(national));
/** The spellings panels use: bare, grouped with spaces or hyphens, with a trunk 0, with 91 or +91. */
const spelling = fc.constantFrom(
  (n: string) => n,
  (n: string) => `${n.slice(0, 5)} ${n.slice(5)}`,
  (n: string) => `${n.slice(0, 5)}-${n.slice(5)}`,
  (n: string) => `0${n}`,
  (n: string) => `0${n.slice(0, 5)} ${n.slice(5)}`,
  (n: string) => `91${n}`,
  (n: string) => `91 ${n}`,
  (n: string) => `+91${n}`,
  (n: string) => `+91 ${n.slice(0, 5)} ${n.slice(5)}`,
  (n: string) => `+91-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
);

describe('India’s compiled validity check', () => {
  it('is built from the installed metadata', () => {
    expect(indiaValidity).not.toBeNull();
  });

  it('agrees with libphonenumber-js on random numbers in every spelling', () => {
    fc.assert(
      fc.property(mobileNational, spelling, (national, spell) => {
        const text = spell(national);
        expect(normalisePhone(text)).toEqual(libraryAnswer(text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees with libphonenumber-js on ten digits in every four-digit leading range, landlines too', () => {
    const disagreements: string[] = [];
    let valid = 0;
    for (let prefix = 1000; prefix <= 9999; prefix += 1) {
      const national = `${prefix}${String((prefix * 7919) % 1_000_000).padStart(6, '0')}`;
      const compiled = indiaValidity!.isValidNational(national);
      if (compiled !== libraryValidity(national)) disagreements.push(national);
      if (compiled) valid += 1;
    }
    expect(disagreements).toEqual([]);
    // A real mix (today every mobile range 6–9 is valid, about half the landline ranges are not): a check
    // that said yes, or no, to everything would fail here.
    expect(valid).toBeGreaterThan(4_000);
    expect(valid).toBeLessThan(9_000);
  });

  it('leaves other shapes to the library: a trunk 0, 91 without +, landlines with their area code', () => {
    for (const text of [
      '09876500001',
      '919876500001',
      '022 2212 3456',
      '+91 22 2212 3456',
      '(0)98765 00001',
    ]) {
      expect(normalisePhone(text)).toEqual(libraryAnswer(text));
    }
  });
});
