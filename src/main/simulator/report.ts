/** Builds the simulation report (DESIGN.md) from what the engine recorded in the store. */
import { tallyCalls } from '../domain/call';
import { formatLocalIso, parseLocalIso } from '../domain/local-time';
import type { SkipCounts } from '../domain/policy';
import type { CallingSettings } from '../domain/settings';
import type { Store } from '../store';
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
  errors: number;
  skipped: SkipCounts;
}

export interface ReportCall {
  at: string;
  session: string;
  phone: string;
  awbs: string[];
  attempt: number;
  outcome: string | null;
  successful: boolean;
}

export interface SimulationReport {
  scenario: string;
  sessions: ReportSession[];
  refused: { at: string; trigger: string; reason: string }[];
  skippedSlots: { at: string; reason: string }[];
  calls: ReportCall[];
  totals: { calls: number; successful: number; failed: number; errors: number };
  storePath?: string;
}

export function buildReport(
  store: Store,
  scenario: Scenario,
  settings: CallingSettings,
  storePath: string | null,
): SimulationReport {
  const tz = settings.timezone;
  const from = parseLocalIso(scenario.start, tz)!;
  const to = Number.MAX_SAFE_INTEGER;
  const allCalls = store.calls.all();
  const placed = allCalls.filter((call) => call.outcome !== 'error');
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
      failed: tally.calls - tally.successful,
      errors: tally.errors,
      skipped: session.skipped,
    };
  });
  const skippedRuns = store.sessions.skippedRunsBetween(from, to);
  const successful = placed.filter((call) => call.successful).length;
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
    })),
    totals: {
      calls: placed.length,
      successful,
      failed: placed.length - successful,
      errors: allCalls.length - placed.length,
    },
    ...(storePath ? { storePath } : {}),
  };
}
