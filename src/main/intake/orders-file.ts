/**
 * An orders file as the operator drops it: CSV (or TSV / Excel "Unicode Text"), XLSX, or something the desk
 * refuses by name. Preview and import of any of them go through here, so the console, the command line and
 * the intake worker treat files the same way.
 */
import type { Store } from '../store';
import { importCsv, previewCsv, type CsvImportResult, type CsvPreview } from './csv';

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
  return previewCsv(store, bytes, options);
}

export async function importOrdersFile(
  store: Store,
  bytes: Uint8Array,
  options: OrdersFileOptions & { now: number },
): Promise<CsvImportResult> {
  return importCsv(store, bytes, options);
}
