/**
 * How a phone number reads on the console: grouped as people say it, "+91 91999 21041", not the E.164 the
 * desk stores and dials ("+919199921041"). Anything that is not a possible international number (a raw
 * value that could not be dialled, say "12345") is shown exactly as it was written, so the operator can see
 * what is wrong with it.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const trimmed = phone.trim();
  if (!trimmed.startsWith('+')) return trimmed;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isPossible() ? parsed.formatInternational() : trimmed;
}

/** The digits of a number, for searching "91999 21041" or "9199921041" in "+919199921041". */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/** The desk's sentences with every E.164 number in them grouped as formatPhone groups it: "Phone number:
 *  +1 415 555 0100 (vapi, active)", not "+14155550100". */
export function localizePhones(text: string): string {
  return text.replace(/(?<![\w+])\+\d{8,15}(?!\d)/g, (e164) => formatPhone(e164));
}
