/**
 * One session on the real engine: the concurrency limit, the provider's line limit, parcels that change
 * type mid-session, the call row written before the dial, and a create whose reply was lost settled with
 * VAPI before anything is sent again. Dialling at the provider's bound: as many calls up as the VAPI account
 * has lines (VAPI's `subscriptionLimits` on each create) whatever the "calls at once" setting says, no create
 * VAPI must refuse, the lines another desk holds left alone, and a line freed the moment its call ends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tallyCalls } from '../../src/main/domain/call';
import { openStore, type Store } from '../../src/main/store';
import { providerErrorFacts, type CallProvider } from '../../src/main/engine/provider';
import { orderInputFromRecord } from '../../src/main/intake/records';
import type { VapiClient } from '../../src/main/vapi';
import { local, startHarness, type Harness } from '../helpers/engine-harness';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
});

async function harness(options: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const created = await startHarness(options);
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

/** The client as the provider, with `beforeCreate` run as each create is about to be sent. */
function beforeEachCreate(beforeCreate: () => void): (client: VapiClient) => CallProvider {
  return (client) => ({
    createCall: (request, options) => {
      beforeCreate();
      return client.createCall(request, options);
    },
    getCall: (id) => client.getCall(id),
    listCalls: (query) => client.listCalls(query),
  });
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

/**
 * A provider that notes, at each create, how many earlier creates VAPI had already answered: creates sent
 * together all see the same count.
 */
function createsAnsweredBefore(): {
  answeredBefore: number[];
  provider: (client: CallProvider) => CallProvider;
  /** Forgets the creates noted so far (another session follows). */
  reset(): void;
} {
  const answeredBefore: number[] = [];
  let answered = 0;
  return {
    answeredBefore,
    reset: () => {
      answeredBefore.length = 0;
      answered = 0;
    },
    provider: (client) => ({
      createCall: (request, options) => {
        answeredBefore.push(answered);
        return client.createCall(request, options).finally(() => (answered += 1));
      },
      getCall: (id) => client.getCall(id),
      listCalls: (query) => client.listCalls(query),
    }),
  };
}

describe('a session', () => {
  it('keeps at most `concurrency` calls in flight', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 3 },
      fake: { callSeconds: 60 },
    });
    addOrders(h, 9);
    await h.scheduler.runNow();
    const most = await mostCallsUp(h, 240);
    await h.advanceTo('2026-11-24T10:10');
    expect(most).toBe(3);
    expect(h.fake.created()).toHaveLength(9);
    const [session] = h.store.sessions.between(0, Number.MAX_SAFE_INTEGER);
    expect(session).toMatchObject({ state: 'completed' });
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 9, successful: 9 });
  });

  it('waits for a free line when VAPI blocks a call at its concurrency limit, without counting an attempt', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 4 },
      fake: { callSeconds: 60, concurrencyLimit: 2 },
    });
    addOrders(h, 4);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:10');
    const calls = h.store.calls.all();
    expect(calls).toHaveLength(4);
    expect(calls.every((call) => call.attemptNumber === 1 && call.outcome === 'answered')).toBe(true);
    expect(new Set(calls.map((call) => call.phoneE164)).size).toBe(4);
  });

  it('does not dial a parcel that became Delivered while the session was dialling', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 1 },
      fake: { callSeconds: 60 },
    });
    addOrders(h, 3);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:00:30');
    h.store.orders.applyStatusChanges(
      [{ awb: 'AWB3', type: 'Delivered', rawStatus: 'Delivered' }],
      h.clock.now(),
    );
    await h.advanceTo('2026-11-24T10:10');
    expect(h.store.calls.all().flatMap((call) => call.awbs)).toEqual(['AWB1', 'AWB2']);
  });

  it('writes the call row before the provider is asked to dial', async () => {
    const seenBeforeDial: string[] = [];
    const h = await harness({
      start: '2026-11-24T10:00',
      provider: beforeEachCreate(() =>
        seenBeforeDial.push(...h.store.calls.unfinished().map((call) => `${call.phoneE164}:${call.state}`)),
      ),
    });
    addOrders(h, 1);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:05');
    expect(seenBeforeDial).toEqual(['+919876500001:pending']);
  });

  describe('a create whose reply never came', () => {
    async function timedOut(dialled: boolean) {
      const h = await harness({ start: '2026-11-24T10:00', client: { requestTimeoutMs: 200 } });
      h.fake.addFault({ endpoint: 'createCall', kind: 'timeout', times: 1, dialled });
      addOrders(h, 1);
      await h.scheduler.runNow();
      // The reply is lost in real time; everything after it runs on the virtual clock.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await h.advanceTo('2026-11-24T10:10');
      return h;
    }

    it('is found in VAPI’s call list when VAPI placed it, and recorded as it went: nobody is dialled twice', async () => {
      const h = await timedOut(true);
      expect(h.fake.created()).toHaveLength(1);
      const [call] = h.store.calls.all();
      expect(call).toMatchObject({
        outcome: 'answered',
        successful: true,
        providerCallId: h.fake.created()[0]!.id,
      });
      await h.scheduler.runNow();
      await h.advanceTo('2026-11-24T10:15');
      expect(h.fake.created()).toHaveLength(1);
    });

    it('is sent again once VAPI’s call list shows it placed nothing, in the same session', async () => {
      const h = await timedOut(false);
      const calls = h.store.calls.all();
      expect(calls.map((call) => [call.outcome, call.successful])).toEqual([
        ['error', false],
        ['answered', true],
      ]);
      expect(calls[0]!.error).toMatch(/no record of this call/);
      expect(h.fake.created()).toHaveLength(1);
      expect(h.fake.requestCount('listCalls')).toBeGreaterThan(0);
    });
  });

  it('records a call VAPI accepted but could not start as an error, not an attempt', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      provider: (client): CallProvider => ({
        createCall: (request, options) => client.createCall(request, options),
        getCall: async (id) => {
          const call = await client.getCall(id);
          return { ...call, status: 'ended', endedReason: 'call.start.error-get-assistant' };
        },
        listCalls: (query) => client.listCalls(query),
      }),
    });
    addOrders(h, 1);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:05');
    const [call] = h.store.calls.all();
    expect(call).toMatchObject({ outcome: 'error', successful: false });
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 0, failed: 0, errors: 1 });
  });

  it('records VAPI’s id although another program locks the database just as it arrives: never "not dialled"', async () => {
    let locker: Store | null = null;
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { slots: ['10:00', '11:00'] },
      provider: (client, { clock }): CallProvider => ({
        createCall: async (request, options) => {
          const call = await client.createCall(request, options);
          // Another connection takes the file the moment VAPI's reply arrives, and keeps it 8 s.
          locker = openStore(h.storeFile);
          locker.db.exec('BEGIN EXCLUSIVE');
          clock.setTimeout(() => {
            locker!.db.exec('COMMIT');
            locker!.close();
          }, 8_000);
          return call;
        },
        getCall: (id) => client.getCall(id),
        listCalls: (query) => client.listCalls(query),
      }),
      store: { busyTimeoutMs: 5 },
    });
    addOrders(h, 1);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:05');
    expect(locker).not.toBeNull();
    const [call] = h.store.calls.all();
    expect(call).toMatchObject({
      outcome: 'answered',
      successful: true,
      providerCallId: h.fake.created()[0]!.id,
    });
    expect(h.logs.some((entry) => /locked by another program/.test(entry.message))).toBe(true);
    h.scheduler.start();
    await h.advanceTo('2026-11-24T11:05');
    expect(h.fake.created()).toHaveLength(1);
  });
});

