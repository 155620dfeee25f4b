/**
 * The call summaries the store keeps with triggers (migration 007) say exactly what the policy would read
 * from the whole history (domain/policy.ts summariseCalls): on random histories written through the call
 * repository the way the engine writes them, after every write (and so does the history as the forecast
 * assumes it once a session is over: domain/history-ahead.ts); after the migration backfills an older file;
 * and the engine plans a session without reading the call history.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerIntent } from '../../src/shared/desk-types';
import { isUnresolved, type CallOutcome } from '../../src/main/domain/call';
import { historyAsItWillBe } from '../../src/main/domain/forecast';
import { emptySkipCounts, summariseCalls, type PlanHistory } from '../../src/main/domain/policy';
import { runningSessionOf } from '../../src/main/desk/view-pages/plan-inputs';
import {
  openStore,
  readPlanningInput,
  type CallResult,
  type RetentionCursor,
  type Store,
  type StoredCall,
} from '../../src/main/store';
import { CallRepository } from '../../src/main/store/calls';
import { openDatabase } from '../../src/main/store/database';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { OrderRepository } from '../../src/main/store/orders';
import { SessionRepository } from '../../src/main/store/sessions';
import { startHarness } from '../helpers/engine-harness';
import { at, indianPhone, makeOrderInput } from '../helpers/factories';
import { callsAsTheyWillBe } from '../helpers/forecast-input';

const AWBS = ['AWB1', 'AWB2', 'AWB3', 'AWB4'];
const PHONES = [1, 2].map((n) => indianPhone(n).phoneE164);
const SESSION_STARTS = ['2026-11-23T10:00', '2026-11-24T10:00', '2026-11-24T12:00'].map((time) => at(time));
const OUTCOMES: CallOutcome[] = ['answered', 'busy', 'no-answer', 'voicemail', 'failed', 'error', 'canceled'];
const INTENTS: (AnswerIntent | null)[] = [
  null,
  'confirmed',
  'callback',
  'reschedule',
  'cancel',
  'wrong-number',
];

let dir: string;
const opened: Store[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-summaries-'));
});

afterEach(() => {
  for (const store of opened.splice(0)) if (store.db.open) store.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(name = 'desk.sqlite'): Store {
  const store = openStore(join(dir, name));
  opened.push(store);
  return store;
}

/** What the engine can do to the history, in the repository's own words. */
type Write =
  | { kind: 'insert'; phone: number; awbs: number[]; session: number; startedAt: number }
  | { kind: 'accept'; call: number }
  | { kind: 'progress'; call: number; state: 'queued' | 'ringing' | 'in-progress' }
  | { kind: 'finish'; call: number; result: Omit<CallResult, 'answer'> & { intent: AnswerIntent | null } }
  | { kind: 'fail'; call: number; outcome: 'error' | 'interrupted' }
  | { kind: 'unresolved'; call: number };

const instant = fc.option(fc.constantFrom(...SESSION_STARTS.map((start) => start + 3 * 3_600_000)), {
  nil: null,
});

const insert = fc.record({
  kind: fc.constant('insert' as const),
  phone: fc.nat(PHONES.length - 1),
  awbs: fc.uniqueArray(fc.nat(AWBS.length - 1), { minLength: 1, maxLength: 3 }),
  session: fc.nat(SESSION_STARTS.length - 1),
  startedAt: fc.constantFrom(0, 60_000, 600_000),
});

const finish = fc.record({
  kind: fc.constant('finish' as const),
  call: fc.nat(30),
  result: fc.record({
    state: fc.constant('ended' as const),
    endedReason: fc.constant(null),
    outcome: fc.constantFrom(...OUTCOMES),
    successful: fc.boolean(),
    endedAt: fc.constant(null),
    durationSeconds: fc.constant(null),
    cost: fc.constant(null),
    summary: fc.constant(null),
    structuredData: fc.constant(null),
    transcript: fc.constant(null),
    recordingUrl: fc.constant(null),
    providerJson: fc.constant(null),
    intent: fc.constantFrom(...INTENTS),
    callbackAt: instant,
    noCallBefore: instant,
    closesOrder: fc.boolean(),
    badNumber: fc.boolean(),
    talkSeconds: fc.constant(null),
  }),
});

