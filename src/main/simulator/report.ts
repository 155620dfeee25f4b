/**
 * Builds the simulation report (README, "The simulator") from what the engine recorded in the store and what
 * the fake VAPI itself says it placed (`providerCalls`): the two are compared by `neverTwice`
 * (invariants.ts) so that a call the desk lost track of shows up.
 */
import { countsAsAttempt, tallyCalls } from '../domain/call';
import { formatLocalIso, parseLocalIso } from '../domain/local-time';
import type { SkipCounts } from '../domain/policy';
import type { CallingSettings } from '../domain/settings';
import type { Store } from '../store';
import { fateOf, fateVerdict } from '../../dev/fake-vapi/outcomes';
import type { CreatedCall } from '../../dev/fake-vapi/server';
import type { Scenario } from './scenario';

export interface ReportSession {
  start: string;
  trigger: string;
  state: string;
  calls: number;
  new: number;
  retries: number;
  successful: number;
  failed: number;
  /** Calls VAPI has not yet said how they went (they may have rung): neither successful nor failed. */
  unresolved: number;
  errors: number;
  skipped: SkipCounts;
}

export interface ReportCall {
  at: string;
  session: string;
  phone: string;
  awbs: string[];
  attempt: number;
  /** Null while VAPI has not said how the call went (it may have rung). */
  outcome: string | null;
  successful: boolean;
  /** The desk's own id for the call (sent to VAPI as `metadata.callId`). */
  callId: number;
  /** VAPI's id for the call, once known. */
  providerId: string | null;
  /** What the customer said (answered calls whose answer could be read), else null. */
  answer: string | null;
}

/** Work for dispatch that the answers raised. */
export interface ReportAction {
  awb: string;
  kind: string;
  date?: string;
  time?: string;
  address?: string;
}

/** A call the fake VAPI placed, from its own record: what really happened on the customer's phone. */
export interface ReportProviderCall {
  at: string;
  phone: string;
  /** The desk's `metadata.callId` on the create. */
  callId: number | null;
  providerId: string;
  /** Null for a call that never ended (a `stuck` number). */
  outcome: string | null;
  successful: boolean;
}

export interface SimulationReport {
  scenario: string;
  sessions: ReportSession[];
  refused: { at: string; trigger: string; reason: string }[];
  skippedSlots: { at: string; reason: string }[];
  calls: ReportCall[];
  providerCalls: ReportProviderCall[];
  actions: ReportAction[];
  totals: { calls: number; successful: number; failed: number; unresolved: number; errors: number };
  storePath?: string;
}

function providerCall(created: CreatedCall, timezone: string): ReportProviderCall {
  const callId = Number(created.metadata.callId);
  const verdict = fateVerdict(fateOf(created.fate));
  return {
    at: formatLocalIso(created.at, timezone, true),
    phone: created.number,
    callId: Number.isInteger(callId) ? callId : null,
    providerId: created.id,
    outcome: created.stuck ? null : verdict.outcome,
    successful: !created.stuck && verdict.successful,
  };
}

export function buildReport(
  store: Store,
  scenario: Scenario,
  settings: CallingSettings,
  placedByProvider: CreatedCall[],
  storePath: string | null,
): SimulationReport {
  const tz = settings.timezone;
  const from = parseLocalIso(scenario.start, tz)!;
  const to = Number.MAX_SAFE_INTEGER;
  const allCalls = store.calls.all();
  const placed = allCalls.filter(countsAsAttempt);
  const sessions = store.sessions.between(from, to).map((session): ReportSession => {
    const tally = tallyCalls(allCalls.filter((call) => call.sessionId === session.id));
    return {
      start: formatLocalIso(session.startedAt, tz),
      trigger: session.trigger,
      state: session.state,
      calls: tally.calls,
      new: tally.newCalls,
      retries: tally.retryCalls,
      successful: tally.successful,
      failed: tally.failed,
      unresolved: tally.inFlight,
      errors: tally.errors,
      skipped: session.skipped,
    };
  });
  const skippedRuns = store.sessions.skippedRunsBetween(from, to);
  const tally = tallyCalls(allCalls);
  return {
    scenario: scenario.name,
    sessions,
    refused: skippedRuns
      .filter((run) => run.trigger === 'manual')
      .map((run) => ({ at: formatLocalIso(run.at, tz), trigger: run.trigger, reason: run.reason })),
    skippedSlots: skippedRuns
      .filter((run) => run.trigger !== 'manual')
      .map((run) => ({ at: formatLocalIso(run.at, tz), reason: run.reason })),
    calls: placed.map((call) => ({
      at: formatLocalIso(call.startedAt, tz, true),
      session: formatLocalIso(call.sessionStartedAt, tz),
      phone: call.phoneE164,
      awbs: call.awbs,
      attempt: call.attemptNumber,
      outcome: call.outcome,
      successful: call.successful,
      callId: call.id,
      providerId: call.providerCallId,
      answer: call.intent,
    })),
    providerCalls: placedByProvider.map((created) => providerCall(created, tz)),
    actions: store.actions
      .list({ state: 'all' })
      .sort((a, b) => a.createdAt - b.createdAt || a.awb.localeCompare(b.awb) || a.id - b.id)
      .map((action) => ({
        awb: action.awb,
        kind: action.kind,
        ...(action.date ? { date: action.date } : {}),
        ...(action.time ? { time: action.time } : {}),
        ...(action.address ? { address: action.address } : {}),
      })),
    totals: {
      calls: tally.calls,
      successful: tally.successful,
      failed: tally.failed,
      unresolved: tally.inFlight,
      errors: tally.errors,
    },
    ...(storePath ? { storePath } : {}),
  };
}
