/**
 * A plan kept for paging: every order's place in one planned session written to a TEMP table of the view
 * connection (never the desk's file), with the indexes the Queue's and Orders' lists page along, and the
 * counts per tab. Which tab an order is in is its `grp`: 0 queued, 1 cooling down, then one per reason it is
 * left out, in QUEUE_EXCLUDED_ORDER.
 */
import { QUEUE_EXCLUDED_ORDER } from '../../../shared/contract';
import type { ExcludedReason, OrderCounts, QueueCounts, SkipReason } from '../../../shared/desk-types';
import { emptySkipCounts, notCallableDetail } from '../../domain/policy';
import { CALLABLE_SQL } from '../../store/orders';
import type { SqliteDatabase } from '../../store/database';
import type { SessionNumbers } from '../session-queue';
import type { PlannedDesk } from './plan-inputs';

export const QUEUED_GROUP = 0;
export const COOLING_GROUP = 1;
const FIRST_EXCLUDED_GROUP = 2;

/** The `grp` of each reason an order is held back. */
export function groupOf(reason: SkipReason): number {
  return reason === 'cooldown'
    ? COOLING_GROUP
    : FIRST_EXCLUDED_GROUP + QUEUE_EXCLUDED_ORDER.indexOf(reason as (typeof QUEUE_EXCLUDED_ORDER)[number]);
}

/** The reason behind a `grp` (null for queued). */
export function reasonOf(group: number): SkipReason | null {
  if (group === QUEUED_GROUP) return null;
  if (group === COOLING_GROUP) return 'cooldown';
  return QUEUE_EXCLUDED_ORDER[group - FIRST_EXCLUDED_GROUP] as ExcludedReason;
}

export const EXCLUDED_GROUPS = {
  from: FIRST_EXCLUDED_GROUP,
  to: FIRST_EXCLUDED_GROUP + QUEUE_EXCLUDED_ORDER.length - 1,
};

export interface PlanSnapshot {
  /** Unique per connection; names the snapshot's tables. */
  id: number;
  sessionStart: number;
  /** The plan holds for sessions starting before this instant (the first cooldown or reschedule to end). */
  validUntil: number;
  /** `plan<id>`: one row per order. */
  orders: string;
  /**
   * `plan<id>_calls`: one row per number to call, by `position` in the dial order; the session dialling now
   * first (`in_session` 'dialling' or 'waiting'), then the next session's.
   */
  calls: string;
  queueCounts: QueueCounts;
  orderCounts: OrderCounts;
  newCalls: number;
  /** Indexes made on first use (the customer sort). */
  extraIndexes: Set<string>;
  /** Counts for searches already asked of this snapshot. */
  searchCounts: Map<string, { queue: QueueCounts; orders: OrderCounts }>;
}

/** Counts from rows of (grp, orders, distinct numbers). */
export function countsFrom(rows: readonly { grp: number; orders: number; numbers: number }[]): {
  queue: QueueCounts;
  orders: OrderCounts;
} {
  const skips = emptySkipCounts();
  let queuedOrders = 0;
  let numbers = 0;
  for (const row of rows) {
    const reason = reasonOf(row.grp);
    if (reason === null) {
      queuedOrders = row.orders;
      numbers = row.numbers;
    } else skips[reason] = row.orders;
  }
  const { cooldown, ...excluded } = skips;
  const all = queuedOrders + Object.values(skips).reduce((sum, n) => sum + n, 0);
  return {
    queue: { calls: numbers, cooling: cooldown, ...excluded },
    orders: { all, queued: queuedOrders, ...skips },
  };
}

/**
 * One row per order, the callable ones in age order (first seen, then AWB: the order the plan's inputs were
 * read in), then the others by type, so rows are appended to the table's b-tree; the indexes are built after, by sorting, which costs far less than
 * keeping them up to date row by row. `customer` is filled the first time the snapshot is sorted by it.
 */
function createTables(db: SqliteDatabase, snapshot: Pick<PlanSnapshot, 'orders' | 'calls'>): void {
  db.exec(`
    CREATE TEMP TABLE ${snapshot.orders} (
      age             INTEGER PRIMARY KEY,
      awb             TEXT NOT NULL,
      grp             INTEGER NOT NULL,
      first_seen_at   INTEGER NOT NULL,
      eligible_at     INTEGER,
      detail          TEXT,
      position        INTEGER,
      seq             INTEGER,
      attempt_number  INTEGER,
      customer        TEXT COLLATE NOCASE
    );
    CREATE TEMP TABLE ${snapshot.calls} (
      position    INTEGER PRIMARY KEY,
      phone_e164  TEXT NOT NULL,
      kind        TEXT NOT NULL,
      in_session  TEXT
    );`);
}

function createIndexes(db: SqliteDatabase, table: string, calls: string): void {
  db.exec(`
    CREATE UNIQUE INDEX temp.${table}_by_awb ON ${table} (awb);
    CREATE INDEX temp.${table}_by_group ON ${table} (grp, first_seen_at, awb);
    CREATE INDEX temp.${table}_by_age ON ${table} (first_seen_at, awb);
    CREATE INDEX temp.${table}_cooling ON ${table} (eligible_at, awb) WHERE grp = ${COOLING_GROUP};
    CREATE INDEX temp.${table}_by_call ON ${table} (grp, position, seq);
    CREATE INDEX temp.${calls}_by_phone ON ${calls} (phone_e164);`);
}

/**
 * The orders of a type never called, judged as planSession judges them (not callable, with the policy's
 * detail) straight from the store, after the callable ones: never read into memory. Returns how many.
 */
