/**
 * Follows one accepted call at the provider until it ends, recording its progress and, at the end, its
 * classified result. A provider error while following is logged and the follow-up goes on; only when the call
 * has not ended after `maxFollowMs` is it marked interrupted (it counts as an attempt, never a success).
 */
import { classifyEndedCall, isTerminalStatus } from '../domain/outcome';
import type { CallOutcome, CallState } from '../domain/call';
import type { Logger } from '../log';
import type { Store } from '../store';
import { recordingUrlOf, transcriptOf, type VapiCall } from '../vapi/types';
import type { Clock } from './clock';
import { providerErrorFacts, type CallProvider } from './provider';

export interface FollowDeps {
  store: Store;
  clock: Clock;
  provider: CallProvider;
  logger: Logger;
  pollIntervalMs: number;
  maxFollowMs: number;
}

export interface FollowResult {
  outcome: CallOutcome;
  successful: boolean;
  interrupted: boolean;
}

function toCallState(status: VapiCall['status']): CallState {
  switch (status) {
    case 'ringing':
      return 'ringing';
    case 'in-progress':
    case 'forwarding':
      return 'in-progress';
    case 'ended':
      return 'ended';
    default:
      return 'queued';
  }
}

function parseTime(iso: string | undefined): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/** Records an ended provider call on its row. */
export function recordEndedCall(store: Store, callId: number, call: VapiCall, now: number): FollowResult {
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
  return { outcome, successful, interrupted: false };
}

/**
 * Polls the provider for `providerCallId` until it ends. `onState` is told of each state change so the live
 * session view can show ringing / in-progress.
 */
export async function followCall(
  deps: FollowDeps,
  callId: number,
  providerCallId: string,
  onState: (state: CallState) => void = () => undefined,
): Promise<FollowResult> {
  const { store, clock, provider, logger } = deps;
  const startedFollowing = clock.now();
  let lastState: CallState | null = null;
  let lastReadAt = clock.now();
  for (;;) {
    await clock.sleep(deps.pollIntervalMs);
    try {
      let call = await provider.getCall(providerCallId);
      lastReadAt = clock.now();
      if (isTerminalStatus(call.status)) {
        if (!call.analysis && call.status === 'ended') {
          // VAPI may fill in the analysis (success evaluation) a moment after the call ends: read it once more
          // rather than judge an answered call without it.
          await clock.sleep(deps.pollIntervalMs);
          call = await provider.getCall(providerCallId).catch(() => call);
        }
        return recordEndedCall(store, callId, call, clock.now());
      }
      const state = toCallState(call.status);
      if (state !== lastState) {
        store.calls.markProgress(callId, state, call.raw);
        lastState = state;
        onState(state);
      }
    } catch (error) {
      const facts = providerErrorFacts(error);
      logger.log({
        at: clock.now(),
        level: 'warn',
        message: `Could not read call ${providerCallId} back from the provider: ${facts.message}`,
      });
    }
    const followedFor = clock.now() - startedFollowing;
    if (followedFor >= deps.maxFollowMs) {
      const why =
        lastReadAt === startedFollowing
          ? 'the provider never answered about this call'
          : `the call had not ended after ${Math.round(followedFor / 60_000)} minutes`;
      store.calls.markFailed(callId, 'interrupted', clock.now(), `result lost: ${why}`);
      logger.log({
        at: clock.now(),
        level: 'error',
        message: `Gave up following call ${providerCallId}: ${why}`,
      });
      return { outcome: 'interrupted', successful: false, interrupted: true };
    }
  }
}
