/**
 * Commits a CSV file to the store: one transaction for the whole file, upsert by AWB, so importing the
 * same file twice changes nothing. Good rows are imported even when others are rejected; the result
 * counts every row once: read = added + updated + unchanged + rejected. The mapping used is remembered
 * for the next file with the same headers.
 */
import type { ImportProblem, ImportResult } from '../../../shared/desk-types';
import type { OrderInput } from '../../domain/order';
import type { Store, TypeChange } from '../../store';
import { CsvImportError } from './columns';
import { readOptionsFor, rememberMapping } from './mapping-memory';
import { missingColumnsMessage } from './preview';
import { readCsv } from './reader';

/** Rows written per upsert call; bounds memory without splitting the transaction. */
const BATCH_SIZE = 1000;

export interface CsvImportOptions {
  mapping?: Readonly<Record<string, string | null>>;
  region: string;
  now: number;
}

export interface CsvImportResult extends ImportResult {
  /** Orders whose type this file changed (e.g. OFD → Delivered takes them out of the queue). */
  typeChanges: TypeChange[];
}

/** Throws CsvImportError (an operator-readable message) when the file has no AWB or phone column. */
export function importCsv(store: Store, bytes: Uint8Array, options: CsvImportOptions): CsvImportResult {
  const result: CsvImportResult = {
    read: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    typeChanges: [],
  };
  let batch: OrderInput[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const outcome = store.orders.upsertMany(batch, options.now);
    result.added += outcome.added.length;
    result.updated += outcome.updated.length;
    result.unchanged += outcome.unchanged.length;
    result.typeChanges.push(...outcome.typeChanges);
    batch = [];
  };
  store.transaction(() => {
    const { layout, dataRows } = readCsv(bytes, readOptionsFor(store, options), ({ line, reading }) => {
      if (!reading.ok) {
        result.rejected.push({ line, reason: reading.reason } satisfies ImportProblem);
        return;
      }
      batch.push(reading.order);
      if (batch.length >= BATCH_SIZE) flush();
    });
    const missing = missingColumnsMessage(layout);
    if (missing) throw new CsvImportError(missing);
    flush();
    result.read = dataRows;
    rememberMapping(store, layout.signature, layout.mapping);
  });
  return result;
}
