/**
 * What `npm run desk` does, apart from reading the command line: import a CSV into the desk's store and
 * list the cached orders with their calling state, as JSON for scripts or as a table for people. The list is
 * read page by page, as the console reads it, through a connection of its own (view-pages/).
 */
import { MAX_PAGE_ROWS } from '../../shared/contract';
import { printableLine } from '../../shared/printable';
import type { ImportResult, OrderTab, OrderView } from '../../shared/desk-types';
import type { SkipReason } from '../domain/policy';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../domain/settings';
import { importOrdersFile } from '../intake/orders-file';
import { openViewConnection, ViewReader } from '../desk/view-pages/view-reader';
import type { Store } from '../store';
import type { OrderType } from '../domain/order';

export type ImportSummary = ImportResult;

export interface OrderLine {
  awb: string;
  customer: string;
  type: OrderType;
  rawStatus: string;
  phone: string;
  phoneE164: string | null;
  phoneProblem: string | null;
  attempts: number;
  /** 'successful' | 'queued' | 'cooldown until HH:MM' | 'max attempts' | 'invalid phone' | 'not callable' */
  state: string;
}

/** The calling rules as the desk saved them (Settings), over the defaults. */
export function callingSettings(store: Store): CallingSettings {
  return { ...DEFAULT_CALLING_SETTINGS, ...store.settings.getJson<Partial<CallingSettings>>('calling') };
}

export async function importFile(
  store: Store,
  bytes: Uint8Array,
  options: { fileName: string; mapping?: Record<string, string | null>; region?: string; now: number },
): Promise<ImportSummary> {
  const result = await importOrdersFile(store, bytes, {
    fileName: options.fileName,
    mapping: options.mapping,
    region: options.region ?? callingSettings(store).phoneRegion,
    now: options.now,
  });
  return {
    read: result.read,
    added: result.added,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: result.rejected,
    superseded: result.superseded,
  };
}

const STATE_WORDS: Record<Exclude<SkipReason, 'cooldown'>, string> = {
  notCallable: 'not callable',
  successful: 'successful',
  stopped: 'stopped by the customer',
  rescheduled: 'rescheduled',
  maxAttempts: 'max attempts',
  invalidPhone: 'invalid phone',
  unresolved: 'last call unresolved',
};

function orderLine(view: OrderView): OrderLine {
  // Orders stored before intake cleaned text may still hold escape sequences: never print them raw.
  const clean = (text: string | null) => (text === null ? null : printableLine(text));
  return {
    awb: printableLine(view.awb),
    customer: printableLine(view.customer),
    type: view.type,
    rawStatus: printableLine(view.rawStatus),
    phone: printableLine(view.phoneRaw),
    phoneE164: view.phoneE164,
    phoneProblem: clean(view.phoneProblem),
    attempts: view.attempts,
    state:
      view.skipReason === null
        ? 'queued'
        : view.skipReason === 'cooldown'
          ? view.state
          : STATE_WORDS[view.skipReason],
  };
}

/** The cached orders (those of one state, or matching a search) and where each stands for a session at `now`. */
export function listOrders(
  store: Store,
  now: number,
  filter: { state?: OrderTab; search?: string } = {},
): OrderLine[] {
  const db = openViewConnection(store.file);
  try {
    const reader = new ViewReader(db);
    const settings = callingSettings(store);
    const lines: OrderLine[] = [];
    let cursor: string | undefined;
    do {
      const page = reader.orders(
        { limit: MAX_PAGE_ROWS, tab: filter.state, search: filter.search, cursor },
        { settings, now },
      );
      for (const view of page.rows) lines.push(orderLine(view));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return lines;
  } finally {
    db.close();
  }
}

export function formatImport(summary: ImportSummary): string {
  const superseded =
    summary.superseded.length > 0 ? `, ${summary.superseded.length} superseded by a later row` : '';
  const lines = [
    `${summary.read} rows read: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected${superseded}`,
    ...summary.rejected.map((problem) => `  line ${problem.line}: ${printableLine(problem.reason)}`),
    ...summary.superseded.map(
      (row) =>
        `  line ${row.line}: AWB ${printableLine(row.awb)} again on line ${row.byLine}; that later row is imported`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Columns padded to their widest cell; the columns in `right` (numbers) aligned right. */
export function table(rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => {
          const pad = ' '.repeat(widths[column]! - [...cell].length);
          return right.has(column) ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatOrders(orders: readonly OrderLine[]): string {
  if (orders.length === 0) return 'No orders yet. Import a CSV: npm run desk -- import <file.csv>\n';
  const rows = orders.map((order) => [
    order.awb,
    order.customer,
    order.type === 'Unknown' ? `Unknown (${order.rawStatus})` : order.type,
    order.phoneE164 ?? `not dialled: ${order.phoneProblem ?? order.phone}`,
    String(order.attempts),
    order.state,
  ]);
  return `${table([['AWB', 'Customer', 'Type', 'Phone', 'Attempts', 'State'], ...rows])}\n`;
}
