/**
 * What the Queue and Orders views plan with: the one place that reads the policy's inputs for them and calls
 * planSession. As the scheduler plans (store/plan-input.ts), the history is the call summaries the store keeps
 * (migration 007: never the calls themselves), and of each callable order only what the policy reads (the
 * pages read names and addresses for the rows they show); the orders of other types are never read into
 * memory: the snapshot judges them not callable in SQL (plan-snapshot.ts). While a session dials, the next one is planned against
 * the history as it will be (domain/history-ahead.ts): its calls not ended yet assumed ended without success,
 * its waiting numbers called at its start. Call inside a read transaction, so that orders and history are
 * one consistent snapshot.
 */
import { historyAsItWillBe, type RunningSession } from '../../domain/forecast';
import { planSession, type PlanOrder, type SessionPlan } from '../../domain/policy';
import type { CallingSettings } from '../../domain/settings';
import { CallSummaryRepository } from '../../store/call-summaries';
import type { SqliteDatabase } from '../../store/database';

export interface PlannedDesk {
  plan: SessionPlan<PlanOrder>;
  /**
   * The callable orders the plan was made from, oldest first (first seen, then AWB). The others are judged
   * not callable without being read here (plan-snapshot.ts writes them from the store).
   */
  orders: readonly PlanOrder[];
}

/**
 * The session dialling now (its start and waiting numbers) with what the forecast assumes of its calls not
 * ended yet (domain/history-ahead.ts), read from the store; null without one.
 */
export function runningSessionOf(
  summaries: Pick<CallSummaryRepository, 'unsettledOf'>,
  running: Pick<RunningSession, 'startedAt' | 'waiting'> | null | undefined,
): RunningSession | null {
  if (!running) return null;
  const unsettled = summaries.unsettledOf(running.startedAt);
  return {
    startedAt: running.startedAt,
    waiting: running.waiting,
    unsettled: unsettled.calls,
    unresolvedCalls: unsettled.unresolvedCalls,
  };
}

/**
 * The plan for a session starting at `sessionStart`, from what the database holds now. While a session
 * dials (`running`), the history as it will be once it is done.
 */
export function planDesk(
  db: SqliteDatabase,
  settings: CallingSettings,
  sessionStart: number,
  running: Pick<RunningSession, 'startedAt' | 'waiting'> | null = null,
): PlannedDesk {
  const summaries = new CallSummaryRepository(db);
  const { orders, history } = summaries.callableForPlanning();
  const ahead = runningSessionOf(summaries, running);
  return {
    plan: planSession({
      orders,
      history: ahead ? historyAsItWillBe(history, ahead) : history,
      settings,
      sessionStart,
    }),
    orders,
  };
}
