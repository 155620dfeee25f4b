/**
 * The daily report's arithmetic: one day's sessions, calls and actions (already read from the store, that day
 * only) turned into the seed's per-session table, the outcome and answer breakdowns and the day's totals.
 * Pure: the same rows always give the same report, whoever asks (the console, the CLI, the CSV export).
 */
import type {
  ActionKind,
  AnswerIntent,
  CallOutcome,
  DailyReport,
  SessionSummary,
} from '../../shared/desk-types';
import { ACTION_KINDS } from '../../shared/contract';
import { ANSWER_INTENTS } from './answer';
import { tallyCalls, type CallAttempt } from './call';

/** What the report needs of one call: its session, how it went, what it cost and what was said. */
export type ReportCall = Pick<
  CallAttempt,
  'sessionId' | 'kind' | 'state' | 'outcome' | 'successful' | 'cost' | 'talkSeconds' | 'intent' | 'awbs'
>;

/** What the report needs of one session: when and why it ran, how it ended, what it left out. */
export type ReportSession = Pick<
  SessionSummary,
  'id' | 'startedAt' | 'trigger' | 'state' | 'endedAt' | 'skipped'
>;

export interface DailyReportInput {
  date: string;
  timezone: string;
  /** The day's sessions (and any earlier session with calls that day), in any order. */
  sessions: readonly ReportSession[];
  /** Every call started that day, errors included. */
  calls: readonly ReportCall[];
  /** The kind of every action raised that day. */
  actionKinds: readonly ActionKind[];
  usdToInr: number;
  keepCallsDays: number;
  historyKeptFrom: string;
}

export const REPORT_OUTCOMES = [
  'answered',
  'busy',
  'no-answer',
  'voicemail',
  'failed',
  'error',
  'interrupted',
  'canceled',
  'unresolved',
] as const satisfies readonly (CallOutcome | 'unresolved')[];

export const REPORT_ANSWERS = [...ANSWER_INTENTS, 'none'] as const satisfies readonly (
  AnswerIntent | 'none'
)[];

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** Money to a fixed number of decimals without binary noise (0.1 + 0.2 reads 0.3). */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** The line outcome a call is counted under: its outcome once ended, `unresolved` until then. */
export function reportOutcomeOf(call: Pick<ReportCall, 'state' | 'outcome'>): CallOutcome | 'unresolved' {
  return call.state === 'ended' && call.outcome !== null ? call.outcome : 'unresolved';
}

/** What VAPI charged for the calls: every call's cost, a cancelled one's too (tallyCalls counts placed calls). */
function costOf(calls: readonly ReportCall[]): number {
  return calls.reduce((sum, call) => sum + (call.cost ?? 0), 0);
}

function sessionRow(session: ReportSession, calls: readonly ReportCall[]): SessionSummary {
  const tally = tallyCalls(calls);
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
    cost: roundTo(costOf(calls), 4),
  };
}

export function buildDailyReport(input: DailyReportInput): DailyReport {
  const callsBySession = new Map<number, ReportCall[]>();
  for (const call of input.calls) {
    const list = callsBySession.get(call.sessionId) ?? [];
    list.push(call);
    callsBySession.set(call.sessionId, list);
  }
  const sessions = [...input.sessions]
    .sort((a, b) => a.startedAt - b.startedAt || a.id - b.id)
    .map((session) => sessionRow(session, callsBySession.get(session.id) ?? []));

  const outcomes = zeros(REPORT_OUTCOMES);
  const answers = zeros(REPORT_ANSWERS);
  const confirmedOrders = new Set<string>();
  let talkSeconds = 0;
  let talkedCalls = 0;
  for (const call of input.calls) {
    const outcome = reportOutcomeOf(call);
    outcomes[outcome] += 1;
    if (outcome === 'answered') {
      answers[call.intent ?? 'none'] += 1;
      if (call.talkSeconds !== null) {
        talkSeconds += call.talkSeconds;
        talkedCalls += 1;
      }
    }
    if (call.successful) for (const awb of call.awbs) confirmedOrders.add(awb);
  }

  const actions = zeros(ACTION_KINDS);
  for (const kind of input.actionKinds) actions[kind] += 1;

  const tally = tallyCalls(input.calls);
  const cost = costOf(input.calls);
  const ended = tally.successful + tally.failed;
  const ordersConfirmed = confirmedOrders.size;
  return {
    date: input.date,
    timezone: input.timezone,
    sessions,
    outcomes,
    answers,
    totals: {
      calls: tally.calls,
      successful: tally.successful,
      failed: tally.failed,
      errors: tally.errors,
      ordersConfirmed,
      successRate: ended > 0 ? tally.successful / ended : null,
      attemptsPerSuccess: ordersConfirmed > 0 ? roundTo(tally.calls / ordersConfirmed, 2) : null,
      costUsd: roundTo(cost, 4),
      costInr: roundTo(cost * input.usdToInr, 2),
      averageTalkSeconds: talkedCalls > 0 ? roundTo(talkSeconds / talkedCalls, 1) : null,
    },
    actions,
    usdToInr: input.usdToInr,
    keepCallsDays: input.keepCallsDays,
    historyKeptFrom: input.historyKeptFrom,
  };
}
