/**
 * Benchmark: how long the forecast of the rest of today takes for a big desk (10,000 orders, 3 days of
 * history, four slots ahead), as Today and the Queue ask for it (the desk keeps the result until the data
 * changes). Also one run-now check (`dueNow`), which the header's status needs. Prints one line; no threshold.
 */
import { dueNow, forecastDay } from '../src/main/domain/forecast';
import type { Order } from '../src/main/domain/order';
import type { PolicyCall } from '../src/main/domain/policy';
import { DEFAULT_CALLING_SETTINGS } from '../src/main/domain/settings';

const ORDERS = 10_000;
// 09:30 in Kolkata on 24 Nov 2026: all four slots are still ahead.
const now = Date.UTC(2026, 10, 24, 4, 0);
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
  pincode: '',
  city: '',
  codAmount: null,
  firstSeenAt: now - index * 1000,
  updatedAt: now,
}));
const calls: PolicyCall[] = [];
for (let day = 0; day < 3; day += 1) {
  for (let index = 0; index < ORDERS; index += 2) {
    calls.push({
      phoneE164: orders[index]!.phoneE164!,
      awbs: [orders[index]!.awb],
      sessionStartedAt: now - (3 - day) * 86_400_000,
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
const input = {
  orders,
  calls,
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
