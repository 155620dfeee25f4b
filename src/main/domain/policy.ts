/**
 * The calling policy: given the cached orders, what the call history says of them and the settings, which
 * numbers a session starting at `sessionStart` dials (and in what order), and why every other order is left
 * out. The history comes summarised (one entry per order and per number, `PlanHistory`), so planning costs
 * the same on the first day and after months of calls.
 *
 * Rules (DEVELOPERS.md): only OFD and Undelivered orders; an order with a successful call is never called
 * again; at most `maxAttempts` calls per order across days; a `cooldownMinutes` cooldown per phone number,
 * measured from the START OF THE SESSION that made the last call; orders sharing a number are covered by one
 * call; new orders before retries, oldest first. Working hours are the scheduler's and dialer's concern
 * (see schedule.ts); this module only decides who.
 */
import type { SkipCounts, SkipReason } from '../../shared/desk-types';
import { countsAsAttempt, isUnresolved, type CallAttempt } from './call';
import { everyMember } from './every-member';
import { formatHhMm, formatLocalDate } from './local-time';
import { isCallableType, type Order } from './order';
import type { CallingSettings } from './settings';

/** Why an order is left out of a session, in the precedence used when several apply. */
export const SKIP_REASONS = everyMember<SkipReason>()([
  'notCallable',
  'successful',
  'stopped',
  'maxAttempts',
  'invalidPhone',
  'rescheduled',
  'cooldown',
  'unresolved',
]);
export type { SkipCounts, SkipReason };

export function emptySkipCounts(): SkipCounts {
  return {
    notCallable: 0,
    successful: 0,
    stopped: 0,
    maxAttempts: 0,
    invalidPhone: 0,
    rescheduled: 0,
    cooldown: 0,
    unresolved: 0,
  };
}

/** The part of a call the policy needs. */
export type PolicyCall = Pick<
  CallAttempt,
  | 'phoneE164'
  | 'awbs'
  | 'sessionStartedAt'
  | 'successful'
  | 'outcome'
  | 'state'
  | 'intent'
  | 'callbackAt'
  | 'noCallBefore'
  | 'closesOrder'
  | 'badNumber'
>;

/**
 * What the policy reads of an order. The engine plans with just these (the dialler reads each order in full
 * when it dials it); the console plans with whole orders. The plan hands back the orders it was given.
 */
export type PlanOrder = Pick<Order, 'awb' | 'type' | 'phoneE164' | 'phoneProblem' | 'firstSeenAt'>;

export interface QueuedOrder<O extends PlanOrder = Order> {
  order: O;
  /** The attempt this call will be for the order (1 for its first call). */
  attemptNumber: number;
}

/** One call the session will make: a phone number and every due order on it. */
export interface QueueEntry<O extends PlanOrder = Order> {
  phoneE164: string;
  orders: QueuedOrder<O>[];
  /** `new` when any covered order has never been called, else `retry`. */
  kind: 'new' | 'retry';
  /** The customer asked to be called back now (their last call's answer). */
  callback: boolean;
}

export interface SkippedOrder {
  awb: string;
  reason: SkipReason;
  /** For cooldown and rescheduled: when the order's number may be called again. */
  eligibleAt?: number;
  /** Operator-readable: "cooldown until 12:00", "max attempts (3 of 3)". */
  detail: string;
}

export interface SessionPlan<O extends PlanOrder = Order> {
  sessionStart: number;
  queue: QueueEntry<O>[];
  skipped: SkippedOrder[];
  skipCounts: SkipCounts;
}

/** What the call history says of one order: all the policy needs of its calls. */
export interface OrderHistory {
  /** Calls that counted as attempts (domain/call.ts countsAsAttempt). */
  attempts: number;
  successful: boolean;
  /** Why the customer ended calling for this order ('cancel', 'wrong-number'), if they did. */
  closedBy: string | null;
  /** Not called before this instant (the customer asked for a later day). */
  noCallBefore: number | null;
}

/** What the history says of one number: when it was last called, and what its last call left behind. */
export interface PhoneHistory {
  /** Start of the latest session that called it. */
  lastSession: number;
  /** The customer asked, on the latest call, to be called back at this instant. */
  callbackAt: number | null;
  /** A call to it may have rung and VAPI has not yet said how it went. */
  unresolved: boolean;
  /** VAPI could not dial it (misdialled / rejected). */
  badNumber: boolean;
}

