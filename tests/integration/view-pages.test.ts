/**
 * The console's long lists as the view worker reads them (ViewReader on a read-only connection of its own to
 * a real SQLite file): every page of the Queue and Orders agrees with the policy's own plan, the History with
 * the calls table, whatever the page size; the kept plan is used again only while nothing that changes it
 * has happened (a write, the settings, the clock passing a cooldown's end); searches, sorts, tabs and
 * cursors behave as the contract says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskArgumentError, QUEUE_EXCLUDED_ORDER } from '../../src/shared/contract';
import type {
  CoolingOrder,
  ExcludedOrder,
  HistoryItem,
  OrderView,
  QueueCall,
  QueuePage,
  QueueTab,
} from '../../src/shared/desk-types';
import { countsAsAttempt } from '../../src/main/domain/call';
import {
  planSession,
  summariseCalls,
  type QueueEntry,
  type SkippedOrder,
} from '../../src/main/domain/policy';
import type { CallingSettings } from '../../src/main/domain/settings';
import { planDesk } from '../../src/main/desk/view-pages/plan-inputs';
import { historyItem } from '../../src/main/desk/views';
import { openViewConnection, ViewReader } from '../../src/main/desk/view-pages/view-reader';
import { openStore, type StoredCall, type Store } from '../../src/main/store';
import type { SqliteDatabase } from '../../src/main/store/database';
import { at, indianPhone, makeOrderInput, makeSettings } from '../helpers/factories';
import { recordCall, seedRandomDesk } from '../helpers/desk-history';

/** A planned call as the Queue lists it (its place in the list is the page's). */
function queueCallOf(entry: QueueEntry): Omit<QueueCall, 'position' | 'inSession'> {
  return {
    phoneE164: entry.phoneE164,
    kind: entry.kind,
    orders: entry.orders.map((due) => ({
      awb: due.order.awb,
      customer: due.order.customer,
      type: due.order.type,
      attemptNumber: due.attemptNumber,
    })),
  };
}

let dir: string;
let store: Store;
let db: SqliteDatabase;
let builds: number;
let reader: ViewReader;
const settings = makeSettings();
const NOW = at('2026-11-24T11:00');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-views-'));
  store = openStore(join(dir, 'desk.sqlite'));
  db = openViewConnection(store.file);
  builds = 0;
  reader = new ViewReader(db, {
    planner: (...args) => {
      builds += 1;
      return planDesk(...args);
    },
  });
});

