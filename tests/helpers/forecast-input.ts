/**
 * What the store hands the forecast, made from a plain list of calls for the tests: the call summaries
 * (summariseCalls, which the store's agree with: tests/integration/call-summaries.test.ts) and, for a running
 * session, its calls not ended yet with the count of unsettled calls on each of their numbers (as
 * store/call-summaries.ts unsettledOf reads them).
 */
import { countsAsAttempt, isUnresolved } from '../../src/main/domain/call';
import type { RunningSession, WaitingNumber } from '../../src/main/domain/forecast';
import { summariseCalls, type PlanHistory, type PolicyCall } from '../../src/main/domain/policy';
import { makeCall } from './factories';

export interface RunningAsPlanned {
  startedAt: number;
  waiting: readonly WaitingNumber[];
}

export function runningFromCalls(
  calls: readonly PolicyCall[],
  running: RunningAsPlanned | null,
): RunningSession | null {
  if (!running) return null;
  const unsettled = calls.filter((call) => isUnresolved(call) && call.sessionStartedAt === running.startedAt);
  const unresolvedCalls = new Map<string, number>();
  for (const call of calls) {
    if (!countsAsAttempt(call) || !isUnresolved(call)) continue;
    unresolvedCalls.set(call.phoneE164, (unresolvedCalls.get(call.phoneE164) ?? 0) + 1);
  }
  return {
    ...running,
    unsettled: unsettled.map((call) => ({ phoneE164: call.phoneE164 })),
    unresolvedCalls,
  };
}

/** The forecast's history and running session from calls. */
export function fromCalls(
  calls: readonly PolicyCall[],
  running: RunningAsPlanned | null = null,
): { history: PlanHistory; running: RunningSession | null } {
  return { history: summariseCalls(calls), running: runningFromCalls(calls, running) };
}

/** A call the forecast assumes made: it reaches nobody, so the cooldown and the attempts count. */
export function assumedPolicyCall(
  phoneE164: string,
  awbs: readonly string[],
  sessionStartedAt: number,
): PolicyCall {
  return { ...makeCall({ phoneE164, awbs: [...awbs], outcome: 'no-answer' }), sessionStartedAt };
}

/**
 * The oracle: the list of calls as it will be once the running session is over, as the forecast made it
 * before it read summaries — its calls not ended replaced in place by calls that ended without success, its
 * waiting numbers appended as called at its start. summariseCalls of this is what the summaries-based
 * historyAsItWillBe must give.
 */
export function callsAsTheyWillBe(
  calls: readonly PolicyCall[],
  running: RunningAsPlanned | null,
): PolicyCall[] {
  if (!running) return [...calls];
  const history = calls.map((call) =>
    isUnresolved(call) && call.sessionStartedAt === running.startedAt
      ? assumedPolicyCall(call.phoneE164, call.awbs, call.sessionStartedAt)
      : call,
  );
  for (const number of running.waiting) {
    history.push(assumedPolicyCall(number.phoneE164, number.awbs, running.startedAt));
  }
  return history;
}
