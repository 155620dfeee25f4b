/**
 * The Queue's pages, read from a kept plan (plan-snapshot.ts): the numbers to call in dial order, the orders
 * cooling down soonest-eligible first, and the orders left out, grouped by reason, oldest first.
 *
 * The dial order is the plan's own (new before retries, oldest first), so its cursor is the number's position
 * in the plan that served the page, with the number itself: when the next page comes from a newer plan, it
 * goes on after that number's place in it.
 */
import type { DeskArgs } from '../../../shared/contract';
import type {
  CoolingOrder,
  ExcludedOrder,
  ExcludedReason,
  QueueCall,
  QueueCounts,
  QueuePage,
} from '../../../shared/desk-types';
import type { SqliteDatabase } from '../../store/database';
import { callFactsOf } from './call-facts';
import { decodeCursor, type KeyPart } from './cursor';
import { DEFAULT_PAGE_ROWS, keysetSql, pageOf, type Keyset } from './keyset';
import {
  COOLING_GROUP,
  EXCLUDED_GROUPS,
  QUEUED_GROUP,
  countsFrom,
  groupOf,
  reasonOf,
  type PlanSnapshot,
} from './plan-snapshot';
import type { Search } from './search';
import type { QueueContext } from './view-reader';

type QueueArgs = DeskArgs<'queue'>;

/** Counts of a search over a snapshot (kept with the snapshot: typing asks for the same counts often). */
export function searchCounts(
  db: SqliteDatabase,
  snapshot: PlanSnapshot,
  search: Search,
): ReturnType<typeof countsFrom> {
  const known = snapshot.searchCounts.get(search.table);
  if (known) return known;
  const rows = db
    .prepare<[], { grp: number; orders: number; numbers: number }>(
      `SELECT p.grp, COUNT(*) AS orders, COUNT(DISTINCT p.position) AS numbers
       FROM ${search.table} m CROSS JOIN ${snapshot.orders} p ON p.awb = m.awb GROUP BY p.grp`,
    )
    .all();
  const counts = countsFrom(rows);
  if (snapshot.searchCounts.size >= 20) snapshot.searchCounts.clear();
  snapshot.searchCounts.set(search.table, counts);
  return counts;
}

function callsPage(
  db: SqliteDatabase,
  snapshot: PlanSnapshot,
  args: QueueArgs,
  search: Search | null,
  limit: number,
): { rows: QueueCall[]; nextCursor: string | null } {
  let after = 0;
  if (args.cursor !== undefined) {
    const [planId, position, phone] = decodeCursor(args.cursor, 'queue:calls', 3);
    after = Number(position);
    if (planId !== snapshot.id) {
      const moved = db
        .prepare<[KeyPart], { position: number }>(
          `SELECT position FROM ${snapshot.calls} WHERE phone_e164 = ?`,
        )
        .get(phone!);
      if (moved) after = moved.position;
    }
  }
  const matching = search
    ? `AND EXISTS (SELECT 1 FROM ${snapshot.orders} p JOIN ${search.table} m ON m.awb = p.awb
         WHERE p.grp = ${QUEUED_GROUP} AND p.position = c.position)`
    : '';
  const calls = db
    .prepare<
      Record<string, unknown>,
      {
        position: number;
        phone_e164: string;
        kind: 'new' | 'retry';
        in_session: QueueCall['inSession'] | null;
      }
    >(
      `SELECT c.position, c.phone_e164, c.kind, c.in_session FROM ${snapshot.calls} c
       WHERE c.position > @after ${matching} ORDER BY c.position LIMIT @limit`,
    )
    .all({ after, limit: limit + 1 });
  const page = pageOf(calls, limit, 'queue:calls', (call) => [snapshot.id, call.position, call.phone_e164]);
  const positions = page.rows.map((call) => call.position);
  const orders = db
    .prepare<
      [string],
      {
        position: number;
        awb: string;
        customer: string;
        type: QueueCall['orders'][number]['type'];
        attempt_number: number;
      }
    >(
      `SELECT p.position, p.awb, o.customer, o.type, p.attempt_number
       FROM ${snapshot.orders} p JOIN orders o ON o.awb = p.awb
       WHERE p.grp = ${QUEUED_GROUP} AND p.position IN (SELECT value FROM json_each(?))
       ORDER BY p.position, p.seq`,
    )
    .all(JSON.stringify(positions));
  const byPosition = new Map<number, QueueCall['orders']>();
  for (const row of orders) {
    const list = byPosition.get(row.position) ?? [];
    list.push({ awb: row.awb, customer: row.customer, type: row.type, attemptNumber: row.attempt_number });
    byPosition.set(row.position, list);
  }
  return {
    rows: page.rows.map((call) => ({
      position: call.position,
      phoneE164: call.phone_e164,
      kind: call.kind,
      orders: byPosition.get(call.position) ?? [],
      ...(call.in_session ? { inSession: call.in_session } : {}),
    })),
    nextCursor: page.nextCursor,
  };
}

