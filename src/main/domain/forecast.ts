/**
 * The day ahead: what every session still to come today will do, and who will not be called again today and
 * why. Pure; `now` is passed in.
 *
 * Each remaining session is planned with the policy (planSession) against the history AS IT WILL BE: the
 * numbers the session dialling now has still to call, and those an earlier remaining session will call, are
 * assumed called then, without success, so their cooldown runs from that session's start. Calls of the
 * running session still on the line are assumed to end the same way. The counts are therefore upper bounds
 * ("up to"): a customer who confirms is not called again. It works from the callable orders and the call
 * summaries the scheduler plans from (store/plan-input.ts), the assumed calls applied to them
 * (history-ahead.ts): never from the calls themselves, so its cost does not grow with the history.
 */
import type { DayForecast, NotTodayGroup, NotTodayReason, SessionAhead } from '../../shared/desk-types';
import {
  addAssumedCalls,
  endUnsettledCalls,
  historyAhead,
  type HistoryAhead,
  type UnsettledCall,
} from './history-ahead';
import { addLocalDays, atLocalTimeOnSameDay, formatHhMm, formatLocalDate } from './local-time';
import { planSession, type PlanHistory, type PlanOrder, type SessionPlan, type SkipReason } from './policy';
import { isWithinWorkingHours, nextSlots, workingHoursEndOn } from './schedule';
import type { CallingSettings } from './settings';

export type { DayForecast, NotTodayGroup, NotTodayReason, SessionAhead };

/** A number the running session has still to dial, with the orders its call covers. */
export interface WaitingNumber {
  phoneE164: string;
  awbs: readonly string[];
}

/**
 * The session dialling now: its calls not ended yet are assumed to end without success, and its waiting
 * numbers to be called at its start.
 */
export interface RunningSession {
  startedAt: number;
  waiting: readonly WaitingNumber[];
  /** Its calls not ended yet (on a line, or not settled with VAPI); none when absent. */
  unsettled?: readonly UnsettledCall[];
  /**
   * How many unsettled calls the history holds for each number of `unsettled` (the store's summary keeps the
   * count): a number stays blocked while a call of another session is unsettled.
   */
  unresolvedCalls?: ReadonlyMap<string, number>;
}

export interface ForecastInput {
  /**
   * The orders the policy may call (store/plan-input.ts: the callable ones; any other order passed is only
   * judged not callable, which the forecast does not report).
   */
  orders: readonly PlanOrder[];
  /** The call summaries of (at least) those orders and their numbers. */
  history: PlanHistory;
  settings: CallingSettings;
  now: number;
  /** Slots and callback sessions run only while the scheduler runs. */
  schedulerRunning: boolean;
  running: RunningSession | null;
}

/**
 * The history as it will be once the running session is over: its unsettled calls ended without success,
 * its waiting numbers called at its start. Without a running session, the history as it is (a copy).
 */
export function historyAsItWillBe(history: PlanHistory, running: RunningSession | null): HistoryAhead {
  const ahead = historyAhead(history);
  if (!running) return ahead;
  endUnsettledCalls(ahead, running.unsettled ?? [], running.unresolvedCalls ?? new Map());
  addAssumedCalls(
    ahead,
    running.waiting.map((number) => ({ ...number, sessionStartedAt: running.startedAt })),
  );
  return ahead;
}

/** How many numbers a run now would call, and when the next one becomes due when none is. */
export function dueNow(input: Omit<ForecastInput, 'schedulerRunning'>): {
  numbers: number;
  nextDueAt: number | null;
} {
  const history = input.running ? historyAsItWillBe(input.history, input.running) : input.history;
  const plan = planSession({
    orders: input.orders,
    history,
    settings: input.settings,
    sessionStart: input.now,
  });
  return { numbers: plan.queue.length, nextDueAt: nextDueAfter(plan, input.now) };
}

function nextDueAfter(plan: SessionPlan<PlanOrder>, after: number): number | null {
  let next: number | null = null;
  for (const skip of plan.skipped) {
    if (skip.reason !== 'cooldown' || skip.eligibleAt === undefined || skip.eligibleAt <= after) continue;
    next = next === null ? skip.eligibleAt : Math.min(next, skip.eligibleAt);
  }
  return next;
}

