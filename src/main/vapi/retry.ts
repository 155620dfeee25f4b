/**
 * How long to wait before asking VAPI again: exponential backoff with full jitter, unless VAPI said how long
 * (Retry-After). Pure arithmetic; the client does the waiting on its clock.
 */

/** No single backoff wait grows beyond this, however many retries came before. */
export const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is clamped: a dialer session should not stall for an hour on one header. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Full jitter (a random wait between 0 and the exponential ceiling) spreads retries from the ten parallel
 * dial lines apart instead of having them hit VAPI again in lock-step.
 */
export function backoffDelayMs(retryIndex: number, baseMs: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/**
 * Reads a Retry-After header: delta-seconds, or an HTTP date measured against `nowMs` (the engine's clock,
 * so that a fake VAPI on a virtual clock and the client agree). Null when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - nowMs));
}
