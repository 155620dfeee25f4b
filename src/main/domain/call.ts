/**
 * Calls: one row per phone call, covering every order that shares the dialled number.
 */

/**
 * How a finished call went (DESIGN.md, Outcomes) is a `CallOutcome`: `error` means no call existed (our side or
 * the API failed before the provider accepted it) and is not an attempt; `interrupted` marks a call whose result
 * was lost because the app stopped mid-call: it counts as an attempt, never as a success. Where a call row is in
 * its life is a `CallState`; `pending` is written before the provider is asked to dial, so a crash can never lose
 * a call that may have reached the customer. Both unions are the contract's own.
 */
import type { AnswerIntent, CallOutcome, CallState, CustomerAnswerView } from '../../shared/desk-types';

export type { CallOutcome, CallState };

/** `new` when the call covers an order never called before; `retry` otherwise. */
export type CallKind = 'new' | 'retry';

export interface CallAttempt {
  id: number;
  sessionId: number;
  /** Start of the session that made the call; the cooldown is measured from here. */
  sessionStartedAt: number;
  phoneE164: string;
  /** The orders this call covers (all orders on the number that were due). */
  awbs: string[];
  /** 1 for an order's first call; the highest attempt number among the covered orders. */
  attemptNumber: number;
  kind: CallKind;
  providerCallId: string | null;
  state: CallState;
  endedReason: string | null;
  outcome: CallOutcome | null;
  successful: boolean;
  /** When we asked the provider to dial. */
  startedAt: number;
  endedAt: number | null;
  durationSeconds: number | null;
  cost: number | null;
  summary: string | null;
  structuredData: unknown;
  transcript: string | null;
  recordingUrl: string | null;
  /** The provider's last raw JSON for the call, kept for audits. */
  providerJson: unknown;
  /** What the customer said (answered calls whose answer could be read). */
  intent: AnswerIntent | null;
  answer: CustomerAnswerView | null;
  /** The customer asked to be called back at this instant (it may come before the cooldown ends). */
  callbackAt: number | null;
  /** The customer asked for a later day: nobody calls the covered orders before this instant. */
  noCallBefore: number | null;
  /** The customer cancelled, or it is the wrong number: the covered orders are never called again. */
  closesOrder: boolean;
  /** VAPI could not dial the number (misdialled / rejected): it is not dialled again until fixed. */
  badNumber: boolean;
  /** From pick-up to the end. */
  talkSeconds: number | null;
}

/**
 * Whether a call row uses up one of an order's attempts: every call the provider accepted (or may have
 * accepted, when we crashed before hearing back) counts; an `error` before the call existed does not, nor a
 * call cancelled at VAPI before it reached the customer (`canceled`).
 */
export function countsAsAttempt(call: Pick<CallAttempt, 'outcome'>): boolean {
  return call.outcome !== 'error' && call.outcome !== 'canceled';
}

/**
 * A call whose fate is not known yet: in flight, or unresolved (VAPI may have placed it and has not said how
 * it went). It may have rung, so it blocks its number, and it is never a success.
 */
export function isUnresolved(call: Pick<CallAttempt, 'state'>): boolean {
  return call.state !== 'ended';
}

export interface CallTally {
  /** Calls placed (every call but an `error`, which never existed). */
  calls: number;
  newCalls: number;
  retryCalls: number;
  successful: number;
  /** Placed calls that have ended without success. */
  failed: number;
  /** Placed calls on the line now (queued, ringing, talking): VAPI has them. */
  inFlight: number;
  /** Calls whose fate VAPI has not told yet (a create without a clear answer, a lost read): may have rung. */
  unresolved: number;
  /** Creates the provider refused: not attempts. */
  errors: number;
  cost: number;
}

/** Counts a set of calls (one session's, one day's) the way the console and the simulator report them. */
export function tallyCalls(
  calls: readonly Pick<CallAttempt, 'outcome' | 'kind' | 'successful' | 'state' | 'cost'>[],
): CallTally {
  const tally: CallTally = {
    calls: 0,
    newCalls: 0,
    retryCalls: 0,
    successful: 0,
    failed: 0,
    inFlight: 0,
    unresolved: 0,
    errors: 0,
    cost: 0,
  };
  for (const call of calls) {
    if (!countsAsAttempt(call)) {
      tally.errors += 1;
      continue;
    }
    tally.calls += 1;
    if (call.kind === 'new') tally.newCalls += 1;
    else tally.retryCalls += 1;
    if (call.successful) tally.successful += 1;
    else if (call.state === 'ended') tally.failed += 1;
    else if (call.state === 'unresolved') tally.unresolved += 1;
    else tally.inFlight += 1;
    tally.cost += call.cost ?? 0;
  }
  return tally;
}