/** The sessions the desk starts by itself for the rest of today: slots, and callbacks asked for a time. */
function sessionsAhead(
  history: PlanHistory,
  input: ForecastInput,
  dayEnd: number,
): { at: number; trigger: SessionAhead['trigger'] }[] {
  if (!input.schedulerRunning) return [];
  const { settings, now, running } = input;
  const after = Math.max(now, running?.startedAt ?? now);
  const slots = settings.slots
    .map((slot) => atLocalTimeOnSameDay(now, slot, settings.timezone))
    .filter((at) => at > after && at < dayEnd && isWithinWorkingHours(at, settings));
  // The latest call to each number decides its callback time, as in the policy.
  const callbacks = [...history.phones.values()]
    .map((phone) => phone.callbackAt)
    .filter((at): at is number => at !== null && at > after && at < dayEnd && !slots.includes(at));
  const events = [
    ...slots.map((at) => ({ at, trigger: 'scheduled' as const })),
    ...[...new Set(callbacks)].map((at) => ({ at, trigger: 'callback' as const })),
  ];
  return events.sort((a, b) => a.at - b.at);
}

const ONE_MINUTE = 60_000;

/** A time as the operator would set it: the next whole minute (an eligibility at 14:07:23 reads 14:08). */
function wholeMinute(instant: number): number {
  return Math.ceil(instant / ONE_MINUTE) * ONE_MINUTE;
}

const dayNames = new Map<string, Intl.DateTimeFormat>();

/** "14:00" today, "tomorrow 10:00", "Thu 26 Nov 10:00" later. */
export function whenWords(instant: number, now: number, timezone: string): string {
  const hhmm = formatHhMm(instant, timezone);
  const day = formatLocalDate(instant, timezone);
  if (day === formatLocalDate(now, timezone)) return hhmm;
  if (day === formatLocalDate(addLocalDays(now, 1, timezone), timezone)) return `tomorrow ${hhmm}`;
  let names = dayNames.get(timezone);
  if (!names) {
    names = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
    dayNames.set(timezone, names);
  }
  return `${names.format(instant).replace(',', '')} ${hhmm}`;
}

interface GroupKey {
  reason: NotTodayReason;
  eligibleAt: number | null;
}

function groupDetail(
  key: GroupKey,
  count: number,
  nextSessionAt: number | null,
  input: ForecastInput,
): string {
  const { now, settings } = input;
  const when = (instant: number) => whenWords(instant, now, settings.timezone);
  const next = nextSessionAt === null ? 'no session is planned' : `next called ${when(nextSessionAt)}`;
  const cool = count === 1 ? 'cools' : 'cool';
  const are = count === 1 ? 'is' : 'are';
  const until = key.eligibleAt !== null && key.eligibleAt > now ? when(key.eligibleAt) : null;
  switch (key.reason) {
    case 'after-last-session':
      return `${count} ${cool} down until ${until}, after the last session: add a ${until} session or run now after ${until}`;
    case 'due-no-session':
      return `${count} ${are} due now, but no session is left today: run now`;
    case 'after-hours':
      return until
        ? `${count} ${cool} down until ${until}, outside working hours: ${next}`
        : `${count} ${are} due, but it is outside working hours: ${next}`;
    case 'rescheduled':
      return `${count} asked to be called another day: ${next}`;
    case 'unresolved':
      return `${count} ${count === 1 ? 'waits' : 'wait'} for VAPI to say how the last call went: not called until it does`;
    case 'scheduler-stopped':
      return until
        ? `${count} ${cool} down until ${until}; the scheduler is stopped: start it, or run now after ${until}`
        : `${count} ${are} due now, but the scheduler is stopped: start it or run now`;
  }
}

/** The first slot at or after `from` (the desk calls by itself only in slots), or null without slots. */
function firstSlotFrom(from: number, input: ForecastInput): number | null {
  if (!input.schedulerRunning) return null;
  return nextSlots(from - 1, input.settings, 1)[0] ?? null;
}

/**
 * Who no remaining session will call today (`called`: the orders some remaining session calls), grouped by
 * why and until when.
 */
