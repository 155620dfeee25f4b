/**
 * Keyset pagination in SQL: a page is "the rows whose sort key comes after the cursor's, in key order, up to
 * the limit", one index range scan however far down the list it is (never OFFSET, which reads and drops
 * every row before the page). One row more than the page is asked for, to know whether a next page exists.
 */
import { decodeCursor, encodeCursor, type KeyPart } from './cursor';

export interface Keyset {
  /** The list, as named in its cursors. */
  list: string;
  /** The sort key's columns, qualified ('p.first_seen_at', 'p.awb'); the last one makes the key unique. */
  columns: readonly string[];
  descending?: boolean;
}

export const DEFAULT_PAGE_ROWS = 100;

/** SQL for the page's position: `after` (a condition, or 'TRUE' on the first page) and `orderBy`. */
export function keysetSql(
  keyset: Keyset,
  cursor: string | undefined,
): { after: string; orderBy: string; params: Record<string, KeyPart> } {
  const direction = keyset.descending ? 'DESC' : 'ASC';
  const orderBy = keyset.columns.map((column) => `${column} ${direction}`).join(', ');
  if (cursor === undefined) return { after: 'TRUE', orderBy, params: {} };
  const key = decodeCursor(cursor, keyset.list, keyset.columns.length);
  const params: Record<string, KeyPart> = {};
  key.forEach((part, index) => (params[`k${index}`] = part));
  const placeholders = key.map((_, index) => `@k${index}`).join(', ');
  const after = `(${keyset.columns.join(', ')}) ${keyset.descending ? '<' : '>'} (${placeholders})`;
  return { after, orderBy, params };
}

/** The page's rows (at most `limit`) and the cursor after the last, when more rows follow. */
export function pageOf<Row>(
  rows: Row[],
  limit: number,
  list: string,
  keyOf: (row: Row) => KeyPart[],
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const shown = rows.slice(0, limit);
  return { rows: shown, nextCursor: encodeCursor({ list, key: keyOf(shown[shown.length - 1]!) }) };
}