/** A plain ended call's result (busy), for the histories retention then looks at. */
const ENDED: Omit<CallResult, 'answer'> = {
  state: 'ended',
  endedReason: 'customer-busy',
  outcome: 'busy',
  successful: false,
  endedAt: null,
  durationSeconds: null,
  cost: null,
  summary: null,
  structuredData: null,
  transcript: null,
  recordingUrl: null,
  providerJson: null,
  callbackAt: null,
  noCallBefore: null,
  closesOrder: false,
  badNumber: false,
  talkSeconds: null,
};

// Mostly new calls and results, so that orders and numbers gather several calls each.
const write: fc.Arbitrary<Write> = fc.oneof(
  { arbitrary: insert, weight: 4 },
  { arbitrary: finish, weight: 4 },
  fc.record({ kind: fc.constant('accept' as const), call: fc.nat(30) }),
  fc.record({
    kind: fc.constant('progress' as const),
    call: fc.nat(30),
    state: fc.constantFrom('queued' as const, 'ringing' as const, 'in-progress' as const),
  }),
  fc.record({
    kind: fc.constant('fail' as const),
    call: fc.nat(30),
    outcome: fc.constantFrom('error' as const, 'interrupted' as const),
  }),
  fc.record({ kind: fc.constant('unresolved' as const), call: fc.nat(30) }),
);

/** What writes a history: a store, or the repositories over an older schema. */
type HistoryWriter = Pick<Store, 'orders' | 'sessions' | 'calls' | 'transaction'>;

/** The orders at `delivered` (indices into AWBS) become Delivered, the others OFD again. */
function retype(store: HistoryWriter, delivered: readonly number[]): void {
  store.orders.upsertMany(
    AWBS.map((awb, index) => {
      const type = delivered.includes(index) ? 'Delivered' : 'OFD';
      return makeOrderInput({ awb, ...indianPhone((index % PHONES.length) + 1), type, rawStatus: type });
    }),
    at('2026-11-24T16:00'),
  );
}

/** Call retention (store/retention.ts) removing what it may of the calls started before `cutoff`. */
function retain(store: Store, cutoff: number): number {
  let removed = 0;
  let next: RetentionCursor | null = null;
  do {
    const batch = store.retention.removeCallsBefore(cutoff, next, 3);
    removed += batch.removed;
    next = batch.next;
  } while (next);
  return removed;
}

function seed(store: HistoryWriter): number[] {
  store.orders.upsertMany(
    AWBS.map((awb, index) => makeOrderInput({ awb, ...indianPhone((index % PHONES.length) + 1) })),
    at('2026-11-23T09:00'),
  );
  return SESSION_STARTS.map((startedAt) =>
    store.sessions.start({
      startedAt,
      trigger: 'scheduled',
      planned: 0,
      newCalls: 0,
      retryCalls: 0,
      skipped: emptySkipCounts(),
    }),
  );
}

function apply(store: HistoryWriter, sessions: number[], ids: number[], step: Write): void {
  if (step.kind === 'insert') {
    const sessionStartedAt = SESSION_STARTS[step.session]!;
    ids.push(
      store.calls.insertPending({
        sessionId: sessions[step.session]!,
        sessionStartedAt,
        phoneE164: PHONES[step.phone]!,
        kind: 'new',
        orders: step.awbs.map((index) => ({ awb: AWBS[index]!, attemptNumber: 1 })),
        startedAt: sessionStartedAt + step.startedAt,
        provider: 'live',
      }),
    );
    return;
  }
  const id = ids[step.call % Math.max(1, ids.length)];
  if (id === undefined) return;
  switch (step.kind) {
    case 'accept':
      return store.calls.markAccepted(id, `vapi-${id}`, 'queued', { id });
    case 'progress':
      return store.calls.markProgress(id, step.state, { id, status: step.state });
    case 'finish': {
      const { intent, ...result } = step.result;
      const answer = intent === null ? null : ({ intent } as CallResult['answer']);
      return store.transaction(() => store.calls.finish(id, { ...result, answer }));
    }
    case 'fail':
      return store.calls.markFailed(id, step.outcome, at('2026-11-24T16:00'), 'test');
    case 'unresolved':
      return store.calls.markUnresolved(id, 'asking VAPI', at('2026-11-24T16:00'));
  }
}

/** A history as comparable plain data: entries sorted by key. */
function plain(history: PlanHistory) {
  return {
    orders: [...history.orders].sort(([a], [b]) => a.localeCompare(b)),
    phones: [...history.phones].sort(([a], [b]) => a.localeCompare(b)),
  };
}

