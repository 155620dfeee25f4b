/**
 * Builds what the console shows from the store and the policy: the next session's queue with cooldowns and
 * exclusions, the order list with each order's state, today's sessions and the call history. Read-only.
 */
import type {
  CallDetail,
  DayForecast,
  ExcludedOrder,
  FailedOutlook,
  HistoryItem,
  OrderView,
  QueueView,
  SessionSummary,
  TodaySummary,
} from '../../shared/desk-types';
import { countsAsAttempt, tallyCalls } from '../domain/call';
import { historyAsItWillBe } from '../domain/forecast';
import { addLocalDays, atLocalTimeOnSameDay, formatLocalDate } from '../domain/local-time';
import { planSession, summariseCalls, type SkippedOrder } from '../domain/policy';
import type { CallingSettings } from '../domain/settings';
import type { Order } from '../domain/order';
import type { Store, StoredCall } from '../store';
import { queueCallOf, type SessionNumbers } from './session-queue';

/** What the queue knows of the day beyond the next session: the session dialling now and the forecast. */
export interface QueueForesight {
  session: SessionNumbers | null;
  forecast?: DayForecast;
}

/** The forecast as the console gets it: without the desk's own sets. */
export function forecastView(forecast: DayForecast & { calledLaterToday?: Set<string> }): DayForecast {
  const { calledLaterToday: _sets, ...view } = forecast;
  return view;
}

/** The cache and the call history, read once per view: the plan and the view's own figures share them. */
function readHistory(store: Store): { orders: Order[]; calls: StoredCall[] } {
  return { orders: store.orders.list(), calls: store.calls.all() };
}

function matches(search: string | undefined, ...fields: (string | null)[]): boolean {
  if (!search) return true;
  const needle = search.trim().toLowerCase();
  const digits = needle.replace(/\D/g, '');
  return fields.some(
    (field) =>
      field !== null &&
      (field.toLowerCase().includes(needle) ||
        (digits.length >= 4 && field.replace(/\D/g, '').includes(digits))),
  );
}

export function queueView(
  store: Store,
  settings: CallingSettings,
  plannedFor: number,
  foresight: QueueForesight = { session: null },
): QueueView {
  const { orders: cached, calls } = readHistory(store);
  // While a session dials, the next one is planned against the history as it will be once it is done; the
  // session's own numbers are listed first, "in this session", and nowhere else. Otherwise the summaries the
  // store keeps say what the history does.
  const { session } = foresight;
  const inSession = new Set(
    [...(session?.dialling ?? []), ...(session?.waiting ?? [])].flatMap((number) => number.awbs),
  );
  const history = session
    ? summariseCalls(historyAsItWillBe(calls, { startedAt: session.startedAt, waiting: session.waiting }))
    : store.callSummaries.ofCallableOrders();
  const plan = planSession({ orders: cached, history, settings, sessionStart: plannedFor });
  const orders = new Map(cached.map((order) => [order.awb, order]));
  const attempts = attemptsByOrder(calls);
  const excluded: QueueView['excluded'] = {
    notCallable: [],
    successful: [],
    stopped: [],
    maxAttempts: [],
    invalidPhone: [],
    rescheduled: [],
    unresolved: [],
  };
  const cooling: QueueView['cooling'] = [];
  for (const skip of plan.skipped) {
    const order = orders.get(skip.awb)!;
    if (inSession.has(skip.awb)) continue;
    if (skip.reason === 'cooldown') {
      cooling.push({
        awb: order.awb,
        customer: order.customer,
        phoneE164: order.phoneE164 ?? '',
        eligibleAt: skip.eligibleAt!,
        attempts: attempts.get(order.awb)?.count ?? 0,
      });
    } else {
      const entry: ExcludedOrder = {
        awb: order.awb,
        customer: order.customer,
        phone: order.phoneE164 ?? order.phoneRaw,
        detail: skip.detail,
      };
      excluded[skip.reason].push(entry);
    }
  }
  cooling.sort((a, b) => a.eligibleAt - b.eligibleAt || a.awb.localeCompare(b.awb));
  const sessionCalls: QueueView['calls'] = session
    ? [
        ...session.dialling.map((number) => ({ ...sessionCall(number), inSession: 'dialling' as const })),
        ...session.waiting.map((number) => ({ ...sessionCall(number), inSession: 'waiting' as const })),
      ]
    : [];
  return {
    plannedFor,
    calls: [
      ...sessionCalls,
      ...plan.queue
        .filter((entry) => !entry.orders.some((due) => inSession.has(due.order.awb)))
        .map(queueCallOf),
    ],
    cooling,
    excluded,
    session: session && {
      id: session.sessionId,
      startedAt: session.startedAt,
      dialling: session.dialling.length,
      waiting: session.waiting.length,
    },
    ...(foresight.forecast ? { forecast: forecastView(foresight.forecast) } : {}),
  };
}