afterEach(() => {
  db.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of a list, page by page. */
function allPages<Row>(read: (cursor?: string) => { rows: Row[]; nextCursor: string | null }): Row[] {
  const rows: Row[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages += 1) {
    const page = read(cursor);
    rows.push(...page.rows);
    if (page.nextCursor === null) return rows;
    cursor = page.nextCursor;
  }
  throw new Error('the list never ended');
}

function queueRows(tab: QueueTab, limit: number, at = NOW, calling: CallingSettings = settings) {
  return allPages<QueuePage['rows'][number]>((cursor) => {
    const page = reader.queue({ tab, limit, cursor }, { settings: calling, plannedFor: at });
    return { rows: page.rows, nextCursor: page.nextCursor };
  });
}

function binary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the lists show of an order's calls, from the whole history (as the views once computed it). */
function callFacts(calls: readonly StoredCall[], awb: string) {
  const mine = calls.filter((call) => call.awbs.includes(awb));
  let last: StoredCall | null = null;
  for (const call of mine) if (!last || call.startedAt >= last.startedAt) last = call;
  return {
    attempts: mine.filter(countsAsAttempt).length,
    lastOutcome: last?.outcome ?? null,
    lastCallAt: last?.startedAt ?? null,
  };
}

describe('pages agree with the policy', () => {
  it.each([1, 2, 3])('random desk %i: every tab of the Queue and Orders, page by page', (seed) => {
    seedRandomDesk(store, seed, 150, NOW);
    const orders = store.orders.list();
    const calls = store.calls.all();
    const plan = planSession({ orders, history: summariseCalls(calls), settings, sessionStart: NOW });
    const byAwb = new Map(orders.map((order) => [order.awb, order]));
    const skips = new Map<string, SkippedOrder>(plan.skipped.map((skip) => [skip.awb, skip]));

    expect(queueRows('calls', 7)).toEqual(
      plan.queue.map((entry, index): QueueCall => ({ position: index + 1, ...queueCallOf(entry) })),
    );
    const cooling = plan.skipped
      .filter((skip) => skip.reason === 'cooldown')
      .map((skip): CoolingOrder => ({
        awb: skip.awb,
        customer: byAwb.get(skip.awb)!.customer,
        phoneE164: byAwb.get(skip.awb)!.phoneE164!,
        eligibleAt: skip.eligibleAt!,
        attempts: callFacts(calls, skip.awb).attempts,
      }))
      .sort((a, b) => a.eligibleAt - b.eligibleAt || binary(a.awb, b.awb));
    expect(queueRows('cooling', 5)).toEqual(cooling);
    const excluded = (reason: ExcludedOrder['reason']): ExcludedOrder[] =>
      plan.skipped
        .filter((skip) => skip.reason === reason)
        .map((skip) => {
          const order = byAwb.get(skip.awb)!;
          return {
            awb: skip.awb,
            customer: order.customer,
            phone: order.phoneE164 ?? order.phoneRaw,
            reason,
            detail: skip.detail,
          };
        });
    for (const reason of QUEUE_EXCLUDED_ORDER) expect(queueRows(reason, 6)).toEqual(excluded(reason));
    expect(queueRows('excluded', 9)).toEqual(QUEUE_EXCLUDED_ORDER.flatMap(excluded));

    const first = reader.queue({ limit: 1 }, { settings, plannedFor: NOW });
    const { cooldown, ...left } = plan.skipCounts;
    expect(first.counts).toEqual({ calls: plan.queue.length, cooling: cooldown, ...left });
    expect(first.plan).toEqual({
      counts: first.counts,
      newCalls: plan.queue.filter((entry) => entry.kind === 'new').length,
    });

    const expectedOrders = orders.map((order): OrderView => {
      const skip = skips.get(order.awb);
      return {
        awb: order.awb,
        customer: order.customer,
        phoneRaw: order.phoneRaw,
        phoneE164: order.phoneE164,
        phoneProblem: order.phoneProblem,
        type: order.type,
        rawStatus: order.rawStatus,
        address: order.address,
        city: order.city,
        pincode: order.pincode,
        codAmount: order.codAmount,
        ...callFacts(calls, order.awb),
        state: skip ? skip.detail : 'queued',
        skipReason: skip?.reason ?? null,
        eligibleAt: skip?.eligibleAt ?? null,
        firstSeenAt: order.firstSeenAt,
      };
    });
    const ordersAt = (args: Parameters<ViewReader['orders']>[0]) =>
      allPages((cursor) => reader.orders({ ...args, cursor }, { settings, now: NOW }));
    expect(ordersAt({ limit: 11 })).toEqual(expectedOrders);
    expect(ordersAt({ limit: 13, sort: 'newest' })).toEqual([...expectedOrders].reverse());
    const byCustomer = [...expectedOrders].sort(
      (a, b) => binary(a.customer.toLowerCase(), b.customer.toLowerCase()) || binary(a.awb, b.awb),
    );
    expect(ordersAt({ limit: 8, sort: 'customer' })).toEqual(byCustomer);
    expect(ordersAt({ limit: 4, tab: 'queued' })).toEqual(
      expectedOrders.filter((o) => o.skipReason === null),
    );
    expect(ordersAt({ limit: 4, tab: 'maxAttempts', sort: 'customer' })).toEqual(
      byCustomer.filter((o) => o.skipReason === 'maxAttempts'),
    );
    expect(reader.orders({ limit: 1 }, { settings, now: NOW }).counts).toEqual({
      all: orders.length,
      queued: expectedOrders.filter((o) => o.skipReason === null).length,
      ...plan.skipCounts,
    });
    // Reading every list of both views made one plan: the queue and the orders are planned for the same now.
    expect(builds).toBe(1);
  });
});

describe('the kept plan', () => {
  const phone = (n: number) => indianPhone(n).phoneE164;
  function importOrders(...awbs: string[]): void {
    store.orders.upsertMany(
      awbs.map((awb, index) => makeOrderInput({ awb, ...indianPhone(index + 1) })),
      at('2026-11-24T09:00'),
    );
  }
  const queued = (now = NOW) =>
    reader.queue({}, { settings, plannedFor: now }).rows.map((call) => (call as QueueCall).orders[0]!.awb);

  it('is used again while nothing changes: the queue read ten times is planned once', () => {
    importOrders('AWB1', 'AWB2');
    for (let read = 0; read < 10; read += 1) expect(queued()).toEqual(['AWB1', 'AWB2']);
    expect(builds).toBe(1);
  });

  it('is made again after the desk writes (an import on its own connection), and shows the write', () => {
    importOrders('AWB1');
    expect(queued()).toEqual(['AWB1']);
    importOrders('AWB1', 'AWB2');
    expect(queued()).toEqual(['AWB1', 'AWB2']);
    expect(builds).toBe(2);
  });

  it('is made again when a call ends: the number starts cooling down', () => {
    importOrders('AWB1', 'AWB2');
    expect(queued()).toEqual(['AWB1', 'AWB2']);
    recordCall(store, { awbs: ['AWB1'], phoneE164: phone(1), sessionStartedAt: at('2026-11-24T10:00') });
    expect(queued()).toEqual(['AWB2']);
    expect(
      (reader.queue({ tab: 'cooling' }, { settings, plannedFor: NOW }).rows as CoolingOrder[]).map(
        (row) => row.awb,
      ),
    ).toEqual(['AWB1']);
  });

  it('is for now when anyone is due now, else for the next slot, as run now decides', () => {
    importOrders('AWB1');
    const nextSlot = at('2026-11-24T13:00');
    const context = { settings, plannedFor: NOW, nextSlot };
    expect(reader.queue({}, context).plannedFor).toBe(NOW);
    recordCall(store, { awbs: ['AWB1'], phoneE164: phone(1), sessionStartedAt: at('2026-11-24T10:00') });
    const later = reader.queue({}, context);
    expect(later.plannedFor).toBe(nextSlot);
    expect(later.counts.calls).toBe(1);
  });

  it('lists the running session’s numbers first, in this session, and its orders nowhere else', () => {
    importOrders('AWB1', 'AWB2', 'AWB3');
    const numberOf = (awb: string, index: number) => ({
      phoneE164: phone(index),
      awbs: [awb],
      kind: 'new' as const,
      orders: [{ awb, customer: 'x', type: 'OFD' as const, attemptNumber: 1 }],
    });
    const session = {
      sessionId: 7,
      startedAt: at('2026-11-24T10:30'),
      dialling: [numberOf('AWB2', 2)],
      waiting: [numberOf('AWB3', 3)],
    };
    const page = reader.queue({}, { settings, plannedFor: at('2026-11-24T11:00'), session });
    expect((page.rows as QueueCall[]).map((call) => [call.orders[0]!.awb, call.inSession ?? null])).toEqual([
      ['AWB2', 'dialling'],
      ['AWB3', 'waiting'],
      ['AWB1', null],
    ]);
    expect(page.session).toEqual({ id: 7, startedAt: session.startedAt, dialling: 1, waiting: 1 });
    expect(page.counts).toMatchObject({ calls: 3, cooling: 0 });
    expect(page.plan.newCalls).toBe(1);
  });

  it('is made again when the calling settings change', () => {
    importOrders('AWB1');
    recordCall(store, { awbs: ['AWB1'], phoneE164: phone(1), sessionStartedAt: at('2026-11-24T10:00') });
    expect(queued()).toEqual([]);
    const shorter = { ...settings, cooldownMinutes: 30 };
    expect(reader.queue({}, { settings: shorter, plannedFor: NOW }).rows).toHaveLength(1);
    expect(builds).toBe(2);
  });

  it('holds until the first cooldown in it ends, and not a moment longer', () => {
    importOrders('AWB1', 'AWB2');
    recordCall(store, { awbs: ['AWB1'], phoneE164: phone(1), sessionStartedAt: at('2026-11-24T10:00') });
    expect(queued(at('2026-11-24T11:00'))).toEqual(['AWB2']);
    expect(queued(at('2026-11-24T11:59:59'))).toEqual(['AWB2']);
    expect(builds).toBe(1);
    // 12:00: the 10:00 session's two hours are up (a retry, after the new order).
    expect(queued(at('2026-11-24T12:00'))).toEqual(['AWB2', 'AWB1']);
    expect(builds).toBe(2);
  });

  it('while the desk writes all the time, plans at most half the time, and meanwhile answers from the last plan', () => {
    // A desk where planning takes 2 s by the cache's clock.
    let clockMs = 0;
    const slow = new ViewReader(db, {
      planner: (...args) => {
        clockMs += 2_000;
        return planDesk(...args);
      },
      timer: () => clockMs,
    });
    importOrders('AWB1');
    expect(slow.queue({}, { settings, plannedFor: NOW }).counts.calls).toBe(1);
    importOrders('AWB1', 'AWB2');
    const context = { settings, plannedFor: NOW };
    expect(slow.waitBeforePlanning(context)).toBe(2_000);
    expect(slow.queue({}, context, { stale: true }).counts.calls).toBe(1);
    clockMs += 2_000;
    // Past the wait, a read still would not wait for a slow plan (1: answer from the last, plan after it).
    expect(slow.waitBeforePlanning(context)).toBe(1);
    expect(slow.queue({}, context).counts.calls).toBe(2);
    expect(slow.waitBeforePlanning(context)).toBe(0);
  });

  it('keeps the next slot\'s queue and the Orders view\'s "now" apart, each planned once', () => {
    importOrders('AWB1');
    recordCall(store, { awbs: ['AWB1'], phoneE164: phone(1), sessionStartedAt: at('2026-11-24T10:00') });
    const slot = at('2026-11-24T12:00');
    for (let minute = 0; minute < 5; minute += 1) {
      const now = at('2026-11-24T11:00') + minute * 60_000;
      expect(queued(slot)).toEqual(['AWB1']);
      expect(reader.orders({}, { settings, now }).rows[0]!.state).toBe('cooldown until 12:00');
    }
    expect(builds).toBe(2);
  });
});

describe('search', () => {
  beforeEach(() => {
    store.orders.upsertMany(
      [
        makeOrderInput({
          awb: 'AWB100',
          customer: 'Ravi Jain',
          phoneRaw: '98765 00001',
          phoneE164: '+919876500001',
        }),
        makeOrderInput({
          awb: 'AWB200',
          customer: 'Asha Rao',
          phoneRaw: '9876500002',
          phoneE164: '+919876500002',
        }),
        makeOrderInput({
          awb: 'X_50%',
          customer: 'सुनीता शर्मा',
          phoneRaw: '0112 3456',
          phoneE164: null,
          phoneProblem: 'too short',
        }),
      ],
      at('2026-11-24T09:00'),
    );
  });
  const found = (search: string) =>
    reader.orders({ search }, { settings, now: NOW }).rows.map((order) => order.awb);

  it('finds an order by part of its AWB or name, in any case', () => {
    expect(found('awb1')).toEqual(['AWB100']);
    expect(found('RAVI')).toEqual(['AWB100']);
    expect(found('सुनीता')).toEqual(['X_50%']);
  });

  it('finds a phone however it is written: spaces, +91, dashes, or the digits of an undialable one', () => {
    expect(found('98765 00002')).toEqual(['AWB200']);
    expect(found('+91 98765-00001')).toEqual(['AWB100']);
    expect(found('1123456')).toEqual(['X_50%']);
  });

  it('reads AWB-like text and LIKE wildcards literally', () => {
    expect(found('AWB2000')).toEqual([]);
    expect(found('%')).toEqual(['X_50%']);
    expect(found('_5')).toEqual(['X_50%']);
  });

  it('counts the tabs with the search', () => {
    const page = reader.queue({ search: 'asha' }, { settings, plannedFor: NOW });
    expect(page.counts).toMatchObject({ calls: 1, invalidPhone: 0 });
    expect(page.plan.counts).toMatchObject({ calls: 2, invalidPhone: 1 });
    expect(reader.orders({ search: '0112' }, { settings, now: NOW }).counts).toMatchObject({
      all: 1,
      queued: 0,
      invalidPhone: 1,
    });
  });
});

describe('cursors', () => {
  beforeEach(() => {
    store.orders.upsertMany(
      Array.from({ length: 30 }, (_, index) =>
        makeOrderInput({ awb: `AWB${100 + index}`, ...indianPhone(index + 1) }),
      ),
      at('2026-11-24T09:00'),
    );
  });

  it('refuses a cursor that is not one, or is from another list, naming the field', () => {
    const read = (cursor: string) => () => reader.orders({ cursor }, { settings, now: NOW });
    expect(read('not a cursor')).toThrow(DeskArgumentError);
    expect(read('not a cursor')).toThrow(/^cursor: /);
    const queueCursor = reader.queue({ tab: 'cooling', limit: 1 }, { settings, plannedFor: NOW }).nextCursor;
    const ordersCursor = reader.orders({ limit: 1 }, { settings, now: NOW }).nextCursor!;
    expect(queueCursor).toBeNull();
    expect(() => reader.orders({ cursor: ordersCursor, sort: 'newest' }, { settings, now: NOW })).toThrow(
      /another list/,
    );
  });

  it('goes on after the last number shown when the plan changed between two pages', () => {
    const first = reader.queue({ limit: 10 }, { settings, plannedFor: NOW });
    const shown = first.rows.map((call) => (call as QueueCall).phoneE164);
    // Meanwhile the first two numbers are called: the new plan has 28 numbers, the old 10th is now 8th.
    for (const n of [1, 2]) {
      recordCall(store, {
        awbs: [`AWB${99 + n}`],
        phoneE164: phone(n),
        sessionStartedAt: at('2026-11-24T10:30'),
      });
    }
    const next = reader.queue({ limit: 10, cursor: first.nextCursor! }, { settings, plannedFor: NOW });
    expect(next.rows.map((call) => (call as QueueCall).position)).toEqual([
      9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    ]);
    expect(next.rows.map((call) => (call as QueueCall).phoneE164)).not.toContain(shown[9]);
    expect((next.rows[0] as QueueCall).phoneE164).toBe(phone(11));
    function phone(n: number) {
      return indianPhone(n).phoneE164;
    }
  });
});

describe('history', () => {
  let calls: StoredCall[];
  beforeEach(() => {
    seedRandomDesk(store, 7, 60, NOW);
    calls = store.calls.all();
  });
  // The page's row is the call as the desk's drawer shows it (views.ts), less nothing.
  const item = (call: StoredCall): HistoryItem => historyItem(store, call);
  const history = (args: Parameters<ViewReader['history']>[0]) =>
    allPages((cursor) => reader.history({ ...args, cursor }));

  it('lists every call newest first, or oldest first, whatever the page size', () => {
    expect(history({ limit: 17 })).toEqual([...calls].reverse().map(item));
    expect(history({ limit: 200, sort: 'oldest' })).toEqual(calls.map(item));
    expect(reader.history({ limit: 1 }).counts).toEqual({ calls: calls.length });
  });

  it("lists one session's, one order's, the successful or the failed calls, as Today counts them", () => {
    const session = calls[0]!.sessionId;
    expect(history({ sessionId: session, limit: 5 })).toEqual(
      [...calls]
        .reverse()
        .filter((call) => call.sessionId === session)
        .map(item),
    );
    const awb = calls[3]!.awbs[0]!;
    expect(history({ awb })).toEqual(
      [...calls]
        .reverse()
        .filter((call) => call.awbs.includes(awb))
        .map(item),
    );
    expect(history({ tab: 'successful', limit: 9 })).toEqual(
      [...calls]
        .reverse()
        .filter((call) => call.successful)
        .map(item),
    );
    const failed = [...calls]
      .reverse()
      .filter((call) => countsAsAttempt(call) && !call.successful && call.state === 'ended');
    expect(history({ tab: 'failed', limit: 9 })).toEqual(failed.map(item));
    expect(reader.history({ tab: 'failed', limit: 1 }).counts).toEqual({ calls: failed.length });
  });

  it('finds the calls about an order by its customer or AWB', () => {
    const call = calls[5]!;
    const order = store.orders.get(call.awbs[0]!)!;
    expect(history({ search: order.awb }).map((row) => row.id)).toContain(call.id);
    expect(history({ search: order.awb }).every((row) => row.awbs.includes(order.awb))).toBe(true);
  });
});