/** Each order's latest call as the order list shows it: the latest start, the later call on a tie. */
function latestCalls(calls: readonly StoredCall[]): [string, number][] {
  const latest = new Map<string, StoredCall>();
  for (const call of calls) {
    for (const awb of call.awbs) {
      const known = latest.get(awb);
      if (!known || call.startedAt >= known.startedAt) latest.set(awb, call);
    }
  }
  return [...latest]
    .map(([awb, call]): [string, number] => [awb, call.id])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Whether a call carries what only its end writes: an outcome, a success, an answer's consequences. */
function hasResult(call: StoredCall): boolean {
  return (
    call.outcome !== null ||
    call.successful ||
    call.intent !== null ||
    call.callbackAt !== null ||
    call.noCallBefore !== null ||
    call.closesOrder ||
    call.badNumber
  );
}

/** How many times a history was checked as the forecast assumes it once a session is over. */
let assumedOver = 0;

function expectSummariesAgree(store: Store): void {
  const calls = store.calls.all();
  const summaries = store.callSummaries.of(AWBS, PHONES);
  expect(plain(summaries)).toEqual(plain(summariseCalls(calls)));
  // Each session assumed over (its calls not ended, ended without success), as the forecast reads it. The
  // engine never writes a call's progress after its end; the random writes here may, and such a call keeps
  // the result it had, which only the calls themselves could take back: those histories are left out.
  const resultBeforeEnd = calls.some((call) => isUnresolved(call) && hasResult(call));
  for (const startedAt of resultBeforeEnd ? [] : SESSION_STARTS) {
    const running = { startedAt, waiting: [] };
    expect(plain(historyAsItWillBe(summaries, runningSessionOf(store.callSummaries, running)))).toEqual(
      plain(summariseCalls(callsAsTheyWillBe(calls, running))),
    );
    assumedOver += 1;
  }
  const lastCalls = store.callSummaries.orders(AWBS).map((summary) => [summary.awb, summary.lastCallId]);
  expect(lastCalls.sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual(latestCalls(calls));
}

/** Runs `work` on the store and undoes all it wrote: each random history starts from the seed. */
function undone(store: Store, work: () => void): void {
  store.db.exec('SAVEPOINT history');
  try {
    work();
  } finally {
    store.db.exec('ROLLBACK TO history; RELEASE history');
  }
}

describe('the call summaries', () => {
  it('say what the whole history says, after every write of a random history', () => {
    const store = open();
    const sessions = seed(store);
    assumedOver = 0;
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 40 }), (writes) => {
        undone(store, () => {
          const ids: number[] = [];
          for (const step of writes) {
            apply(store, sessions, ids, step);
            expectSummariesAgree(store);
          }
        });
      }),
      { numRuns: 300 },
    );
    // Most histories are checked as the forecast assumes them too (a few carry a result before the end).
    expect(assumedOver).toBeGreaterThan(300);
  });

  it('say what the history left says after call retention, and after writes that follow', () => {
    // Retention removes only ended calls of orders no longer callable (never an unresolved call, never one of
    // an order still callable), so the cap on attempts across days holds for every order a session may call.
    // The triggers recompute the summaries from the calls that remain: an order delivered long ago and
    // callable again starts afresh, as planning from the remaining history did before the summaries.
    const store = open();
    const sessions = seed(store);
    let removedInAll = 0;
    fc.assert(
      fc.property(
        fc.array(write, { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(fc.nat(AWBS.length - 1), { maxLength: AWBS.length }),
        fc.nat(SESSION_STARTS.length),
        fc.array(write, { maxLength: 10 }),
        (writes, delivered, before, after) =>
          undone(store, () => {
            const ids: number[] = [];
            for (const step of writes) apply(store, sessions, ids, step);
            // Most calls end, as they do by the time retention looks at them; some stay unresolved.
            ids.forEach((id, index) => {
              if (index % 4 !== 3) store.calls.finish(id, { ...ENDED, answer: null });
            });
            retype(store, delivered);
            removedInAll += retain(store, SESSION_STARTS[before] ?? at('2026-11-25T00:00'));
            expectSummariesAgree(store);
            retype(store, []);
            for (const step of after) {
              apply(store, sessions, ids, step);
              expectSummariesAgree(store);
            }
          }),
      ),
      { numRuns: 200 },
    );
    // The property means something only if retention removed calls.
    expect(removedInAll).toBeGreaterThan(10);
  });

  it("keep each order's latest call, errors included, for the order list", () => {
    const store = open();
    const [session] = seed(store);
    const call = (startedAt: string) =>
      store.calls.insertPending({
        sessionId: session!,
        sessionStartedAt: SESSION_STARTS[0]!,
        phoneE164: PHONES[0]!,
        kind: 'new',
        orders: [{ awb: 'AWB1', attemptNumber: 1 }],
        startedAt: at(startedAt),
        provider: 'live',
      });
    call('2026-11-23T10:00');
    const latest = call('2026-11-23T10:05');
    store.calls.markFailed(latest, 'error', at('2026-11-23T10:05'), 'VAPI refused');
    expect(store.callSummaries.order('AWB1')).toEqual({
      awb: 'AWB1',
      attempts: 1,
      successful: false,
      closedBy: null,
      noCallBefore: null,
      lastCallId: latest,
    });
  });

  it('are built from the history when an older file is upgraded', () => {
    const file = join(dir, 'old.sqlite');
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((migration) => migration.version < 7) });
    const before: HistoryWriter = {
      orders: new OrderRepository(db),
      sessions: new SessionRepository(db),
      calls: new CallRepository(db),
      transaction: (fn) => db.transaction(fn)(),
    };
    const sessions = seed(before);
    const ids: number[] = [];
    fc.assert(
      fc.property(fc.array(write, { minLength: 20, maxLength: 20 }), (writes) => {
        for (const step of writes) apply(before, sessions, ids, step);
      }),
      { numRuns: 5, seed: 11 },
    );
    const expected = plain(summariseCalls(before.calls.all()));
    expect(expected.orders.length).toBeGreaterThan(0);
    db.close();

    const after = openStore(file);
    opened.push(after);
    expect(plain(after.callSummaries.of(AWBS, PHONES))).toEqual(expected);
  });
});