/** Creates VAPI refused for want of a free line, counted as the session sends them. */
let blockedCreates = 0;

function countingBlocked(client: VapiClient): CallProvider {
  return {
    createCall: (request, options) =>
      client.createCall(request, options).catch((error: unknown) => {
        if (providerErrorFacts(error).kind === 'concurrency-limit') blockedCreates += 1;
        throw error;
      }),
    getCall: (id) => client.getCall(id),
    listCalls: (query) => client.listCalls(query),
  };
}

/** A desk at 10:00 whose "calls at once" is `setting`, on a fake VAPI of 60 s calls, counting blocked creates. */
function deskWith(setting: number, fake: Parameters<typeof startHarness>[0]['fake']): Promise<Harness> {
  return harness({
    provider: countingBlocked,
    start: '2026-11-24T10:00',
    settings: { concurrency: setting },
    fake: { callSeconds: 60, ...fake },
  });
}

describe('a session dials at the provider’s bound', () => {
  beforeEach(() => {
    blockedCreates = 0;
  });

  it('keeps every line of the account busy when VAPI says it has more than the setting', async () => {
    const h = await deskWith(2, { concurrencyLimit: 5 });
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
    const h = await deskWith(10, { concurrencyLimit: 3 });
    addOrders(h, 9);
    await h.scheduler.runNow();
    expect(await mostCallsUp(h, 240)).toBe(3);
    await h.advanceTo('2026-11-24T10:10');
    expect(blockedCreates).toBe(0);
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 9, successful: 9, errors: 0 });
  });

  it('leaves alone the lines another desk holds on the same account', async () => {
    const h = await deskWith(5, { concurrencyLimit: 3, stuck: ['+919999900001', '+919999900002'] });
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
    const h = await deskWith(1, { analysisDelaySeconds: 30 });
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

  it('sends as many creates at once as the account’s known line limit, none alone first', async () => {
    const creates = createsAnsweredBefore();
    const answeredBefore = creates.answeredBefore;
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 2 },
      fake: { callSeconds: 60, concurrencyLimit: 5 },
      lineLimit: () => 5,
      provider: creates.provider,
    });
    addOrders(h, 5);
    await h.scheduler.runNow();
    expect(await mostCallsUp(h, 3)).toBe(5);
    expect(answeredBefore).toEqual([0, 0, 0, 0, 0]);
  });

  it('learns the line limit from one session and sends the next session’s creates at once', async () => {
    const creates = createsAnsweredBefore();
    const answeredBefore = creates.answeredBefore;
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 2 },
      fake: { callSeconds: 60, concurrencyLimit: 3 },
      provider: creates.provider,
    });
    addOrders(h, 3);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:05');
    // The first session probed: one create alone, then the two VAPI's answer told of.
    expect(answeredBefore).toEqual([0, 1, 1]);
    addOrders(h, 6);
    creates.reset();
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:10');
    expect(answeredBefore.slice(0, 3)).toEqual([0, 0, 0]);
    expect(h.fake.created()).toHaveLength(6);
  });

  it('keeps to the account’s lines when the known limit is above what VAPI now allows', async () => {
    const h = await harness({
      provider: countingBlocked,
      start: '2026-11-24T10:00',
      settings: { concurrency: 2 },
      fake: { callSeconds: 60, concurrencyLimit: 3 },
      lineLimit: () => 6,
    });
    addOrders(h, 9);
    await h.scheduler.runNow();
    expect(await mostCallsUp(h, 240)).toBe(3);
    await h.advanceTo('2026-11-24T10:10');
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 9, successful: 9, errors: 0 });
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

