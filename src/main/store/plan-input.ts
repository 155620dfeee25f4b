/**
 * What a session's plan is made from, read in one snapshot: the callable orders (what the policy reads of
 * them; the dialler reads each in full when it dials it), how many orders
 * are not callable (a count, never their rows), and the call summaries of the callable orders and their
 * numbers. Never the call history itself: planning costs the same however many calls the desk has made.
 */
import type { PlanInput, PlanOrder } from '../domain/policy';
import type { Store } from './index';

export type PlanningInput = Pick<PlanInput<PlanOrder>, 'orders' | 'notCallableCount' | 'history'>;

export function readPlanningInput(
  store: Pick<Store, 'orders' | 'callSummaries' | 'transaction'>,
): PlanningInput {
  return store.transaction(() => {
    const { orders, history } = store.callSummaries.callableForPlanning();
    // COUNT(*) of a whole table counts index pages without reading rows: the not-callable rows never load.
    return { orders, notCallableCount: store.orders.count() - orders.length, history };
  });
}