describe('planning reads', () => {
  it('give the callable orders in full and only count the others', () => {
    const store = open();
    store.orders.upsertMany(
      [
        makeOrderInput({ awb: 'AWB1', type: 'OFD' }),
        makeOrderInput({ awb: 'AWB2', type: 'Delivered' }),
        makeOrderInput({ awb: 'AWB3', type: 'Undelivered' }),
        makeOrderInput({ awb: 'AWB4', type: 'RTO' }),
        makeOrderInput({ awb: 'AWB5', type: 'In Transit' }),
      ],
      at('2026-11-24T09:00'),
    );
    const input = readPlanningInput(store);
    expect(input.orders.map((order) => order.awb)).toEqual(['AWB1', 'AWB3']);
    expect(input.notCallableCount).toBe(3);
    expect(store.orders.countCallable()).toBe(2);
    expect(store.orders.countNotCallable()).toBe(3);
    expect(store.orders.callable().map((order) => order.customer)).toEqual(['Raj Kumar', 'Raj Kumar']);
    expect(store.orders.countsByType()).toEqual({
      OFD: 1,
      Delivered: 1,
      Undelivered: 1,
      RTO: 1,
      'In Transit': 1,
    });
  });

  it('plan a session from the summaries without reading the call history', async () => {
    const h = await startHarness({ start: '2026-11-24T10:00' });
    try {
      h.store.orders.upsertMany(
        [
          makeOrderInput({ awb: 'AWB1', ...indianPhone(1) }),
          makeOrderInput({ awb: 'AWB2', ...indianPhone(2) }),
          makeOrderInput({ awb: 'AWB3', ...indianPhone(3), type: 'Delivered' }),
        ],
        h.clock.now(),
      );
      h.store.calls.all = () => {
        throw new Error('planning read every call ever made');
      };
      expect(await h.scheduler.runNow()).toMatchObject({ started: true });
      await h.advanceTo('2026-11-24T11:00');
      expect(await h.scheduler.runNow()).toMatchObject({ started: true });
      await h.advanceTo('2026-11-24T11:05');
      const [first, second] = h.store.sessions.between(0, Number.MAX_SAFE_INTEGER);
      expect(first).toMatchObject({ planned: 2, skipped: { notCallable: 1, cooldown: 0 } });
      expect(second).toMatchObject({ planned: 0, skipped: { notCallable: 1, successful: 2 } });
    } finally {
      await h.close();
    }
  });
});
