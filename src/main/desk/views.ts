/**
 * Builds what the console shows of one call and of today from the store: a call in full (transcript,
 * recording, the customer's answer) and today's sessions with their figures. Read-only. The long lists
 * (Queue, Orders, History) are paged by the view worker (view-pages/).
 */
import { NOT_TODAY_AWBS_SHOWN } from '../../shared/contract';
import type {
  CallDetail,
  DayForecast,
  FailedOutlook,
  HistoryItem,
  SessionSummary,
  TodaySummary,
} from '../../shared/desk-types';
import { countsAsAttempt, tallyCalls } from '../domain/call';
import { addLocalDays, atLocalTimeOnSameDay, formatLocalDate } from '../domain/local-time';
import type { CallingSettings } from '../domain/settings';
import type { Store, StoredCall } from '../store';
import type { SessionNumbers } from './session-queue';

/**
 * The forecast as the console gets it: without the desk's own sets, and the first NOT_TODAY_AWBS_SHOWN AWBs
 * of each group not called today (a big desk's group holds tens of thousands).
 */
export function forecastView(forecast: DayForecast & { calledLaterToday?: Set<string> }): DayForecast {
  const { calledLaterToday: _sets, ...view } = forecast;
  return {
    ...view,
    notToday: view.notToday.map((group) => ({ ...group, awbs: group.awbs.slice(0, NOT_TODAY_AWBS_SHOWN) })),
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
