/**
 * The History view's pages, straight from the calls table by id (newest or oldest first): all calls, or one
 * session's, or one order's, or only the successful or the failed ones, searched by AWB, customer or phone.
 * Reads only the columns a list row shows; transcripts and VAPI's JSON stay on disk until a call is opened.
 */
import type { DeskArgs } from '../../../shared/contract';
import type {
  AnswerIntent,
  CallOutcome,
  CallState,
  HistoryItem,
  HistoryPage,
} from '../../../shared/desk-types';
import type { SqliteDatabase } from '../../store/database';
import { DEFAULT_PAGE_ROWS, keysetSql, pageOf, type Keyset } from './keyset';
import type { Search } from './search';

type HistoryArgs = DeskArgs<'history'>;

interface HistoryRow {
  id: number;
  session_id: number;
  started_at: number;
  phone_e164: string;
  attempt_number: number;
  state: string;
  outcome: string | null;
  successful: number;
  duration_seconds: number | null;
  cost: number | null;
  summary: string | null;
  intent: string | null;
  awbs: string | null;
  customer: string | null;
}

/**
 * The filters of a history request as SQL on `calls c`, with their parameters. A search drives the query
 * from the calls about the matching orders (a few, usually), looked up by id, instead of walking every call
 * in id order to test each against them.
 */
function filters(
  args: HistoryArgs,
  search: Search | null,
): { from: string; where: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (args.sessionId !== undefined) {
    where.push('c.session_id = @sessionId');
    params.sessionId = args.sessionId;
  }
  if (args.awb !== undefined) {
    where.push('c.id IN (SELECT call_id FROM call_orders WHERE awb = @awb)');
    params.awb = args.awb;
  }
  if (args.tab === 'successful') where.push('c.successful = 1');
  if (args.tab === 'failed') {
    // As Today counts them: calls placed that ended without success (errors never rang anyone).
    where.push(
      "c.successful = 0 AND c.state = 'ended' AND (c.outcome IS NULL OR c.outcome NOT IN ('error', 'canceled'))",
    );
  }
  // The calls about the matching orders (an order's phone is the number its calls dialled).
  const from = search
    ? `(SELECT DISTINCT co.call_id AS id FROM ${search.table} m CROSS JOIN call_orders co ON co.awb = m.awb) hit
       CROSS JOIN calls c ON c.id = hit.id`
    : 'calls c';
  return { from, where: where.length > 0 ? where.join(' AND ') : 'TRUE', params };
}

function historyItem(row: HistoryRow): HistoryItem {
  return {
    id: row.id,
    sessionId: row.session_id,
    startedAt: row.started_at,
    phoneE164: row.phone_e164,
    awbs: row.awbs ? row.awbs.split(',') : [],
    customer: row.customer ?? '',
    attemptNumber: row.attempt_number,
    state: row.state as CallState,
    outcome: row.outcome as CallOutcome | null,
    successful: row.successful === 1,
    durationSeconds: row.duration_seconds,
    cost: row.cost,
    summary: row.summary,
    answer: row.intent as AnswerIntent | null,
  };
}

/**
 * Counting every call of a busy desk walks an index of hundreds of thousands of entries: the count is kept
 * per filter until the data changes (`dataVersion`).
 */
export class HistoryCounter {
  private kept = new Map<string, number>();
  private version = -1;

  count(
    db: SqliteDatabase,
    dataVersion: number,
    query: { from: string; where: string; params: Record<string, unknown> },
  ): number {
    const { from, where, params } = query;
    if (dataVersion !== this.version) {
      this.kept.clear();
      this.version = dataVersion;
    }
    const key = `${from}\u0000${where}\u0000${JSON.stringify(params)}`;
    const known = this.kept.get(key);
    if (known !== undefined) return known;
    const counted = db
      .prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`)
      .get(params)!.n;
    if (this.kept.size >= 50) this.kept.clear();
    this.kept.set(key, counted);
    return counted;
  }
}

export function historyPage(
  db: SqliteDatabase,
  args: HistoryArgs,
  search: Search | null,
  counter: HistoryCounter,
  dataVersion: number,
): HistoryPage {
  const limit = args.limit ?? DEFAULT_PAGE_ROWS;
  const sort = args.sort ?? 'newest';
  const keyset: Keyset = { list: `history:${sort}`, columns: ['c.id'], descending: sort === 'newest' };
  const position = keysetSql(keyset, args.cursor);
  const query = filters(args, search);
  const found = db
    .prepare<Record<string, unknown>, HistoryRow>(
      `SELECT c.id, c.session_id, c.started_at, c.phone_e164, c.attempt_number, c.state, c.outcome, c.successful,
         c.duration_seconds, c.cost, COALESCE(c.summary, c.error) AS summary, c.intent,
         (SELECT group_concat(awb, ',') FROM
            (SELECT awb FROM call_orders co WHERE co.call_id = c.id ORDER BY co.rowid)) AS awbs,
         (SELECT o.customer FROM call_orders co JOIN orders o ON o.awb = co.awb
            WHERE co.call_id = c.id ORDER BY co.rowid LIMIT 1) AS customer
       FROM ${query.from}
       WHERE ${query.where} AND ${position.after}
       ORDER BY ${position.orderBy} LIMIT @limit`,
    )
    .all({ ...query.params, ...position.params, limit: limit + 1 });
  const page = pageOf(found, limit, keyset.list, (row) => [row.id]);
  return {
    rows: page.rows.map(historyItem),
    nextCursor: page.nextCursor,
    counts: { calls: counter.count(db, dataVersion, query) },
  };
}
