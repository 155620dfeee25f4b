/**
 * How counts, money and rates read on the console: counts in the console's locale (12,34,567 in en-IN),
 * words that agree with their count ("1 order", "2 orders"), cash on delivery in rupees with Indian
 * grouping whatever the locale, and VAPI's charges in the US dollars it bills in.
 */
import { CONSOLE_LOCALE } from './locale';

const counts = new Intl.NumberFormat(CONSOLE_LOCALE);
const wholeRupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  maximumFractionDigits: 0,
});
const rupeesAndPaise = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
const dollars = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'USD' });
// The console's words are English whatever the locale, so English decides singular or plural.
const englishPlural = new Intl.PluralRules('en');

export function formatCount(n: number): string {
  return counts.format(n);
}

/** "order" or "orders" as `n` asks: the noun alone, for sentences that set the number apart. */
export function noun(n: number, singular: string, plural = `${singular}s`): string {
  return englishPlural.select(n) === 'one' ? singular : plural;
}

/** "1 order", "2 orders", "1,250 numbers", "1 retry" / "3 retries" (irregular plurals are given). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${noun(n, singular, plural)}`;
}

/** Cash on delivery: "₹1,250", "₹12,34,567.50" (paise only when there are some); "—" when none was given. */
export function formatRupees(amount: number | null): string {
  if (amount === null) return '—';
  return (Number.isInteger(amount) ? wholeRupees : rupeesAndPaise).format(amount);
}

/** VAPI bills in US dollars: "$0.16". */
export function formatCost(cost: number | null): string {
  return cost === null ? '—' : dollars.format(cost);
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** VAPI's dollars in rupees at the desk's rate (Settings → Rupees per US dollar), to the paisa: "₹23.73". */
export function formatDollarsInRupees(usd: number, usdToInr: number): string {
  return formatRupees(Math.round(usd * usdToInr * 100) / 100);
}
