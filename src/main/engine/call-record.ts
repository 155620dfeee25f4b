/**
 * Records a call VAPI reports as ended on its row: what happened on the line, what the customer said and
 * what that decides (next-step.ts), timings, cost, the transcript and recording, the raw JSON for audits —
 * and, in the same transaction, the actions the answer gives dispatch. The one place an ended call becomes
 * history, whoever learned of its end (the session following it, or the reconciler settling it later).
 */
import type { CustomerAnswerView } from '../../shared/desk-types';
import { readAnswer } from '../domain/answer';
import type { CallOutcome } from '../domain/call';
import { formatLocalDate } from '../domain/local-time';
import { nextStepFor } from '../domain/next-step';
import { classifyEndedCall } from '../domain/outcome';
import type { CallingSettings } from '../domain/settings';
import type { Store } from '../store';
import { recordingUrlOf, transcriptOf, type VapiCall } from '../vapi/types';

export interface EndedCallResult {
  outcome: CallOutcome;
  successful: boolean;
  answer: CustomerAnswerView | null;
}

export type RecordSettings = Pick<CallingSettings, 'timezone' | 'workingHours'>;

function parseTime(iso: string | undefined): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/** The customer's answer, when the line says someone answered and VAPI's analysis can be read. */
export function answerOf(call: VapiCall, settings: RecordSettings, now: number): CustomerAnswerView | null {
  if (classifyEndedCall(call).outcome !== 'answered') return null;
  const endedAt = parseTime(call.endedAt) ?? now;
  return readAnswer(call.raw, { callDate: formatLocalDate(endedAt, settings.timezone) });
}

/** Seconds from the first spoken turn (pick-up, not ringing) to the end; null without timed messages. */
function talkSecondsOf(call: VapiCall, endedAt: number): number | null {
  const times = (call.artifact?.messages ?? [])
    .map((message) => (message as { time?: unknown }).time)
    .filter((time): time is number => typeof time === 'number' && Number.isFinite(time));
  if (times.length === 0) return null;
  return Math.max(0, (endedAt - Math.min(...times)) / 1000);
}

export function recordEndedCall(
  store: Store,
  callId: number,
  call: VapiCall,
  now: number,
  settings: RecordSettings,
): EndedCallResult {
  const { outcome } = classifyEndedCall(call);
  const startedAt = parseTime(call.startedAt);
  const endedAt = parseTime(call.endedAt) ?? now;
  const answer = answerOf(call, settings, now);
  const step = nextStepFor({ outcome, endedReason: call.endedReason ?? null, answer, endedAt, settings });
  store.transaction(() => {
    store.calls.finish(callId, {
      state: 'ended',
      endedReason: call.endedReason ?? null,
      outcome,
      successful: step.successful,
      endedAt,
      durationSeconds: startedAt !== null ? Math.max(0, (endedAt - startedAt) / 1000) : null,
      cost: call.cost ?? null,
      summary: call.analysis?.summary ?? call.summary ?? null,
      structuredData: call.analysis?.structuredData ?? null,
      transcript: transcriptOf(call) ?? null,
      recordingUrl: recordingUrlOf(call) ?? null,
      providerJson: call.raw,
      answer,
      callbackAt: step.callbackAt,
      noCallBefore: step.noCallBefore,
      closesOrder: step.closesOrder,
      badNumber: step.badNumber,
      talkSeconds: talkSecondsOf(call, endedAt),
    });
    if (step.action) {
      const awbs = store.calls.get(callId)?.awbs ?? [];
      store.actions.raise(callId, awbs, step.action, endedAt);
    }
  });
  return { outcome, successful: step.successful, answer };
}