function sessionCall(number: SessionNumbers['waiting'][number]): QueueView['calls'][number] {
  return { phoneE164: number.phoneE164, kind: number.kind, orders: number.orders };
}

interface OrderCalls {
  count: number;
  last: StoredCall | null;
}

function attemptsByOrder(calls: readonly StoredCall[]): Map<string, OrderCalls> {
  const byOrder = new Map<string, OrderCalls>();
  for (const call of calls) {
    for (const awb of call.awbs) {
      const entry = byOrder.get(awb) ?? { count: 0, last: null };
      if (countsAsAttempt(call)) entry.count += 1;
      if (!entry.last || call.startedAt >= entry.last.startedAt) entry.last = call;
      byOrder.set(awb, entry);
    }
  }
  return byOrder;
}

export function orderViews(
  store: Store,
  settings: CallingSettings,
  now: number,
  search?: string,
): OrderView[] {
  const { orders, calls: allCalls } = readHistory(store);
  const history = store.callSummaries.ofCallableOrders();
  const plan = planSession({ orders, history, settings, sessionStart: now });
  const skips = new Map<string, SkippedOrder>(plan.skipped.map((skip) => [skip.awb, skip]));
  const calls = attemptsByOrder(allCalls);
  return orders
    .filter((order) => matches(search, order.awb, order.customer, order.phoneRaw, order.phoneE164))
    .map((order) => orderView(order, skips.get(order.awb), calls.get(order.awb)));
}

function orderView(order: Order, skip: SkippedOrder | undefined, calls: OrderCalls | undefined): OrderView {
  return {
    awb: order.awb,
    customer: order.customer,
    phoneRaw: order.phoneRaw,
    phoneE164: order.phoneE164,
    phoneProblem: order.phoneProblem,
    type: order.type,
    rawStatus: order.rawStatus,
    address: order.address,
    city: order.city,
    pincode: order.pincode,
    codAmount: order.codAmount,
    attempts: calls?.count ?? 0,
    lastOutcome: calls?.last?.outcome ?? null,
    lastCallAt: calls?.last?.startedAt ?? null,
    state: skip ? skip.detail : 'queued',
    skipReason: skip?.reason ?? null,
    eligibleAt: skip?.eligibleAt ?? null,
    firstSeenAt: order.firstSeenAt,
  };
}

function customerFor(store: Store, call: StoredCall): string {
  const first = call.awbs[0];
  return (first && store.orders.get(first)?.customer) || '';
}

export function historyItem(store: Store, call: StoredCall): HistoryItem {
  return {
    id: call.id,
    sessionId: call.sessionId,
    startedAt: call.startedAt,
    phoneE164: call.phoneE164,
    awbs: call.awbs,
    customer: customerFor(store, call),
    attemptNumber: call.attemptNumber,
    state: call.state,
    outcome: call.outcome,
    successful: call.successful,
    durationSeconds: call.durationSeconds,
    cost: call.cost,
    summary: call.summary ?? call.error,
    answer: call.intent,
  };
}

export function historyItems(
  store: Store,
  query: { search?: string; sessionId?: number; limit?: number; offset?: number },
): HistoryItem[] {
  const limit = query.limit ?? 200;
  const offset = query.offset ?? 0;
  if (!query.search) {
    return store.calls
      .list({ sessionId: query.sessionId, limit, offset })
      .map((call) => historyItem(store, call));
  }
  return store.calls
    .list({ sessionId: query.sessionId })
    .map((call) => historyItem(store, call))
    .filter((item) => matches(query.search, item.customer, item.phoneE164, ...item.awbs))
    .slice(offset, offset + limit);
}

