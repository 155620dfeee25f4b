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
import type { ImportProblem, ImportResult, SupersededRow } from '../../../shared/desk-types';
import type { OrderInput } from '../../domain/order';
import type { OrderStaging, Store, TypeChange } from '../../store';
import { CsvImportError, type ColumnMapping } from './columns';
import { readOptionsFor, rememberMapping } from './mapping-memory';
import { missingColumnsMessage } from './preview';
import { csvSource, readRecords, type RecordSource } from './reader';

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

/** Stages rows as they are read (OrderStaging batches them into few statements). */
export class StagingBatch {
  constructor(readonly staging: OrderStaging) {}

  add(order: OrderInput, line: number): void {
    this.staging.addRow(order, line);
  }

  flush(): void {
    this.staging.flush();
  }

  /** Rows replaced by a later row of their AWB, of all added so far. */
  superseded(): SupersededRow[] {
    return this.staging.superseded();
  }
}

/** A file read and staged, waiting to be merged into the cache. */
export interface StagedFile {
  staging: OrderStaging;
  /** The headers' signature and the mapping used, remembered when the file is merged. */
  signature: string;
  headers: string[];
  mapping: ColumnMapping;
  read: number;
  rejected: ImportProblem[];
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
  return mergeStaged(store, stageRecords(store, source, options), options.now);
}

/** Reads a file into a staging area; throws CsvImportError when it has no AWB or phone column. */
export function stageRecords(
  store: Store,
  source: RecordSource,
  options: Omit<CsvImportOptions, 'now'>,
): StagedFile {
  const rejected: ImportProblem[] = [];
  const batch = new StagingBatch(store.orders.staging());
  try {
    const { layout, dataRows } = readRecords(source, readOptionsFor(store, options), ({ line, reading }) => {
      if (reading.ok) batch.add(reading.order, line);
      else rejected.push({ line, reason: reading.reason });
    });
    const missing = missingColumnsMessage(layout);
    if (missing) throw new CsvImportError(missing);
    batch.flush();
    return {
      staging: batch.staging,
      signature: layout.signature,
      headers: layout.headers,
      mapping: layout.mapping,
      read: dataRows,
      rejected,
    };
  } catch (error) {
    batch.staging.clear();
    throw error;
  }
}

/** Merges a staged file into the cache, chunk by chunk, and remembers its mapping. */
export function mergeStaged(store: Store, staged: StagedFile, now: number): CsvImportResult {
  return mergeStagedFile(store, staged, now).result;
}

/**
 * As mergeStaged, also saying the orders' write count at which the cache held exactly this file's orders
 * (null when another write to the orders came between its chunks; see OrderStaging.mergedGeneration).
 */
export function mergeStagedFile(
  store: Store,
  staged: StagedFile,
  now: number,
): { result: CsvImportResult; generation: number | null } {
  const { staging } = staged;
  try {
    const result: CsvImportResult = {
      read: staged.read,
      added: 0,
      updated: 0,
      unchanged: 0,
      rejected: staged.rejected,
      superseded: staging.superseded(),
      typeChanges: [],
    };
    for (let merged = staging.mergeNext(CHUNK_ROWS, now); merged;) {
      result.added += merged.added;
      result.updated += merged.updated;
      result.unchanged += merged.unchanged;
      result.typeChanges.push(...merged.typeChanges);
      merged = staging.mergeNext(CHUNK_ROWS, now);
    }
    rememberMapping(store, staged.signature, staged.mapping);
    return { result, generation: staging.mergedGeneration() };
  } finally {
    staging.clear();
  }
}
