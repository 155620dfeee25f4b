/**
 * Commits a CSV file to the store, upserting by AWB, so importing the same file twice changes nothing. Good
 * rows are imported even when others are rejected; an AWB listed twice takes its last row and the earlier
 * one is reported as superseded. The result counts every row once:
 * read = added + updated + unchanged + rejected + superseded. The mapping used is remembered for the next
 * file with the same headers.
 *
 * The file is staged first (OrderStaging: a temporary table, no write lock held while it is read), then
 * merged in chunks of CHUNK_ROWS, one short transaction each, so that a large import never holds up the
 * dialler's writes for long. An import that fails part-way leaves the chunks it merged; importing the file
 * again completes it.
 */
import type { ImportProblem, ImportResult } from '../../../shared/desk-types';
import type { OrderInput } from '../../domain/order';
import type { Store, TypeChange } from '../../store';
import { CsvImportError } from './columns';
import { readOptionsFor, rememberMapping } from './mapping-memory';
import { missingColumnsMessage } from './preview';
import { csvSource, readRecords, type RecordSource } from './reader';

/** Rows staged per statement batch. */
const STAGE_BATCH = 200;
/** Orders merged per transaction: a few milliseconds of write lock each. */
export const CHUNK_ROWS = 2_000;

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
  return importRecords(store, csvSource(bytes), options);
}

/** As importCsv, from any record source (CSV text or a spreadsheet's rows). */
export function importRecords(
  store: Store,
  source: RecordSource,
  options: CsvImportOptions,
): CsvImportResult {
  const rejected: ImportProblem[] = [];
  const staging = store.orders.staging();
  try {
    let batch: { order: OrderInput; line: number }[] = [];
    const { layout, dataRows } = readRecords(source, readOptionsFor(store, options), ({ line, reading }) => {
      if (!reading.ok) {
        rejected.push({ line, reason: reading.reason });
        return;
      }
      batch.push({ order: reading.order, line });
      if (batch.length >= STAGE_BATCH) {
        staging.add(batch);
        batch = [];
      }
    });
    const missing = missingColumnsMessage(layout);
    if (missing) throw new CsvImportError(missing);
    staging.add(batch);

    const result: CsvImportResult = {
      read: dataRows,
      added: 0,
      updated: 0,
      unchanged: 0,
      rejected,
      superseded: staging.superseded(),
      typeChanges: [],
    };
    for (let merged = staging.mergeNext(CHUNK_ROWS, options.now); merged;) {
      result.added += merged.added;
      result.updated += merged.updated;
      result.unchanged += merged.unchanged;
      result.typeChanges.push(...merged.typeChanges);
      merged = staging.mergeNext(CHUNK_ROWS, options.now);
    }
    rememberMapping(store, layout.signature, layout.mapping);
    return result;
  } finally {
    staging.clear();
  }
}
