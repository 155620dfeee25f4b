/**
 * An orders file as the operator drops it: CSV (or TSV / Excel "Unicode Text"), XLSX, or something the desk
 * refuses by name. Preview and import of any of them go through here, so the console, the command line and
 * the intake worker treat files the same way.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store';
import {
  CsvImportError,
  csvSource,
  headerSignature,
  importRecords,
  missingRequired,
  mergeStaged,
  previewRecords,
  StagingBatch,
  type CsvImportResult,
  type CsvPreview,
  type RecordSource,
  type StagedFile,
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

/**
 * The console's way: a preview, then the import of the same file. The preview stages the file as it reads it
 * and keeps it; an import of the same bytes with the same mapping and region merges what was staged instead
 * of reading the file again. Whatever comes next (another preview, an import of anything else) drops what was
 * kept, so a staged file is never merged after its mapping could have changed. One per SQLite connection.
 */
export class PreviewedImports {
  private kept: { key: string; staged: StagedFile } | null = null;

  constructor(private readonly store: Store) {}

  async preview(bytes: Uint8Array, options: OrdersFileOptions & { rowLimit?: number }): Promise<CsvPreview> {
    this.drop();
    const source = await recordsOf(bytes, options.fileName);
    const batch = new StagingBatch(this.store.orders.staging());
    let preview: CsvPreview;
    try {
      preview = previewRecords(this.store, source, { ...options, stage: batch });
      batch.flush();
    } catch (error) {
      batch.staging.clear();
      throw error;
    }
    if (missingRequired(preview.mapping).length > 0) {
      // Nothing to keep: the import of this file fails until the operator maps the missing column.
      batch.staging.clear();
      return preview;
    }
    this.kept = {
      key: keyOf(bytes, options),
      staged: {
        staging: batch.staging,
        signature: headerSignature(preview.headers),
        mapping: preview.mapping,
        read: preview.read,
        rejected: preview.problems,
      },
    };
    return preview;
  }

  async import(bytes: Uint8Array, options: OrdersFileOptions & { now: number }): Promise<CsvImportResult> {
    const kept = this.kept;
    this.kept = null;
    if (kept && kept.key === keyOf(bytes, options)) return mergeStaged(this.store, kept.staged, options.now);
    kept?.staged.staging.clear();
    return importOrdersFile(this.store, bytes, options);
  }

  private drop(): void {
    this.kept?.staged.staging.clear();
    this.kept = null;
  }
}

function keyOf(bytes: Uint8Array, options: OrdersFileOptions): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  return `${hash}|${options.region}|${JSON.stringify(options.mapping ?? null)}`;
}
