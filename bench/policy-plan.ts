/**
 * Benchmark: how long the policy takes to plan a session for a big desk (10,000 orders, 3 days of history),
 * as the queue view does on every refresh. Prints one line of figures; no pass/fail threshold.
 */
import { planSession, summariseCalls } from '../src/main/domain/policy';
import { DEFAULT_CALLING_SETTINGS } from '../src/main/domain/settings';
import { policyDesk } from './support/policy-desk';

const ORDERS = 10_000;
const start = Date.UTC(2026, 10, 24, 4, 30);
const { orders, calls } = policyDesk(ORDERS, start);

const runs = 20;
planSession({
  orders,
  history: summariseCalls(calls),
  settings: DEFAULT_CALLING_SETTINGS,
  sessionStart: start,
});
const began = process.hrtime.bigint();
let queued = 0;
for (let run = 0; run < runs; run += 1) {
  queued = planSession({
    orders,
    history: summariseCalls(calls),
    settings: DEFAULT_CALLING_SETTINGS,
    sessionStart: start,
  }).queue.length;
}
const perPlanMs = Number(process.hrtime.bigint() - began) / 1e6 / runs;
console.log(
  `policy-plan: ${ORDERS} orders, ${calls.length} calls → ${queued} queued; ${perPlanMs.toFixed(1)} ms per plan; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
