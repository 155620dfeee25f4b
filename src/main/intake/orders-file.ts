/**
 * An orders file as the operator drops it: CSV (or TSV / Excel "Unicode Text"), XLSX, or something the desk
 * refuses by name. Preview and import of any of them go through here, so the console, the command line and
 * the intake worker treat files the same way.
 */
import type { Store } from '../store';
import {
  CsvImportError,
  csvSource,
  importRecords,
  previewRecords,
  type CsvImportResult,
  type CsvPreview,
  type RecordSource,
} from './csv';
import { fileKind, xlsxSource } from './spreadsheet';

export interface OrdersFileOptions {
  fileName: string;
  mapping?: Readonly<Record<string, string | null>>;
  region: string;
}

export async function previewOrdersFile(
  store: Pick<Store, 'settings'>,
  bytes: Uint8Array,
  options: OrdersFileOptions & { rowLimit?: number },
): Promise<CsvPreview> {
  return previewRecords(store, await recordsOf(bytes, options.fileName), options);
}

export async function importOrdersFile(
  store: Store,
  bytes: Uint8Array,
  options: OrdersFileOptions & { now: number },
): Promise<CsvImportResult> {
  return importRecords(store, await recordsOf(bytes, options.fileName), options);
}

/** The file's records, or CsvImportError naming a kind of file the desk does not read. */
async function recordsOf(bytes: Uint8Array, fileName: string): Promise<RecordSource> {
  const kind = fileKind(bytes, fileName);
  if (kind.kind === 'refused') throw new CsvImportError(kind.message);
  return kind.kind === 'xlsx' ? xlsxSource(bytes) : csvSource(bytes);
}
