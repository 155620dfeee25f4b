/**
 * Benchmark: how long the policy takes to plan a session for a big desk (10,000 orders, 3 days of history),
 * as the queue view does on every refresh. Prints one line of figures; no pass/fail threshold.
 */
import { planSession, summariseCalls, type PolicyCall } from '../src/main/domain/policy';
import type { Order } from '../src/main/domain/order';
import { DEFAULT_CALLING_SETTINGS } from '../src/main/domain/settings';

const ORDERS = 10_000;
const start = Date.UTC(2026, 10, 24, 4, 30);
const orders: Order[] = Array.from({ length: ORDERS }, (_, index) => ({
  awb: `AWB${index}`,
  orderId: null,
  courier: null,
  customer: `Customer ${index}`,
  phoneRaw: `98${String(index % 8_000).padStart(8, '0')}`,
  phoneE164: `+9198${String(index % 8_000).padStart(8, '0')}`,
  phoneProblem: null,
  type: index % 10 === 0 ? 'Delivered' : 'OFD',
  rawStatus: 'Out for delivery',
  address: '',
  city: '',
  pincode: '',
  codAmount: null,
  firstSeenAt: start - index * 1000,
  updatedAt: start,
}));
const calls: PolicyCall[] = [];
for (let day = 0; day < 3; day += 1) {
  for (let index = 0; index < ORDERS; index += 2) {
    calls.push({
      phoneE164: orders[index]!.phoneE164!,
      awbs: [orders[index]!.awb],
      sessionStartedAt: start - (3 - day) * 86_400_000,
      successful: index % 6 === 0,
      outcome: index % 6 === 0 ? 'answered' : 'busy',
      state: 'ended',
      intent: index % 6 === 0 ? 'confirmed' : null,
      callbackAt: null,
      noCallBefore: null,
      closesOrder: false,
      badNumber: false,
    });
  }
}

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