export function callDetail(store: Store, id: number): CallDetail | null {
  const call = store.calls.get(id);
  if (!call) return null;
  return {
    ...historyItem(store, call),
    endedAt: call.endedAt,
    endedReason: call.endedReason,
    transcript: call.transcript,
    recordingUrl: call.recordingUrl,
    structuredData: call.structuredData,
    error: call.error,
    providerCallId: call.providerCallId,
    customerAnswer: call.answer,
    talkSeconds: call.talkSeconds,
  };
}

/**
 * Of today's failed calls' orders (not confirmed since): how many a session later today will call again
 * (or the one dialling now), how many wait for another day, and how many are done for good (max attempts,
 * stopped by the customer, no longer OFD/Undelivered).
 */
export function failedOutlook(
  calls: readonly StoredCall[],
  forecast: DayForecast & { calledLaterToday: Set<string> },
  session: SessionNumbers | null,
): FailedOutlook {
  const succeeded = new Set(calls.filter((call) => call.successful).flatMap((call) => call.awbs));
  const failed = new Set(
    calls
      .filter((call) => call.state === 'ended' && !call.successful && countsAsAttempt(call))
      .flatMap((call) => call.awbs)
      .filter((awb) => !succeeded.has(awb)),
  );
  const later = new Set([
    ...forecast.calledLaterToday,
    ...[...(session?.dialling ?? []), ...(session?.waiting ?? [])].flatMap((number) => number.awbs),
  ]);
  const waiting = new Set(forecast.notToday.flatMap((group) => group.awbs));
  const outlook: FailedOutlook = { retryToday: 0, notToday: 0, never: 0 };
  for (const awb of failed) {
    if (later.has(awb)) outlook.retryToday += 1;
    else if (waiting.has(awb)) outlook.notToday += 1;
    else outlook.never += 1;
  }
  return outlook;
}

export function todaySummary(store: Store, settings: CallingSettings, now: number): TodaySummary {
  const dayStart = atLocalTimeOnSameDay(now, '00:00', settings.timezone);
  const dayEnd = addLocalDays(dayStart, 1, settings.timezone);
  const calls = store.calls.list({ since: dayStart }).filter((call) => call.startedAt < dayEnd);
  const sessions = store.sessions.between(dayStart, dayEnd).map((session): SessionSummary => {
    const tally = tallyCalls(calls.filter((call) => call.sessionId === session.id));
    return {
      id: session.id,
      startedAt: session.startedAt,
      trigger: session.trigger,
      state: session.state,
      endedAt: session.endedAt,
      calls: tally.calls,
      newCalls: tally.newCalls,
      retryCalls: tally.retryCalls,
      successful: tally.successful,
      failed: tally.failed,
      errors: tally.errors,
      skipped: session.skipped,
      cost: tally.cost,
      inFlight: tally.inFlight,
      unresolved: tally.unresolved,
    };
  });
  const total = sessions.reduce(
    (sum, session) => ({
      calls: sum.calls + session.calls,
      successful: sum.successful + session.successful,
      failed: sum.failed + session.failed,
      cost: sum.cost + session.cost,
      inFlight: sum.inFlight + (session.inFlight ?? 0),
      unresolved: sum.unresolved + (session.unresolved ?? 0),
    }),
    { calls: 0, successful: 0, failed: 0, cost: 0, inFlight: 0, unresolved: 0 },
  );
  const decided = total.successful + total.failed;
  return {
    date: formatLocalDate(now, settings.timezone),
    sessions,
    skippedRuns: store.sessions
      .skippedRunsBetween(dayStart, dayEnd)
      .map((run) => ({ at: run.at, trigger: run.trigger, reason: run.reason })),
    totals: {
      ...total,
      cost: Math.round(total.cost * 100) / 100,
      successRate: decided > 0 ? total.successful / decided : null,
    },
  };
}