function notToday(
  orders: readonly PlanOrder[],
  history: PlanHistory,
  input: ForecastInput,
  lastSessionAt: number | null,
  dayEnd: number,
  called: ReadonlySet<string>,
): NotTodayGroup[] {
  const { now, settings } = input;
  const probe = Math.max(now, lastSessionAt ?? now);
  const plan = planSession({ orders, history, settings, sessionStart: probe });
  const hoursOver = now >= dayEnd || !isWithinWorkingHours(probe, settings);
  const groups = new Map<string, { key: GroupKey; awbs: string[] }>();
  const add = (key: GroupKey, all: string[]) => {
    const awbs = all.filter((awb) => !called.has(awb));
    if (awbs.length === 0) return;
    const id = `${key.reason}|${key.eligibleAt ?? ''}`;
    const group = groups.get(id) ?? { key, awbs: [] };
    group.awbs.push(...awbs);
    groups.set(id, group);
  };
  const stopped = !input.schedulerRunning;
  for (const entry of plan.queue) {
    const awbs = entry.orders.map((due) => due.order.awb);
    const reason: NotTodayReason = stopped
      ? 'scheduler-stopped'
      : hoursOver
        ? 'after-hours'
        : 'due-no-session';
    add({ reason, eligibleAt: null }, awbs);
  }
  for (const skip of plan.skipped) {
    if (skip.reason === 'unresolved') add({ reason: 'unresolved', eligibleAt: null }, [skip.awb]);
    if (skip.reason === 'rescheduled')
      add({ reason: 'rescheduled', eligibleAt: skip.eligibleAt! }, [skip.awb]);
    if (skip.reason !== 'cooldown') continue;
    const eligibleAt = wholeMinute(skip.eligibleAt!);
    const laterToday = !hoursOver && eligibleAt < dayEnd;
    const reason: NotTodayReason = stopped
      ? 'scheduler-stopped'
      : laterToday
        ? 'after-last-session'
        : 'after-hours';
    add({ reason, eligibleAt }, [skip.awb]);
  }
  return [...groups.values()]
    .map(({ key, awbs }): NotTodayGroup => {
      const nextSessionAt =
        key.reason === 'unresolved' ? null : firstSlotFrom(Math.max(key.eligibleAt ?? now, now + 1), input);
      return {
        reason: key.reason,
        count: awbs.length,
        awbs: awbs.sort(),
        eligibleAt: key.eligibleAt,
        nextSessionAt,
        detail: groupDetail(key, awbs.length, nextSessionAt, input),
      };
    })
    .sort((a, b) => (a.eligibleAt ?? now) - (b.eligibleAt ?? now) || a.reason.localeCompare(b.reason));
}

/**
 * Why an order is left out for the rest of the day whatever the clock and the calls assumed: they only add
 * attempts (never a success, an answer or a bad number), and an order's type and phone do not change.
 */
export const DONE_FOR_GOOD: ReadonlySet<SkipReason> = new Set<SkipReason>([
  'notCallable',
  'successful',
  'stopped',
  'maxAttempts',
  'invalidPhone',
]);

/**
 * The orders a session ahead may still call, by the plan for now: the forecast never reports the others, so
 * the sessions ahead are planned without them (on a desk of months, most of its orders).
 */
function stillToCall(orders: readonly PlanOrder[], plan: SessionPlan<PlanOrder>): readonly PlanOrder[] {
  const done = new Set<string>();
  for (const skip of plan.skipped) if (DONE_FOR_GOOD.has(skip.reason)) done.add(skip.awb);
  return done.size === 0 ? orders : orders.filter((order) => !done.has(order.awb));
}

/** The rest of today: every session still ahead with what it will call, and who is left for another day. */
export function forecastDay(input: ForecastInput): DayForecast & { calledLaterToday: Set<string> } {
  const { settings, now } = input;
  const dayEnd = workingHoursEndOn(now, settings);
  const history = historyAsItWillBe(input.history, input.running);
  const first = planSession({ orders: input.orders, history, settings, sessionStart: now });
  const due = input.running
    ? { numbers: 0, nextDueAt: null }
    : { numbers: first.queue.length, nextDueAt: nextDueAfter(first, now) };
  const toCall = stillToCall(input.orders, first);
  const sessions: SessionAhead[] = [];
  const calledLaterToday = new Set<string>();
  for (const event of sessionsAhead(history, input, dayEnd)) {
    const plan = planSession({
      orders: toCall,
      history,
      settings,
      sessionStart: event.at,
      onlyCallbacks: event.trigger === 'callback',
    });
    const newCalls = plan.queue.filter((entry) => entry.kind === 'new').length;
    let orders = 0;
    const assumed = plan.queue.map((entry) => {
      const awbs = entry.orders.map((queued) => queued.order.awb);
      orders += awbs.length;
      awbs.forEach((awb) => calledLaterToday.add(awb));
      return { phoneE164: entry.phoneE164, awbs, sessionStartedAt: event.at };
    });
    // Planned before they are added: the plan read the history as it was at the session's start.
    addAssumedCalls(history, assumed);
    sessions.push({
      at: event.at,
      trigger: event.trigger,
      calls: plan.queue.length,
      newCalls,
      retryCalls: plan.queue.length - newCalls,
      orders,
    });
  }
  return {
    now,
    sessions,
    notToday: notToday(toCall, history, input, sessions.at(-1)?.at ?? null, dayEnd, calledLaterToday),
    dueNow: due.numbers,
    nextDueAt: due.nextDueAt,
    calledLaterToday,
  };
}