describe('a session’s writes', () => {
  it('writes an ended call once, with its result, not also as progress', async () => {
    const h = await harness({ start: '2026-11-24T10:00', fake: { callSeconds: 2 } });
    const progress: string[] = [];
    const markProgress = h.store.calls.markProgress.bind(h.store.calls);
    h.store.calls.markProgress = (id, state, json) => {
      progress.push(state);
      markProgress(id, state, json);
    };
    addOrders(h, 3);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:01');
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 3, successful: 3 });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).not.toContain('ended');
  });

  it('sends the freed line’s next create before it records the call that ended', async () => {
    const recordedAtCreate: (string | null)[] = [];
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 1 },
      fake: { callSeconds: 2 },
      provider: beforeEachCreate(() =>
        recordedAtCreate.push(...h.store.calls.all().map((call) => call.outcome ?? null)),
      ),
    });
    addOrders(h, 2);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:01');
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 2, successful: 2 });
    // At the second create: its own row (pending) and the first call's, ended at VAPI, not yet recorded.
    expect(recordedAtCreate).toEqual([null, null, null]);
  });

  it('writes the rows of calls that start together in one transaction', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 5 },
      fake: { callSeconds: 2, concurrencyLimit: 5 },
    });
    // Which transaction each row was written in (0: none of the store's own), and the rows written when
    // each create was sent.
    let transactions = 0;
    let current = 0;
    const rowsIn: number[] = [];
    const transaction = h.store.transaction.bind(h.store);
    h.store.transaction = (fn) => {
      const outer = current;
      current = ++transactions;
      try {
        return transaction(fn);
      } finally {
        current = outer;
      }
    };
    const insertPending = h.store.calls.insertPending.bind(h.store.calls);
    h.store.calls.insertPending = (call) => {
      rowsIn.push(current);
      return insertPending(call);
    };
    addOrders(h, 10);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:01');
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 10, successful: 10 });
    // The first create alone, then the four lines it told of, then the five freed by one poll.
    const sizes = [...new Set(rowsIn)].map((id) => rowsIn.filter((other) => other === id).length);
    expect(rowsIn.every((id) => id > 0)).toBe(true);
    expect(sizes).toEqual([1, 4, 5]);
  });

  it('writes the results of calls that end together in one transaction', async () => {
    const h = await harness({
      start: '2026-11-24T10:00',
      settings: { concurrency: 5 },
      fake: { callSeconds: 2, concurrencyLimit: 5 },
      lineLimit: () => 5,
    });
    // The outermost transaction each result was written in.
    let transactions = 0;
    let outermost = 0;
    const resultsIn: number[] = [];
    const transaction = h.store.transaction.bind(h.store);
    h.store.transaction = (fn) => {
      if (outermost !== 0) return transaction(fn);
      outermost = ++transactions;
      try {
        return transaction(fn);
      } finally {
        outermost = 0;
      }
    };
    const finish = h.store.calls.finish.bind(h.store.calls);
    h.store.calls.finish = (...args) => {
      resultsIn.push(outermost);
      return finish(...args);
    };
    addOrders(h, 10);
    await h.scheduler.runNow();
    await h.advanceTo('2026-11-24T10:01');
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 10, successful: 10 });
    // Two rounds of five calls that started together, ended together and were seen ended by one read each.
    const sizes = [...new Set(resultsIn)].map((id) => resultsIn.filter((other) => other === id).length);
    expect(sizes).toEqual([5, 5]);
  });
});
