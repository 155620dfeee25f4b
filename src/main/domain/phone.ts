/**
 * Phone normalisation: the one place that decides whether a customer's number can be dialled, and if not,
 * says why in words an operator can act on. Pure; uses libphonenumber-js with its 'max' metadata, because
 * the smaller default metadata only checks lengths and would pass numbers no Indian operator issues.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { indiaValidity } from './phone-validity';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; problem: string };

/** What panels write when they have no number. */
const NOT_A_NUMBER = /^(n\/?a|na|nil|null|none|nan|unknown|not available|-+|\.+|#n\/a|#value!|#ref!)$/i;

/** "9.87654E+09", "9,87654E+09" (European Excel), "9.87654e9": Excel turned the number into a float. */
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

/** Only digits, one '+' and the separators people type between them; anything else is not a phone number. */
const PHONE_CHARACTERS = /^[\d\s\-().]*\+?[\d\s\-().]+$/;

/** Two numbers in one field: "9876500001 / 9876500002", "9876500001, 9876500002". */
const SEVERAL_NUMBERS = /\d{6,}\s*[,/;|&]\s*\+?\d{6,}/;

/** Digits with spaces or hyphens between them, and perhaps a leading '+': the spelling of nearly every row. */
const PLAIN_DIGITS = /^\+?[\d\s-]+$/;

/** Fewer national digits than any Indian number has (and than most countries' numbers). */
const MIN_DIGITS = 8;
/** More digits than E.164 allows (15) plus room for a trunk prefix such as 0 or 0091. */
const MAX_DIGITS = 17;

function regionCode(region: string): CountryCode {
  return region.trim().toUpperCase() as CountryCode;
}

/**
 * Turns what the source wrote into an E.164 number, or the reason it can not be dialled.
 * '9876500001', '+91 98765-00001', '09876500001' and '919876500001' all give '+919876500001' for region IN.
 *
 * Not memoised: the common spelling is checked by a few compiled patterns (phone-validity.ts) in about a
 * microsecond, so remembering answers cost more than it saved (a 100,000-row file of new numbers spent
 * twice the time and ~15 MB on the memo, and a second pass over the same numbers gained nothing measurable).
 */
export function normalisePhone(raw: string, region = 'IN'): PhoneCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (NOT_A_NUMBER.test(text)) return { ok: false, problem: `not a number (${text})` };
  if (SCIENTIFIC.test(text)) {
    return { ok: false, problem: `Excel scientific notation (${text}) lost digits` };
  }
  if (SEVERAL_NUMBERS.test(text)) {
    return { ok: false, problem: `more than one number (${text}); keep one in the source` };
  }
  if (!PHONE_CHARACTERS.test(text)) return { ok: false, problem: `not a number (${text})` };

  const digits = text.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS) return { ok: false, problem: `too short (${digits.length} digits)` };
  if (digits.length > MAX_DIGITS) return { ok: false, problem: `too long (${digits.length} digits)` };
  // Panels fill a mandatory phone field with 9999999999 or 0000000000; such a number reaches no customer.
  const national = digits.length > 10 ? digits.replace(/^(0091|91|0)/, '') : digits;
  if (/^(\d)\1+$/.test(national)) {
    return { ok: false, problem: `placeholder number (${text})` };
  }

  const country = regionCode(region);
  const plain = country === 'IN' && PLAIN_DIGITS.test(text) ? plainIndianNational(text, digits) : null;
  if (plain !== null && indiaValidity) {
    return indiaValidity.isValidNational(plain)
      ? { ok: true, e164: `+91${plain}` }
      : { ok: false, problem: `not a valid ${country} mobile/landline number` };
  }
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country });
  if (!parsed || !parsed.isValid()) {
    return { ok: false, problem: `not a valid ${country} mobile/landline number` };
  }
  return { ok: true, e164: parsed.number };
}

/**
 * The ten national digits of a mobile number spelt "9876500001", "09876500001", "919876500001" or
 * "+91 98765 00001", or null for any other shape (a landline's area code, another country), which the library
 * parses in full. (A national number never starts with 0 or 1 in the mobile ranges 6–9, so the trunk 0 and the
 * country code 91 are read exactly as the library reads them.)
 */
export function plainIndianNational(text: string, digits: string): string | null {
  const national = text.startsWith('+')
    ? digits.startsWith('91') && digits.slice(2)
    : (digits.length === 10 && digits) ||
      (digits.length === 11 && digits.startsWith('0') && digits.slice(1)) ||
      (digits.length === 12 && digits.startsWith('91') && digits.slice(2));
  return national && national.length === 10 && /^[6-9]/.test(national) ? national : null;
}
