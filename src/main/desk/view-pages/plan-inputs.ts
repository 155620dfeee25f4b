/**
 * What the Queue and Orders views plan with: the one place that reads the policy's inputs for them and calls
 * planSession. As the scheduler plans (store/plan-input.ts), the history is the call summaries the store keeps
 * (migration 007: never the calls themselves), and of each order only what the policy reads (the pages read
 * names and addresses for the rows they show); the views pass every order, so that the policy also judges
 * those it will never call (their tab and detail). While a session dials, the next one is planned against
 * the history as it will be (domain/history-ahead.ts): its calls not ended yet assumed ended without success,
 * its waiting numbers called at its start. Call inside a read transaction, so that orders and history are
 * one consistent snapshot.
 */
import { historyAsItWillBe, type RunningSession } from '../../domain/forecast';
import type { OrderType } from '../../domain/order';
import { planSession, type PlanOrder, type SessionPlan } from '../../domain/policy';
import type { CallingSettings } from '../../domain/settings';
import { CallSummaryRepository } from '../../store/call-summaries';
import type { SqliteDatabase } from '../../store/database';

export interface PlannedDesk {
  plan: SessionPlan<PlanOrder>;
  /** Every cached order, oldest first (first seen, then AWB): what the plan was made from. */
  orders: readonly PlanOrder[];
}

type OrderRow = [string, string, string | null, string | null, number];

/** Every order as the policy reads it, oldest first. */
function readOrders(db: SqliteDatabase): PlanOrder[] {
  const orders: PlanOrder[] = [];
  const rows = db
    .prepare<[], OrderRow>(
      `SELECT awb, type, phone_e164, phone_problem, first_seen_at FROM orders ORDER BY first_seen_at, awb`,
    )
    .raw()
    .iterate();
  for (const [awb, type, phoneE164, phoneProblem, firstSeenAt] of rows) {
    orders.push({ awb, type: type as OrderType, phoneE164, phoneProblem, firstSeenAt });
  }
  return orders;
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
  const orders = readOrders(db);
  const summaries = new CallSummaryRepository(db);
  const history = summaries.ofCallableOrders();
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