function writeNotCallable(db: SqliteDatabase, table: string): number {
  const types = db
    .prepare<[], string>(`SELECT DISTINCT type FROM orders WHERE type NOT IN (${CALLABLE_SQL})`)
    .pluck()
    .all();
  const insert = db.prepare<[number, string, string]>(
    `INSERT INTO ${table} (awb, grp, first_seen_at, detail)
     SELECT awb, ?, first_seen_at, ? FROM orders WHERE type = ? ORDER BY first_seen_at, awb`,
  );
  let written = 0;
  for (const type of types)
    written += insert.run(groupOf('notCallable'), notCallableDetail(type), type).changes;
  return written;
}

/**
 * Writes `planned` into the snapshot `id`'s tables (call inside a transaction). With `session` (the session
 * dialling now), its numbers come first, 'in this session', and its orders are listed there alone: not again
 * among the next session's calls, cooling down or left out.
 */
export function writeSnapshot(
  db: SqliteDatabase,
  id: number,
  planned: PlannedDesk,
  session: SessionNumbers | null = null,
): PlanSnapshot {
  const names = { orders: `plan${id}`, calls: `plan${id}_calls` };
  createTables(db, names);
  const insertOrder = db.prepare(
    `INSERT INTO ${names.orders} (age, awb, grp, first_seen_at, eligible_at, detail, position, seq, attempt_number)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCall = db.prepare(
    `INSERT INTO ${names.calls} (position, phone_e164, kind, in_session) VALUES (?, ?, ?, ?)`,
  );
  const { plan, orders } = planned;
  let newCalls = 0;
  let numbers = 0;
  const queued = new Map<string, { position: number; seq: number; attemptNumber: number }>();
  const addCall = (
    call: {
      phoneE164: string;
      kind: 'new' | 'retry';
      orders: readonly { awb: string; attemptNumber: number }[];
    },
    inSession: 'dialling' | 'waiting' | null,
  ) => {
    numbers += 1;
    insertCall.run(numbers, call.phoneE164, call.kind, inSession);
    if (call.kind === 'new' && inSession === null) newCalls += 1;
    call.orders.forEach((due, seq) =>
      queued.set(due.awb, { position: numbers, seq, attemptNumber: due.attemptNumber }),
    );
  };
  for (const number of session?.dialling ?? []) addCall(number, 'dialling');
  for (const number of session?.waiting ?? []) addCall(number, 'waiting');
  for (const entry of plan.queue) {
    if (entry.orders.some((due) => queued.has(due.order.awb))) continue;
    const dueOrders = entry.orders.map((due) => ({ awb: due.order.awb, attemptNumber: due.attemptNumber }));
    addCall({ phoneE164: entry.phoneE164, kind: entry.kind, orders: dueOrders }, null);
  }
  const skips = new Map(plan.skipped.map((skip) => [skip.awb, skip]));
  const skipCounts = emptySkipCounts();
  let queuedOrders = 0;
  let validUntil = Number.POSITIVE_INFINITY;
  orders.forEach((order, age) => {
    const due = queued.get(order.awb);
    if (due) {
      queuedOrders += 1;
      insertOrder.run(
        age,
        order.awb,
        QUEUED_GROUP,
        order.firstSeenAt,
        null,
        null,
        due.position,
        due.seq,
        due.attemptNumber,
      );
      return;
    }
    const skip = skips.get(order.awb);
    if (!skip) return;
    skipCounts[skip.reason] += 1;
    const eligibleAt = skip.eligibleAt ?? null;
    if (eligibleAt !== null && eligibleAt > plan.sessionStart) validUntil = Math.min(validUntil, eligibleAt);
    insertOrder.run(
      age,
      order.awb,
      groupOf(skip.reason),
      order.firstSeenAt,
      eligibleAt,
      skip.detail,
      null,
      null,
      null,
    );
  });
  skipCounts.notCallable += writeNotCallable(db, names.orders);
  createIndexes(db, names.orders, names.calls);
  const counts = countsFrom([
    { grp: QUEUED_GROUP, orders: queuedOrders, numbers },
    ...Object.entries(skipCounts).map(([reason, n]) => ({
      grp: groupOf(reason as SkipReason),
      orders: n,
      numbers: 0,
    })),
  ]);
  return {
    id,
    sessionStart: plan.sessionStart,
    validUntil,
    ...names,
    queueCounts: counts.queue,
    orderCounts: counts.orders,
    newCalls,
    extraIndexes: new Set(),
    searchCounts: new Map(),
  };
}

export function dropSnapshot(db: SqliteDatabase, snapshot: PlanSnapshot): void {
  db.exec(`DROP TABLE IF EXISTS ${snapshot.orders}; DROP TABLE IF EXISTS ${snapshot.calls};`);
}

/**
 * The customer-name sort's column and indexes, made the first time a snapshot is paged by customer (in a
 * transaction of its own: a page read later never finds them half made).
 */
export function ensureCustomerIndexes(db: SqliteDatabase, snapshot: PlanSnapshot): void {
  if (snapshot.extraIndexes.has('customer')) return;
  db.transaction(() => {
    db.exec(`
      UPDATE ${snapshot.orders} SET customer = (SELECT o.customer FROM orders o WHERE o.awb = ${snapshot.orders}.awb);
      CREATE INDEX temp.${snapshot.orders}_by_customer ON ${snapshot.orders} (customer, awb);
      CREATE INDEX temp.${snapshot.orders}_by_group_customer ON ${snapshot.orders} (grp, customer, awb);`);
  })();
  snapshot.extraIndexes.add('customer');
}
