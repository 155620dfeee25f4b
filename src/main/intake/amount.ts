/**
 * Money as order sources write a COD amount: '₹1,250.00', 'Rs. 1,250', 'INR 499', '1,25,000' (Indian digit
 * grouping), '1250/-', a JSON number, blank or 'Prepaid'. The customer hears this amount, so text that is
 * not clearly money is refused rather than guessed.
 */

export type AmountReading = { ok: true; amount: number | null } | { ok: false };

const NO_AMOUNT = /^(|-+|n\/?a|na|nil|none|null)$/i;
const PREPAID = /^(prepaid|pre-paid|paid|online)$/i;
const AMOUNT = /^(?:₹|rs\.?|inr)?\s*(\d{1,3}(?:,\d{2,3})+|\d+)(\.\d+)?\s*(?:\/-)?$/i;

export function parseCodAmount(value: string | number | null | undefined): AmountReading {
  if (value === null || value === undefined) return { ok: true, amount: null };
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? { ok: true, amount: value } : { ok: false };
  const trimmed = value.trim();
  // An amount first: nearly every row has one, and no text that says "no amount" or "prepaid" has a digit.
  const match = AMOUNT.exec(trimmed);
  if (match) {
    const whole = match[1]!;
    return {
      ok: true,
      amount: Number((whole.includes(',') ? whole.replace(/,/g, '') : whole) + (match[2] ?? '')),
    };
  }
  if (NO_AMOUNT.test(trimmed)) return { ok: true, amount: null };
  if (PREPAID.test(trimmed)) return { ok: true, amount: 0 };
  return { ok: false };
}
