/**
 * India's number validity, compiled once from libphonenumber-js's own 'max' metadata, for the one spelling
 * courier panels use for nearly every row: ten national digits ("9876500001", "98765 00001", "+91 98765-00001").
 *
 * Why: libphonenumber-js rebuilds a regular expression from India's 1,263-character fixed-line pattern (and the
 * 915-character mobile one) on every parse and every `isValid()`, about 30–170 µs a number on this machine, so a
 * 100,000-row CSV spent most of its import there. Here the same patterns are compiled once and tested in the
 * same types libphonenumber-js does (`getNumberType`), so the answer is the library's answer: `tests/unit/phone-validity.test.ts` compares both on
 * random numbers in every spelling and on every leading-digit range, so a libphonenumber-js update that reads
 * its metadata differently fails there before it ships.
 */
import { Metadata } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

/**
 * The number types libphonenumber-js tries; any match makes a number valid, so the order only decides the
 * cost: MOBILE first, because nearly every customer's number is a mobile, and a mobile number tested against
 * the 1,263-character fixed-line pattern first paid for that test on every row.
 */
const NUMBER_TYPES = [
  'MOBILE',
  'FIXED_LINE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

/** The parts of libphonenumber-js's Metadata class its own validation reads (not in its published types). */
interface NumberingPlanInternals {
  type(type: string): { pattern(): string | undefined } | undefined;
}

export interface NationalValidity {
  /** Whether ten national digits (no trunk prefix, no country code) are a valid Indian number. */
  isValidNational(national: string): boolean;
}

/**
 * Each type's pattern, compiled once. (The library also tries the country's general pattern and each type's
 * lengths first; for ten digits every type pattern is stricter than both, as the tests' comparison shows.)
 */
function compileIndia(): NationalValidity | null {
  try {
    const metadata = new Metadata(maxMetadata) as unknown as {
      selectNumberingPlan(country: string): void;
      numberingPlan: NumberingPlanInternals;
    };
    metadata.selectNumberingPlan('IN');
    const patterns = NUMBER_TYPES.flatMap((name) => {
      const pattern = metadata.numberingPlan.type(name)?.pattern();
      return pattern ? [new RegExp(`^(?:${pattern})$`)] : [];
    });
    return { isValidNational: (national) => patterns.some((pattern) => pattern.test(national)) };
  } catch {
    return null;
  }
}

/** India's compiled check, or null when the installed metadata could not be read this way. */
export const indiaValidity: NationalValidity | null = compileIndia();
