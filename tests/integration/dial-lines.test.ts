/**
 * Dialling at the provider's bound: a session keeps as many calls up as the VAPI account has lines (VAPI's
 * `subscriptionLimits` on each create), whatever the desk's "calls at once" setting says; sends no create VAPI
 * must refuse; leaves the lines another desk holds alone; and a line frees the moment its call ends, not once
 * VAPI's analysis of it has come in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tallyCalls } from '../../src/main/domain/call';
import type { CallProvider } from '../../src/main/engine/provider';
import { orderInputFromRecord } from '../../src/main/intake/records';
import { providerErrorFacts } from '../../src/main/engine/provider';
import { local, startHarness, type Harness } from '../helpers/engine-harness';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
});

/** Creates VAPI refused for want of a free line, counted as the session sends them. */
let blockedCreates = 0;

async function harness(options: Parameters<typeof startHarness>[0]): Promise<Harness> {
  blockedCreates = 0;
  const created = await startHarness({
    provider: (client): CallProvider => ({
      createCall: (request, createOptions) =>
        client.createCall(request, createOptions).catch((error: unknown) => {
          if (providerErrorFacts(error).kind === 'concurrency-limit') blockedCreates += 1;
          throw error;
        }),
      getCall: (id) => client.getCall(id),
      listCalls: (query) => client.listCalls(query),
    }),
    ...options,
  });
  harnesses.push(created);
  return created;
}

function addOrders(h: Harness, count: number) {
  h.store.orders.upsertMany(
    Array.from({ length: count }, (_, index) =>
      orderInputFromRecord(
        {
          awb: `AWB${index + 1}`,
          customer: `Customer ${index + 1}`,
          phone: `98765${String(index + 1).padStart(5, '0')}`,
          type: 'OFD',
        },
        'IN',
      ),
    ),
    h.clock.now(),
  );
}

/** Runs the clock second by second from 10:00 for `seconds`; returns the most calls VAPI had up at once. */
async function mostCallsUp(h: Harness, seconds: number): Promise<number> {
  let most = 0;
  for (let second = 1; second <= seconds; second += 1) {
    await h.clock.advanceTo(local('2026-11-24T10:00') + second * 1000, async () => {
      for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    });
    most = Math.max(most, h.fake.activeCallCount());
  }
  return most;
}

describe('a session dials at the provider’s bound', () => {
  it('keeps every line of the account busy when VAPI says it has more than the setting', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 2 },
      fake: { callSeconds: 60, concurrencyLimit: 5 },
    });
    addOrders(h, 10);
    await h.scheduler.runNow();
    expect(await mostCallsUp(h, 150)).toBe(5);
    // Two rounds of five 60 s calls, each end noticed within the 1 s poll.
    const creates = h.fake.created().map((call) => (call.at - local('2026-11-24T10:00')) / 1000);
    expect(creates).toHaveLength(10);
    expect(Math.max(...creates)).toBeLessThanOrEqual(61);
    expect(blockedCreates).toBe(0);
  });

  it('sends no create VAPI must refuse when the setting is above the account’s limit', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 10 },
      fake: { callSeconds: 60, concurrencyLimit: 3 },
    });
    addOrders(h, 9);
    await h.scheduler.runNow();
    expect(await mostCallsUp(h, 240)).toBe(3);
    await h.advanceTo('2026-11-24T10:10');
    expect(blockedCreates).toBe(0);
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 9, successful: 9, errors: 0 });
  });

  it('leaves alone the lines another desk holds on the same account', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 5 },
      fake: { callSeconds: 60, concurrencyLimit: 3, stuck: ['+919999900001', '+919999900002'] },
    });
    for (const number of ['+919999900001', '+919999900002']) {
      await h.client.createCall({
        customerNumber: number,
        customerName: 'Other desk',
        variableValues: {},
        metadata: {},
      });
    }
    addOrders(h, 4);
    await h.scheduler.runNow();
    expect(await mostCallsUp(h, 300)).toBe(3);
    await h.advanceTo('2026-11-24T10:10');
    expect(blockedCreates).toBe(0);
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 4, successful: 4 });
  });

  it('frees a line when its call ends, while VAPI’s analysis of the call is still awaited', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 1 },
      fake: { callSeconds: 60, analysisDelaySeconds: 30 },
    });
    addOrders(h, 2);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:05');
    const [first, second] = h.fake.created();
    expect((second!.at - first!.at) / 1000).toBeLessThanOrEqual(61);
    // The first call's answer was still read and recorded.
    expect(h.store.calls.all().map((call) => [call.outcome, call.successful])).toEqual([
      ['answered', true],
      ['answered', true],
    ]);
  });

  it('sends a create VAPI blocked again as soon as one of the session’s calls ends', async () => {
    // An older API: a refusal (400 "Over Concurrency Limit.") and no `subscriptionLimits` on accepted creates.
    let creates = 0;
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 2 },
      fake: { callSeconds: 60, concurrencyLimit: 1, concurrencyRejection: 'http-400' },
      provider: (client): CallProvider => ({
        createCall: async (request, options) => {
          creates += 1;
          const call = await client.createCall(request, options).catch((error: unknown) => {
            if (providerErrorFacts(error).kind === 'concurrency-limit') blockedCreates += 1;
            throw error;
          });
          return { ...call, subscriptionLimits: undefined };
        },
        getCall: (id) => client.getCall(id),
        listCalls: (query) => client.listCalls(query),
      }),
    });
    addOrders(h, 2);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:05');
    const [first, second] = h.fake.created();
    expect((second!.at - first!.at) / 1000).toBeLessThanOrEqual(61);
    // One refusal, then it waited for the line instead of asking every 2 s.
    expect(blockedCreates).toBe(1);
    expect(creates).toBe(3);
  });
});
