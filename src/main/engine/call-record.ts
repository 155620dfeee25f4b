/**
 * Records a call VAPI reports as ended on its row: the classified outcome, timings, cost, what was said and
 * the raw JSON for audits. The one place an ended call becomes history, whoever learned of its end (the
 * session following it, or the reconciler settling it later).
 */
import { classifyEndedCall } from '../domain/outcome';
import type { CallOutcome } from '../domain/call';
import type { Store } from '../store';
import { recordingUrlOf, transcriptOf, type VapiCall } from '../vapi/types';

export interface EndedCallResult {
  outcome: CallOutcome;
  successful: boolean;
}

function parseTime(iso: string | undefined): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

export function recordEndedCall(store: Store, callId: number, call: VapiCall, now: number): EndedCallResult {
  const { outcome, successful } = classifyEndedCall(call);
  const startedAt = parseTime(call.startedAt);
  const endedAt = parseTime(call.endedAt) ?? now;
  store.calls.finish(callId, {
    state: 'ended',
    endedReason: call.endedReason ?? null,
    outcome,
    successful,
    endedAt,
    durationSeconds: startedAt !== null ? Math.max(0, (endedAt - startedAt) / 1000) : null,
    cost: call.cost ?? null,
    summary: call.analysis?.summary ?? call.summary ?? null,
    structuredData: call.analysis?.structuredData ?? null,
    transcript: transcriptOf(call) ?? null,
    recordingUrl: recordingUrlOf(call) ?? null,
    providerJson: call.raw,
  });
  return { outcome, successful };
}