/**
 * The call history as the policy reads it: a summary per order (by AWB) and per number (E.164), for every
 * order and number with a call that counts. The store keeps these summaries up to date as calls change
 * (store/call-summaries.ts, migration 007); `summariseCalls` derives them from a list of calls.
 */
export interface PlanHistory {
  orders: ReadonlyMap<string, OrderHistory>;
  phones: ReadonlyMap<string, PhoneHistory>;
}

export interface PlanInput<O extends PlanOrder = Order> {
  /**
   * The orders to plan for. The engine passes only the callable ones (OFD / Undelivered) and counts the
   * rest in `notCallableCount`; any order passed is judged, a not-callable one skipped with its detail.
   */
  orders: readonly O[];
  /** Orders of a type never called that are not in `orders`: counted as `notCallable`, not listed. */
  notCallableCount?: number;
  /** The history of (at least) the orders and numbers in `orders`. */
  history: PlanHistory;
  settings: Pick<CallingSettings, 'cooldownMinutes' | 'maxAttempts' | 'timezone'>;
  sessionStart: number;
  /** A callback session: only the customers whose asked-for callback time has come are dialled. */
  onlyCallbacks?: boolean;
}

function historyByOrder(calls: readonly PolicyCall[]): Map<string, OrderHistory> {
  const history = new Map<string, OrderHistory>();
  for (const call of calls) {
    if (!countsAsAttempt(call)) continue;
    for (const awb of call.awbs) {
      const entry = history.get(awb) ?? {
        attempts: 0,
        successful: false,
        closedBy: null,
        noCallBefore: null,
      };
      entry.attempts += 1;
      entry.successful ||= call.successful;
      if (call.closesOrder) entry.closedBy = call.intent ?? 'the customer';
      if (call.noCallBefore !== null)
        entry.noCallBefore = Math.max(entry.noCallBefore ?? 0, call.noCallBefore);
      history.set(awb, entry);
    }
  }
  return history;
}

function historyByPhone(calls: readonly PolicyCall[]): Map<string, PhoneHistory> {
  const byPhone = new Map<string, PhoneHistory>();
  for (const call of calls) {
    if (!countsAsAttempt(call)) continue;
    const entry = byPhone.get(call.phoneE164);
    if (!entry || call.sessionStartedAt >= entry.lastSession) {
      byPhone.set(call.phoneE164, {
        lastSession: call.sessionStartedAt,
        callbackAt: call.callbackAt,
        unresolved: (entry?.unresolved ?? false) || isUnresolved(call),
        badNumber: (entry?.badNumber ?? false) || call.badNumber,
      });
    } else {
      entry.unresolved ||= isUnresolved(call);
      entry.badNumber ||= call.badNumber;
    }
  }
  return byPhone;
}

/**
 * The summaries a list of calls (oldest first, as they were made) leaves behind: the rules of what a call
 * means for its orders and its number. The store keeps the same summaries in SQL as calls change.
 */
export function summariseCalls(calls: readonly PolicyCall[]): PlanHistory {
  return { orders: historyByOrder(calls), phones: historyByPhone(calls) };
}

/**
 * Why an order of a type never called is left out, as planSession says it: for the lists that judge such
 * orders without planning them (the view worker writes them straight from the store).
 */
export function notCallableDetail(type: string): string {
  return `not OFD/Undelivered (${type})`;
}

/** When a number called in a session starting at `sessionStartedAt` may be called again. */
export function cooldownEndsAt(sessionStartedAt: number, cooldownMinutes: number): number {
  return sessionStartedAt + cooldownMinutes * 60_000;
}

/** When the number may be called again: the callback time the customer asked for, else the cooldown's end. */
function eligibleAgainAt(phone: PhoneHistory, cooldownMinutes: number): number {
  return phone.callbackAt ?? cooldownEndsAt(phone.lastSession, cooldownMinutes);
}

const CLOSED_WORDS: Record<string, string> = {
  cancel: 'the customer cancelled',
  'wrong-number': 'wrong number',
};

/** Clock times and dates as the details show them, each formatted once per plan (Intl is slow). */
interface PlanWords {
  at(instant: number): string;
  date(instant: number): string;
}

function planWords(timezone: string): PlanWords {
  const times = new Map<number, string>();
  const dates = new Map<number, string>();
  const once = (cache: Map<number, string>, format: (instant: number) => string) => (instant: number) => {
    let text = cache.get(instant);
    if (text === undefined) {
      text = format(instant);
      cache.set(instant, text);
    }
    return text;
  };
  return {
    at: once(times, (instant) => formatHhMm(instant, timezone)),
    date: once(dates, (instant) => formatLocalDate(instant, timezone)),
  };
}

