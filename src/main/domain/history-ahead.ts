/**
 * The call history as it will be, for the forecast and run now: calls assumed made (a number called at a
 * session's start, reaching nobody) and the running session's unsettled calls assumed ended the same way,
 * applied to the summaries the policy plans from (PlanHistory) exactly as `summariseCalls` would count them
 * had they been in the list of calls. Pure; works on one summary per order and per number, so the forecast
 * never reads the calls themselves.
 */
import type { OrderHistory, PhoneHistory, PlanHistory } from './policy';

/** A call assumed made: the number called at a session's start, for these orders, without success. */
export interface AssumedCall {
  phoneE164: string;
  awbs: readonly string[];
  sessionStartedAt: number;
}

/** A call of the running session not ended yet (on a line, or not settled with VAPI). */
export interface UnsettledCall {
  phoneE164: string;
}

/** A history the forecast may change as it goes: its own maps, never the caller's. */
export interface HistoryAhead extends PlanHistory {
  orders: Map<string, OrderHistory>;
  phones: Map<string, PhoneHistory>;
}

/** A copy of `history` to add assumed calls to (the summaries themselves are replaced, never changed). */
export function historyAhead(history: PlanHistory): HistoryAhead {
  return { orders: new Map(history.orders), phones: new Map(history.phones) };
}

const NEVER_CALLED: OrderHistory = { attempts: 0, successful: false, closedBy: null, noCallBefore: null };

/**
 * Adds calls assumed made, as `summariseCalls` counts a call that reached nobody appended after the others:
 * an attempt for each order it covers (no success, no answer); for its number, the latest call when its
 * session started at or after the number's last one (the callback asked for on an earlier call is then
 * superseded), and neither unresolved nor undiallable.
 */
export function addAssumedCalls(history: HistoryAhead, calls: readonly AssumedCall[]): void {
  for (const call of calls) {
    for (const awb of call.awbs) {
      const order = history.orders.get(awb) ?? NEVER_CALLED;
      history.orders.set(awb, { ...order, attempts: order.attempts + 1 });
    }
    const phone = history.phones.get(call.phoneE164);
    if (phone === undefined || call.sessionStartedAt >= phone.lastSession) {
      history.phones.set(call.phoneE164, {
        lastSession: call.sessionStartedAt,
        callbackAt: null,
        unresolved: phone?.unresolved ?? false,
        badNumber: phone?.badNumber ?? false,
      });
    }
  }
}

/**
 * The running session's unsettled calls assumed ended without success. A call not ended has no result yet
 * (no outcome, success, callback, reschedule or closing: store/calls.ts writes them when it ends), and already
 * counts as an attempt of its orders and as its number's call of that session: ending it changes only whether
 * its number waits for VAPI, which it still does while another of its calls is unsettled.
 * `unresolvedCalls`: how many unsettled calls the history holds for each of those numbers (the store's
 * summary keeps the count); a number missing there has none besides these.
 */
export function endUnsettledCalls(
  history: HistoryAhead,
  calls: readonly UnsettledCall[],
  unresolvedCalls: ReadonlyMap<string, number>,
): void {
  const ending = new Map<string, number>();
  for (const call of calls) ending.set(call.phoneE164, (ending.get(call.phoneE164) ?? 0) + 1);
  for (const [phoneE164, count] of ending) {
    const phone = history.phones.get(phoneE164);
    if (phone === undefined) continue;
    const others = (unresolvedCalls.get(phoneE164) ?? count) - count;
    history.phones.set(phoneE164, { ...phone, unresolved: others > 0 });
  }
}
