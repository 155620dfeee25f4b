/**
 * Run now's due check and the forecast read only the callable orders that can still be called
 * (store/call-summaries.ts stillCallableForPlanning: a prefilter in SQL on the summaries). On random orders
 * and summaries written to the store: the orders the prefilter leaves out are exactly those the policy
 * (domain/policy.ts skipFor) leaves out for good, bar those whose number has a callback time; and dueNow and
 * forecastDay say the same from the prefiltered read as from every callable order, with or without a
 * session dialling.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONE_FOR_GOOD, dueNow, forecastDay, type RunningSession } from '../../src/main/domain/forecast';
import type { OrderType } from '../../src/main/domain/order';
import { planSession } from '../../src/main/domain/policy';
import { openStore, type Store } from '../../src/main/store';
import { at, indianPhone, makeOrderInput, makeSettings } from '../helpers/factories';

const AWBS = ['AWB1', 'AWB2', 'AWB3', 'AWB4', 'AWB5', 'AWB6'];
const PHONES = [1, 2, 3].map((n) => indianPhone(n));
const TYPES: OrderType[] = ['OFD', 'Undelivered', 'Delivered'];
const NOW = at('2026-11-24T10:30');
const instant = fc.option(
  fc.constantFrom(
    ...[
      '2026-11-24T08:00',
      '2026-11-24T11:00',
      '2026-11-24T12:00',
      '2026-11-24T15:00',
      '2026-11-26T00:00',
    ].map((time) => at(time)),
  ),
  { nil: null },
);

const order = fc.record({
  type: fc.constantFrom(...TYPES),
  phone: fc.option(fc.nat({ max: PHONES.length - 1 }), { nil: null }),
  seenAt: fc.constantFrom(at('2026-11-22T09:00'), at('2026-11-23T09:00')),
});
const orderSummary = fc.option(
  fc.record({
    attempts: fc.nat({ max: 4 }),
    successful: fc.constantFrom(0, 1),
    closedBy: fc.constantFrom(null, '', 'cancel', 'wrong-number'),
    noCallBefore: instant,
  }),
  { nil: null },
);
const phoneSummary = fc.option(
  fc.record({
    lastSession: fc.constantFrom(
      ...['2026-11-23T10:00', '2026-11-24T08:00', '2026-11-24T10:00'].map((time) => at(time)),
    ),
    callbackAt: instant,
    unresolved: fc.nat({ max: 2 }),
    badNumber: fc.constantFrom(0, 1),
  }),
  { nil: null },
);
const desk = fc.record({
  orders: fc.array(order, { minLength: AWBS.length, maxLength: AWBS.length }),
  orderSummaries: fc.array(orderSummary, { minLength: AWBS.length, maxLength: AWBS.length }),
  phoneSummaries: fc.array(phoneSummary, { minLength: PHONES.length, maxLength: PHONES.length }),
  maxAttempts: fc.integer({ min: 1, max: 4 }),
});
type Desk = typeof desk extends fc.Arbitrary<infer T> ? T : never;

let dir: string;
let store: Store;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-still-callable-'));
  store = openStore(join(dir, 'desk.sqlite'));
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The desk written to the store: its orders, and its summaries as migration 007's triggers keep them. */
function write(data: Desk): void {
  const { db } = store;
  db.exec('DELETE FROM orders; DELETE FROM order_call_summary; DELETE FROM phone_call_summary;');
  data.orders.forEach((spec, index) => {
    const phone =
      spec.phone === null
        ? { phoneRaw: '12345', phoneE164: null, phoneProblem: 'too short (5 digits)' }
        : PHONES[spec.phone]!;
    const input = makeOrderInput({ awb: AWBS[index]!, type: spec.type, rawStatus: spec.type, ...phone });
    store.orders.upsertMany([input], spec.seenAt);
  });
  const addOrder = db.prepare(
    `INSERT INTO order_call_summary (awb, attempts, successful, closed_by, no_call_before, last_call_id)
     VALUES (?, ?, ?, ?, ?, NULL)`,
  );
  data.orderSummaries.forEach((summary, index) => {
    if (summary) {
      const { attempts, successful, closedBy, noCallBefore } = summary;
      addOrder.run(AWBS[index], attempts, successful, closedBy, noCallBefore);
    }
  });
  const addPhone = db.prepare(
    `INSERT INTO phone_call_summary (phone_e164, last_session_at, callback_at, unresolved, bad_number)
     VALUES (?, ?, ?, ?, ?)`,
  );
  data.phoneSummaries.forEach((summary, index) => {
    if (summary) {
      const { lastSession, callbackAt, unresolved, badNumber } = summary;
      addPhone.run(PHONES[index]!.phoneE164, lastSession, callbackAt, unresolved, badNumber);
    }
  });
}