function skipFor(
  order: PlanOrder,
  history: OrderHistory | undefined,
  phone: PhoneHistory | undefined,
  input: PlanInput<PlanOrder>,
  words: PlanWords,
): SkippedOrder | null {
  const { settings, sessionStart } = input;
  const { at } = words;
  if (!isCallableType(order.type)) {
    return { awb: order.awb, reason: 'notCallable', detail: `not OFD/Undelivered (${order.type})` };
  }
  if (history?.successful) return { awb: order.awb, reason: 'successful', detail: 'already successful' };
  if (history?.closedBy) {
    const words = CLOSED_WORDS[history.closedBy] ?? history.closedBy;
    return { awb: order.awb, reason: 'stopped', detail: `not called again: ${words}` };
  }
  const attempts = history?.attempts ?? 0;
  if (attempts >= settings.maxAttempts) {
    return {
      awb: order.awb,
      reason: 'maxAttempts',
      detail: `max attempts (${attempts} of ${settings.maxAttempts})`,
    };
  }
  if (order.phoneE164 === null) {
    return {
      awb: order.awb,
      reason: 'invalidPhone',
      detail: `invalid phone: ${order.phoneProblem ?? 'unknown'}`,
    };
  }
  if (phone?.badNumber) {
    return {
      awb: order.awb,
      reason: 'invalidPhone',
      detail: 'VAPI could not dial this number: fix the phone in the order source',
    };
  }
  if (history?.noCallBefore && sessionStart < history.noCallBefore) {
    return {
      awb: order.awb,
      reason: 'rescheduled',
      eligibleAt: history.noCallBefore,
      detail: `rescheduled by the customer: not before ${words.date(history.noCallBefore)}`,
    };
  }
  if (phone !== undefined) {
    const eligibleAt = eligibleAgainAt(phone, settings.cooldownMinutes);
    if (sessionStart < eligibleAt) {
      return {
        awb: order.awb,
        reason: 'cooldown',
        eligibleAt,
        detail:
          phone.callbackAt !== null
            ? `callback asked for ${at(eligibleAt)}`
            : `cooldown until ${at(eligibleAt)}`,
      };
    }
    if (phone.unresolved) {
      // It may have been answered: never dial again before VAPI says how the last call went.
      return {
        awb: order.awb,
        reason: 'unresolved',
        detail: 'waiting for VAPI to confirm how the last call went',
      };
    }
  }
  return null;
}

function byAgeThenAwb(a: QueuedOrder<PlanOrder>, b: QueuedOrder<PlanOrder>): number {
  return a.order.firstSeenAt - b.order.firstSeenAt || a.order.awb.localeCompare(b.order.awb);
}

export function planSession<O extends PlanOrder = Order>(input: PlanInput<O>): SessionPlan<O> {
  const { orders: history, phones } = input.history;
  const words = planWords(input.settings.timezone);
  const skipped: SkippedOrder[] = [];
  const skipCounts = emptySkipCounts();
  skipCounts.notCallable = input.notCallableCount ?? 0;
  const dueByPhone = new Map<string, QueuedOrder<O>[]>();

  for (const order of input.orders) {
    const orderHistory = history.get(order.awb);
    const skip = skipFor(
      order,
      orderHistory,
      order.phoneE164 ? phones.get(order.phoneE164) : undefined,
      input,
      words,
    );
    if (skip) {
      skipped.push(skip);
      skipCounts[skip.reason] += 1;
      continue;
    }
    const phone = order.phoneE164 as string;
    const due = dueByPhone.get(phone) ?? [];
    due.push({ order, attemptNumber: (orderHistory?.attempts ?? 0) + 1 });
    dueByPhone.set(phone, due);
  }

  const queue: QueueEntry<O>[] = [...dueByPhone]
    .map(([phoneE164, orders]): QueueEntry<O> => {
      orders.sort(byAgeThenAwb);
      const callbackAt = phones.get(phoneE164)?.callbackAt ?? null;
      return {
        phoneE164,
        orders,
        kind: orders.some((due) => due.attemptNumber === 1) ? 'new' : 'retry',
        callback: callbackAt !== null && callbackAt <= input.sessionStart,
      };
    })
    .filter((entry) => !input.onlyCallbacks || entry.callback);
  queue.sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === 'new' ? -1 : 1) || byAgeThenAwb(a.orders[0]!, b.orders[0]!),
  );
  return { sessionStart: input.sessionStart, queue, skipped, skipCounts };
}
