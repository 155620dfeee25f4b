/**
 * The lists' one search, run by SQLite: an order matches when its AWB, customer name or phone (as written)
 * contains the text, or, for a search written like a phone (4 or more digits, with spaces, +, - or brackets),
 * when its phone's digits contain them (so "98765 00001", "+91 98765-00001" and "9876500001" all find
 * +919876500001; "AWB1000999" is not read as a phone). Case is ignored for Latin
 * letters. The orders matching a search are found once (one pass over the orders) and kept in a TEMP table
 * while the data stays as it was, so that paging and counting a search do not search again.
 */
import type { SqliteDatabase } from '../../store/database';

export interface SearchParams {
  /** LIKE pattern of the text itself. */
  like: string;
  /** LIKE pattern of the search's digits, or null when it has fewer than 4. */
  digits: string | null;
}

const MIN_DIGITS = 4;
const PHONE_LIKE = /^[\d\s+\-().]+$/;
const KEPT_SEARCHES = 4;

/** Registers the digits-of-a-phone function the search needs on a connection (once per connection). */
export function registerSearchFunctions(db: SqliteDatabase): void {
  db.function('acs_digits', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? text.replace(/\D/g, '') : null,
  );
}

/** The search's parameters, or null when there is nothing to search for. */
export function searchParams(search: string | undefined): SearchParams | null {
  const needle = search?.trim() ?? '';
  if (needle === '') return null;
  const escaped = needle.replace(/[\\%_]/g, (char) => `\\${char}`);
  const digits = needle.replace(/\D/g, '');
  const phone = PHONE_LIKE.test(needle) && digits.length >= MIN_DIGITS;
  return { like: `%${escaped}%`, digits: phone ? `%${digits}%` : null };
}

/**
 * SQL true when the order `o` matches @like / @digits. A dialable phone's digits are its E.164 number's; only
 * an undialable one's are taken from the phone as written.
 */
const ORDER_MATCHES = `(o.awb LIKE @like ESCAPE '\\' OR o.customer LIKE @like ESCAPE '\\'
  OR o.phone_raw LIKE @like ESCAPE '\\'
  OR (@digits IS NOT NULL AND (o.phone_e164 LIKE @digits
      OR (o.phone_e164 IS NULL AND acs_digits(o.phone_raw) LIKE @digits))))`;

/** A search as the lists use it: its parameters and the TEMP table of the AWBs of the orders it matches. */
export interface Search extends SearchParams {
  /** `search<n>` (awb TEXT PRIMARY KEY). */
  table: string;
  /** The search as typed, trimmed: it names its counts. */
  text: string;
}

export class SearchMatches {
  private kept: { text: string; table: string; dataVersion: number }[] = [];
  private nextId = 1;

  constructor(private readonly db: SqliteDatabase) {}

  /** The search's matches while the data is at `dataVersion`, or null when there is nothing to search for. */
  find(search: string | undefined, dataVersion: number): Search | null {
    const params = searchParams(search);
    if (!params) return null;
    const text = search!.trim();
    for (const stale of this.kept.filter((kept) => kept.dataVersion !== dataVersion)) this.drop(stale);
    let kept = this.kept.find((candidate) => candidate.text === text);
    if (!kept) {
      kept = { text, table: `search${this.nextId++}`, dataVersion };
      this.db.exec(`CREATE TEMP TABLE ${kept.table} (awb TEXT PRIMARY KEY) WITHOUT ROWID`);
      this.db
        .prepare(`INSERT INTO ${kept.table} (awb) SELECT o.awb FROM orders o WHERE ${ORDER_MATCHES}`)
        .run(params);
      this.kept.push(kept);
      if (this.kept.length > KEPT_SEARCHES) this.drop(this.kept[0]!);
    }
    return { ...params, table: kept.table, text };
  }

  private drop(kept: { table: string }): void {
    this.db.exec(`DROP TABLE IF EXISTS ${kept.table}`);
    this.kept = this.kept.filter((other) => other !== kept);
  }
}