describe('the still-callable prefilter', () => {
  it("leaves out exactly the orders the policy leaves out for good (bar a number's callback)", () => {
    fc.assert(
      fc.property(desk, fc.constantFrom(NOW, at('2026-11-24T16:00')), (data, sessionStart) => {
        write(data);
        const settings = makeSettings({ maxAttempts: data.maxAttempts });
        const all = store.callSummaries.callableForPlanning();
        const still = store.callSummaries.stillCallableForPlanning(data.maxAttempts);
        const plan = planSession({ orders: all.orders, history: all.history, settings, sessionStart });
        const done = new Set(plan.skipped.filter((s) => DONE_FOR_GOOD.has(s.reason)).map((s) => s.awb));
        const kept = new Set(still.orders.map((o) => o.awb));
        for (const candidate of all.orders) {
          const phone = candidate.phoneE164 ? all.history.phones.get(candidate.phoneE164) : undefined;
          const callback = (phone?.callbackAt ?? null) !== null;
          expect(kept.has(candidate.awb), candidate.awb).toBe(!done.has(candidate.awb) || callback);
        }
        // What is kept comes as callableForPlanning gives it.
        expect(still.orders).toEqual(all.orders.filter((o) => kept.has(o.awb)));
        for (const awb of kept) expect(still.history.orders.get(awb)).toEqual(all.history.orders.get(awb));
        for (const [phone, history] of still.history.phones) {
          expect(history).toEqual(all.history.phones.get(phone));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives run now and the forecast the same answers as every callable order', () => {
    const running = fc.option(
      fc.record({
        waiting: fc.uniqueArray(fc.nat({ max: PHONES.length - 1 }), { maxLength: 2 }),
        unsettled: fc.uniqueArray(fc.nat({ max: PHONES.length - 1 }), { maxLength: 2 }),
        others: fc.nat({ max: 1 }),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(desk, running, fc.boolean(), (data, session, schedulerRunning) => {
        write(data);
        const settings = makeSettings({ maxAttempts: data.maxAttempts });
        const all = store.callSummaries.callableForPlanning();
        const still = store.callSummaries.stillCallableForPlanning(data.maxAttempts);
        const runningSession: RunningSession | null = session && {
          startedAt: at('2026-11-24T10:00'),
          waiting: session.waiting.map((phone) => ({
            phoneE164: PHONES[phone]!.phoneE164,
            awbs: AWBS.filter((_, index) => data.orders[index]!.phone === phone),
          })),
          unsettled: session.unsettled.map((phone) => ({ phoneE164: PHONES[phone]!.phoneE164 })),
          unresolvedCalls: new Map(
            session.unsettled.map((phone) => [PHONES[phone]!.phoneE164, 1 + session.others]),
          ),
        };
        const input = { settings, now: NOW, running: runningSession };
        expect(dueNow({ ...input, ...still })).toEqual(dueNow({ ...input, ...all }));
        expect(forecastDay({ ...input, ...still, schedulerRunning })).toEqual(
          forecastDay({ ...input, ...all, schedulerRunning }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
