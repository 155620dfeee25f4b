/**
 * An orders file as the operator drops it: CSV (or TSV / Excel "Unicode Text"), XLSX, or something the desk
 * refuses by name. Preview and import of any of them go through here, so the console, the command line and
 * the intake worker treat files the same way.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store';
import {
  CSV_FIELDS,
  CsvImportError,
  csvSource,
  headerSignature,
  importRecords,
  mappingFor,
  mergeStagedFile,
  missingRequired,
  previewRecords,
  stageRecords,
  StagingBatch,
  type ColumnMapping,
  type CsvImportResult,
  type CsvPreview,
  type RecordSource,
  type StagedFile,
} from './csv';
import { readOptionsFor, rememberMapping } from './csv/mapping-memory';
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
 * kept, so a staged file is never merged after its mapping could have changed. The merge compares the staged
 * orders with the cache as it is then, so a write to an order between the preview and the import is seen.
 *
 * It also remembers the last import merged whole. Importing the same bytes again, read the same way (kind,
 * region, corrections, and the mapping they give now), while the orders' write count (migration 008: every
 * insert, update and delete of an order moves it, whoever makes it) is still the one that import left, can
 * change nothing: every order the file names is still as the file says. That re-import answers at once what
 * reading the file again would (all unchanged, the same rejected and superseded rows) and writes no order.
 * One per SQLite connection.
 */
export class PreviewedImports {
  private kept: { key: string; staged: StagedFile } | null = null;
  private applied: AppliedImport | null = null;

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
        headers: preview.headers,
        mapping: preview.mapping,
        read: preview.read,
        rejected: preview.problems,
      },
    };
    return preview;
  }

  async import(bytes: Uint8Array, options: OrdersFileOptions & { now: number }): Promise<CsvImportResult> {
    const key = keyOf(bytes, options);
    const kept = this.kept;
    this.kept = null;
    const again = this.unchangedSince(key, options);
    if (again) {
      kept?.staged.staging.clear();
      return again;
    }
    this.applied = null;
    let staged: StagedFile;
    if (kept && kept.key === key) staged = kept.staged;
    else {
      kept?.staged.staging.clear();
      staged = stageRecords(this.store, await recordsOf(bytes, options.fileName), options);
    }
    const { result, generation } = mergeStagedFile(this.store, staged, options.now);
    if (generation !== null) {
      this.applied = {
        key,
        headers: staged.headers,
        signature: staged.signature,
        mapping: staged.mapping,
        generation,
        read: result.read,
        orders: result.added + result.updated + result.unchanged,
        // Copies: the caller may change the result it is given.
        rejected: result.rejected.map((problem) => ({ ...problem })),
        superseded: result.superseded.map((row) => ({ ...row })),
      };
    }
    return result;
  }

  /** What importing the last import's file again gives, when that provably changes nothing; else null. */
  private unchangedSince(key: string, options: OrdersFileOptions): CsvImportResult | null {
    const applied = this.applied;
    if (!applied || applied.key !== key) return null;
    if (this.store.orders.generation() !== applied.generation) return null;
    const { mapping } = mappingFor(applied.headers, readOptionsFor(this.store, options));
    if (CSV_FIELDS.some((field) => mapping[field] !== applied.mapping[field])) return null;
    rememberMapping(this.store, applied.signature, mapping);
    return {
      read: applied.read,
      added: 0,
      updated: 0,
      unchanged: applied.orders,
      rejected: applied.rejected.map((problem) => ({ ...problem })),
      superseded: applied.superseded.map((row) => ({ ...row })),
      typeChanges: [],
    };
  }

  private drop(): void {
    this.kept?.staged.staging.clear();
    this.kept = null;
  }
}

/** The last import merged whole: its file's key, how it was read, and the orders' write count it left. */
interface AppliedImport {
  key: string;
  headers: string[];
  signature: string;
  mapping: ColumnMapping;
  generation: number;
  read: number;
  /** Orders the file holds (its rows less rejected and superseded ones). */
  orders: number;
  rejected: CsvImportResult['rejected'];
  superseded: CsvImportResult['superseded'];
}

/** The file's bytes, kind (a zip may be read by its name) and how it is to be read. */
function keyOf(bytes: Uint8Array, options: OrdersFileOptions): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const { kind } = fileKind(bytes, options.fileName);
  return `${hash}|${kind}|${options.region}|${JSON.stringify(options.mapping ?? null)}`;
}
