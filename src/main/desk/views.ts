/**
 * Builds what the console shows of one call and of today from the store: a call in full (transcript,
 * recording, the customer's answer) and today's sessions with their figures. Read-only. The long lists
 * (Queue, Orders, History) are paged by the view worker (view-pages/).
 */
import type { CallDetail, HistoryItem, SessionSummary, TodaySummary } from '../../shared/desk-types';
import { tallyCalls } from '../domain/call';
import { addLocalDays, atLocalTimeOnSameDay, formatLocalDate } from '../domain/local-time';
import type { CallingSettings } from '../domain/settings';
import type { Store, StoredCall } from '../store';

function customerFor(store: Store, call: StoredCall): string {
  const first = call.awbs[0];
  return (first && store.orders.get(first)?.customer) || '';
}

function historyItem(store: Store, call: StoredCall): HistoryItem {
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
    };
  });
  const total = sessions.reduce(
    (sum, session) => ({
      calls: sum.calls + session.calls,
      successful: sum.successful + session.successful,
      failed: sum.failed + session.failed,
      cost: sum.cost + session.cost,
    }),
    { calls: 0, successful: 0, failed: 0, cost: 0 },
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