interface PlanOrderRow {
  awb: string;
  grp: number;
  first_seen_at: number;
  eligible_at: number | null;
  detail: string | null;
  customer: string;
  phone_e164: string | null;
  phone_raw: string;
}

function planOrders(
  db: SqliteDatabase,
  snapshot: PlanSnapshot,
  keyset: Keyset,
  where: string,
  cursor: string | undefined,
  search: Search | null,
  limit: number,
): PlanOrderRow[] {
  const position = keysetSql(keyset, cursor);
  return db
    .prepare<Record<string, unknown>, PlanOrderRow>(
      `SELECT p.awb, p.grp, p.first_seen_at, p.eligible_at, p.detail, o.customer, o.phone_e164, o.phone_raw
       FROM ${snapshot.orders} p JOIN orders o ON o.awb = p.awb
       WHERE ${where} AND ${position.after}
         ${search ? `AND p.awb IN (SELECT awb FROM ${search.table})` : ''}
       ORDER BY ${position.orderBy} LIMIT @limit`,
    )
    .all({ ...position.params, limit: limit + 1 });
}

function coolingPage(
  db: SqliteDatabase,
  snapshot: PlanSnapshot,
  args: QueueArgs,
  search: Search | null,
  limit: number,
): { rows: CoolingOrder[]; nextCursor: string | null } {
  const keyset: Keyset = { list: 'queue:cooling', columns: ['p.eligible_at', 'p.awb'] };
  const found = planOrders(db, snapshot, keyset, `p.grp = ${COOLING_GROUP}`, args.cursor, search, limit);
  const page = pageOf(found, limit, keyset.list, (row) => [row.eligible_at!, row.awb]);
  const facts = callFactsOf(
    db,
    page.rows.map((row) => row.awb),
  );
  return {
    rows: page.rows.map((row) => ({
      awb: row.awb,
      customer: row.customer,
      phoneE164: row.phone_e164 ?? '',
      eligibleAt: row.eligible_at!,
      attempts: facts(row.awb).attempts,
    })),
    nextCursor: page.nextCursor,
  };
}

function excludedPage(
  db: SqliteDatabase,
  snapshot: PlanSnapshot,
  args: QueueArgs,
  tab: 'excluded' | ExcludedReason,
  search: Search | null,
  limit: number,
): { rows: ExcludedOrder[]; nextCursor: string | null } {
  const all = tab === 'excluded';
  const keyset: Keyset = all
    ? { list: 'queue:excluded', columns: ['p.grp', 'p.first_seen_at', 'p.awb'] }
    : { list: `queue:${tab}`, columns: ['p.first_seen_at', 'p.awb'] };
  const where = all
    ? `p.grp BETWEEN ${EXCLUDED_GROUPS.from} AND ${EXCLUDED_GROUPS.to}`
    : `p.grp = ${groupOf(tab)}`;
  const found = planOrders(db, snapshot, keyset, where, args.cursor, search, limit);
  const page = pageOf(found, limit, keyset.list, (row) =>
    all ? [row.grp, row.first_seen_at, row.awb] : [row.first_seen_at, row.awb],
  );
  return {
    rows: page.rows.map((row) => ({
      awb: row.awb,
      customer: row.customer,
      phone: row.phone_e164 ?? row.phone_raw,
      reason: reasonOf(row.grp) as ExcludedReason,
      detail: row.detail ?? '',
    })),
    nextCursor: page.nextCursor,
  };
}

export function queuePage(
  db: SqliteDatabase,
  snapshot: PlanSnapshot,
  args: QueueArgs,
  search: Search | null,
  context: QueueContext,
): QueuePage {
  const tab = args.tab ?? 'calls';
  const limit = args.limit ?? DEFAULT_PAGE_ROWS;
  const counts: QueueCounts = search ? searchCounts(db, snapshot, search).queue : snapshot.queueCounts;
  const { session } = context;
  const head = {
    plannedFor: context.plannedFor,
    plan: { counts: snapshot.queueCounts, newCalls: snapshot.newCalls },
    counts,
    session: session
      ? {
          id: session.sessionId,
          startedAt: session.startedAt,
          dialling: session.dialling.length,
          waiting: session.waiting.length,
        }
      : null,
  };
  if (tab === 'calls') return { ...head, tab, ...callsPage(db, snapshot, args, search, limit) };
  if (tab === 'cooling') return { ...head, tab, ...coolingPage(db, snapshot, args, search, limit) };
  return { ...head, tab, ...excludedPage(db, snapshot, args, tab, search, limit) };
}
