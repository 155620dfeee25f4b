/**
 * Benchmark: how long the forecast of the rest of today takes for a big desk (10,000 orders, 3 days of
 * history, four slots ahead), as Today and the Queue ask for it (the desk keeps the result until the data
 * changes), from the call summaries the store keeps (here made from the calls once, as the store's would be). Also one run-now check (`dueNow`), which the header's status needs. Prints one line; no threshold.
 */
import { dueNow, forecastDay } from '../src/main/domain/forecast';
import { summariseCalls } from '../src/main/domain/policy';
import { DEFAULT_CALLING_SETTINGS } from '../src/main/domain/settings';
import { policyDesk } from './support/policy-desk';

const ORDERS = 10_000;
// 09:30 in Kolkata on 24 Nov 2026: all four slots are still ahead.
const now = Date.UTC(2026, 10, 24, 4, 0);
const { orders, calls } = policyDesk(ORDERS, now);
const input = {
  orders,
  history: summariseCalls(calls),
  settings: DEFAULT_CALLING_SETTINGS,
  now,
  schedulerRunning: true,
  running: null,
};

const runs = 5;
forecastDay(input);
let began = process.hrtime.bigint();
let sessions = '';
for (let run = 0; run < runs; run += 1) {
  sessions = forecastDay(input)
    .sessions.map((session) => session.calls)
    .join(' / ');
}
const perForecastMs = Number(process.hrtime.bigint() - began) / 1e6 / runs;
began = process.hrtime.bigint();
for (let run = 0; run < runs; run += 1) dueNow(input);
const perDueNowMs = Number(process.hrtime.bigint() - began) / 1e6 / runs;
console.log(
  `forecast-day: ${ORDERS} orders, ${calls.length} calls → sessions ahead ${sessions}; ${perForecastMs.toFixed(0)} ms per forecast, ${perDueNowMs.toFixed(0)} ms per run-now check; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
