/**
 * The Orders view's pages: every cached order with where it stands for a session starting now (from a kept
 * plan), its attempts and latest call, by tab (all, queued, cooling down, each reason held back), sorted
 * oldest or newest first or by customer name, and searched.
 */
import type { DeskArgs } from '../../../shared/contract';
import type { OrderCounts, OrdersPage, OrderType, OrderView } from '../../../shared/desk-types';
import type { SqliteDatabase } from '../../store/database';
import type { OrderRow } from '../../store/orders';
import { callFactsOf } from './call-facts';
import { DEFAULT_PAGE_ROWS, keysetSql, pageOf, type Keyset } from './keyset';
import { groupOf, QUEUED_GROUP, reasonOf, type PlanSnapshot } from './plan-snapshot';
import { searchCounts } from './queue-pages';
import type { Search } from './search';

type OrdersArgs = DeskArgs<'orders'>;

/** An order's columns as the store reads them, with its place in the plan and its customer sort key. */
interface OrderPageRow extends Omit<OrderRow, 'order_id' | 'courier' | 'updated_at'> {
  grp: number;
  eligible_at: number | null;
  detail: string | null;
  sort_customer: string;
}

function keysetFor(args: OrdersArgs): Keyset {
  const tab = args.tab ?? 'all';
  const sort = args.sort ?? 'oldest';
  const list = `orders:${tab}:${sort}`;
  if (sort === 'customer') return { list, columns: ['p.customer', 'p.awb'] };
  return { list, columns: ['p.first_seen_at', 'p.awb'], descending: sort === 'newest' };
}

/** Call ensureCustomerIndexes first for the customer sort (outside the page's read transaction). */
export function ordersPage(
  db: SqliteDatabase,
  snapshot: PlanSnapshot,
  args: OrdersArgs,
  search: Search | null,
): OrdersPage {
  const limit = args.limit ?? DEFAULT_PAGE_ROWS;
  const tab = args.tab ?? 'all';
  const keyset = keysetFor(args);
  const position = keysetSql(keyset, args.cursor);
  const conditions = [position.after];
  if (tab !== 'all') conditions.push(`p.grp = ${tab === 'queued' ? QUEUED_GROUP : groupOf(tab)}`);
  if (search) conditions.push(`p.awb IN (SELECT awb FROM ${search.table})`);
  if (args.awb !== undefined) conditions.push('p.awb = @awb');
  const found = db
    .prepare<Record<string, unknown>, OrderPageRow>(
      `SELECT p.awb, p.grp, p.eligible_at, p.detail, p.customer AS sort_customer, o.customer, o.phone_raw,
         o.phone_e164, o.phone_problem, o.type, o.raw_status, o.address, o.city, o.pincode, o.cod_amount, o.first_seen_at
       FROM ${snapshot.orders} p JOIN orders o ON o.awb = p.awb
       WHERE ${conditions.join(' AND ')}
       ORDER BY ${position.orderBy} LIMIT @limit`,
    )
    .all({
      ...position.params,
      ...(args.awb !== undefined ? { awb: args.awb } : {}),
      limit: limit + 1,
    });
  const page = pageOf(found, limit, keyset.list, (row) =>
    args.sort === 'customer' ? [row.sort_customer, row.awb] : [row.first_seen_at, row.awb],
  );
  const facts = callFactsOf(
    db,
    page.rows.map((row) => row.awb),
  );
  const counts: OrderCounts = search ? searchCounts(db, snapshot, search).orders : snapshot.orderCounts;
  return {
    rows: page.rows.map((row): OrderView => {
      const reason = reasonOf(row.grp);
      const calls = facts(row.awb);
      return {
        awb: row.awb,
        customer: row.customer,
        phoneRaw: row.phone_raw,
        phoneE164: row.phone_e164,
        phoneProblem: row.phone_problem,
        type: row.type as OrderType,
        rawStatus: row.raw_status,
        address: row.address,
        city: row.city,
        pincode: row.pincode,
        codAmount: row.cod_amount,
        attempts: calls.attempts,
        lastOutcome: calls.lastOutcome,
        lastCallAt: calls.lastCallAt,
        state: reason === null ? 'queued' : (row.detail ?? ''),
        skipReason: reason,
        eligibleAt: row.eligible_at,
        firstSeenAt: row.first_seen_at,
      };
    }),
    nextCursor: page.nextCursor,
    counts,
  };
}
