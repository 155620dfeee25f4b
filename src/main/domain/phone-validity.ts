/**
 * India's number validity, compiled once from libphonenumber-js's own 'max' metadata, for the one spelling
 * courier panels use for nearly every row: ten national digits ("9876500001", "98765 00001", "+91 98765-00001").
 *
 * Why: libphonenumber-js rebuilds a regular expression from India's 1,263-character fixed-line pattern (and the
 * 915-character mobile one) on every parse and every `isValid()`, about 30–170 µs a number on this machine, so a
 * 100,000-row CSV spent most of its import there. Here the same patterns are compiled once and tested in the
 * same order libphonenumber-js does (`getNumberType`: the country's general pattern, then each type's lengths
 * and pattern), so the answer is the library's answer. A self-check at load compares both on sample numbers and
 * turns this path off if a future metadata layout ever disagrees; `tests/unit/phone-validity.test.ts` compares
 * them on random numbers across every leading-digit range.
 */
import { Metadata, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

/** The number types libphonenumber-js tries, in its order; any match makes a number valid. */
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
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
interface TypeDefinition {
  pattern(): string | undefined;
  possibleLengths(): number[] | undefined;
}
interface NumberingPlanInternals {
  nationalNumberPattern(): string;
  type(type: string): TypeDefinition | undefined;
}

interface CompiledType {
  pattern: RegExp;
  lengths: readonly number[] | undefined;
}

export interface NationalValidity {
  /** Whether ten or so national digits (no trunk prefix, no country code) are a valid Indian number. */
  isValidNational(national: string): boolean;
}

function compileIndia(): NationalValidity | null {
  try {
    const metadata = new Metadata(maxMetadata) as unknown as {
      selectNumberingPlan(country: string): void;
      numberingPlan: NumberingPlanInternals;
    };
    metadata.selectNumberingPlan('IN');
    const plan = metadata.numberingPlan;
    const general = new RegExp(`^(?:${plan.nationalNumberPattern()})$`);
    const types: CompiledType[] = [];
    for (const name of NUMBER_TYPES) {
      const definition = plan.type(name);
      const pattern = definition?.pattern();
      if (!definition || !pattern) continue;
      types.push({ pattern: new RegExp(`^(?:${pattern})$`), lengths: definition.possibleLengths() });
    }
    return {
      isValidNational: (national) =>
        general.test(national) &&
        types.some(
          ({ pattern, lengths }) =>
            (lengths === undefined || lengths.includes(national.length)) && pattern.test(national),
        ),
    };
  } catch {
    return null;
  }
}

/** libphonenumber-js's own answer for ten national digits, the reference this module must agree with. */
export function libraryValidity(national: string): boolean {
  return parsePhoneNumberFromString(national, 'IN', maxMetadata)?.isValid() ?? false;
}

/**
 * Numbers from each leading-digit range India uses (mobile 6–9, landlines, toll free, junk), checked against
 * the library once at load: a metadata layout that ever reads differently turns the compiled path off.
 */
const SELF_CHECK = [
  '9876500001',
  '8800123456',
  '7000000001',
  '6000000001',
  '6280123456',
  '5912345678',
  '1800123456',
  '2212345678',
  '1123456789',
  '4023456789',
  '0123456789',
  '5000000000',
];

function checkedAgainstLibrary(compiled: NationalValidity | null): NationalValidity | null {
  if (!compiled) return null;
  return SELF_CHECK.every((national) => compiled.isValidNational(national) === libraryValidity(national))
    ? compiled
    : null;
}

/** India's compiled check, or null when it could not be built or disagrees with the library. */
export const indiaValidity: NationalValidity | null = checkedAgainstLibrary(compileIndia());
