/**
 * Benchmark: a whole day of the real engine (simulator) for a big desk — 2,000 orders, concurrency 20 — to
 * show how long a day takes on a virtual clock and how much memory it needs.
 */
import { parseScenario } from '../src/main/simulator/scenario';
import { runScenario } from '../src/main/simulator/run-scenario';

const ORDERS = 2_000;
const outcomes: Record<string, string[]> = {};
const orders = Array.from({ length: ORDERS }, (_, index) => {
  const phone = `97${String(index).padStart(8, '0')}`;
  if (index % 3 === 0) outcomes[phone] = ['busy', 'no-answer', 'answered'];
  return {
    at: index < 1_500 ? '2026-11-24T09:30' : '2026-11-24T11:30',
    awb: `AWB${index}`,
    customer: `Customer ${index}`,
    phone,
    type: index % 2 === 0 ? 'OFD' : 'Undelivered',
  };
});
const scenario = parseScenario({
  name: 'big-day',
  timezone: 'Asia/Kolkata',
  start: '2026-11-24T09:00',
  end: '2026-11-24T17:00',
  settings: { concurrency: 20 },
  callSeconds: 45,
  orders,
  outcomes,
});

const began = process.hrtime.bigint();
runScenario(scenario).then((report) => {
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  console.log(
    `simulate-big-day: ${ORDERS} orders, ${report.totals.calls} calls in ${report.sessions.length} sessions; ${seconds.toFixed(1)} s; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
});
