/**
 * The look before the leap: what an import of this file would do — the columns it would read, the first
 * rows as they would be stored, and every row it would reject, with line and reason. Writes nothing.
 */
import type { ImportPreview, ImportProblem, SupersededRow } from '../../../shared/desk-types';
import type { OrderInput } from '../../domain/order';
import type { Store } from '../../store';
import { FIELD_LABELS, listColumns, type ColumnMapping } from './columns';
import type { CsvDelimiter } from './delimiter';
import { readOptionsFor } from './mapping-memory';
import { csvSource, readRecords, type CsvLayout, type FileEncoding, type RecordSource } from './reader';
import { RepeatedAwbs } from './repeated-awbs';

export interface CsvPreviewOptions {
  mapping?: Readonly<Record<string, string | null>>;
  region: string;
  /** How many rows to return (all problems are always returned). Default 100. */
  rowLimit?: number;
  /**
   * Also stage every readable row here, so that the import that follows need not read the file again. The
   * staging area keeps each AWB's last row, so it also says which rows were superseded.
   */
  stage?: { add(order: OrderInput, line: number): void; superseded(): SupersededRow[] };
}

/** A preview row: the contract's row plus the order it would store. */
export type CsvPreviewRow = ImportPreview['rows'][number] & { order: OrderInput };

export interface CsvPreview extends ImportPreview {
  mapping: ColumnMapping;
  rows: CsvPreviewRow[];
  encoding: FileEncoding;
  delimiter: CsvDelimiter;
  headerLine: number;
  mappingSource: CsvLayout['mappingSource'];
  /** Orders that will be kept but never dialled, with the phone's problem (the first 1,000). */
  phoneProblems: ImportProblem[];
}

const MAX_PHONE_PROBLEMS = 1_000;

/** Why nothing can be read until the operator maps a column, or null. */
export function missingColumnsMessage(layout: CsvLayout): string | null {
  if (layout.missing.length === 0) return null;
  if (layout.headers.length === 0) return 'The file is empty: no header row and no orders';
  const labels = layout.missing.map((field) => FIELD_LABELS[field]);
  const which = labels.length === 1 ? 'which column holds it' : 'the columns that hold them';
  return `No ${labels.join(' or ')} column found: choose ${which} (columns: ${listColumns(layout.headers)})`;
}

export function previewCsv(
  store: Pick<Store, 'settings'>,
  bytes: Uint8Array,
  options: CsvPreviewOptions,
): CsvPreview {
  return previewRecords(store, csvSource(bytes), options);
}

/** As previewCsv, from any record source (CSV text or a spreadsheet's rows). */
export function previewRecords(
  store: Pick<Store, 'settings'>,
  source: RecordSource,
  options: CsvPreviewOptions,
): CsvPreview {
  const rowLimit = options.rowLimit ?? 100;
  const rows: CsvPreviewRow[] = [];
  const problems: ImportProblem[] = [];
  const phoneProblems: ImportProblem[] = [];
  const { stage } = options;
  const repeated = stage ? null : new RepeatedAwbs();
  const { layout, dataRows } = readRecords(source, readOptionsFor(store, options), ({ line, reading }) => {
    if (!reading.ok) {
      problems.push({ line, reason: reading.reason });
      return;
    }
    const { order } = reading;
    if (stage) stage.add(order, line);
    else repeated!.note(order.awb, line);
    if (order.phoneProblem && phoneProblems.length < MAX_PHONE_PROBLEMS) {
      phoneProblems.push({ line, reason: `${order.awb}: ${order.phoneProblem}` });
    }
    if (rows.length < rowLimit) {
      rows.push({
        line,
        awb: order.awb,
        customer: order.customer,
        phone: order.phoneRaw,
        phoneE164: order.phoneE164,
        phoneProblem: order.phoneProblem,
        type: order.type,
        rawStatus: order.rawStatus,
        order,
      });
    }
  });
  const missing = missingColumnsMessage(layout);
  // Rows a later row of their AWB replaces are not imported: the preview leaves them out too.
  const superseded = (stage ?? repeated!).superseded();
  const replaced = new Set(superseded.map((row) => row.line));
  return {
    headers: layout.headers,
    mapping: layout.mapping,
    read: dataRows,
    rows: rows.filter((row) => !replaced.has(row.line)),
    problems: missing ? [{ line: layout.headerLine, reason: missing }] : problems,
    superseded,
    encoding: layout.encoding,
    delimiter: layout.delimiter,
    headerLine: layout.headerLine,
    mappingSource: layout.mappingSource,
    phoneProblems: phoneProblems.filter((problem) => !replaced.has(problem.line)),
  };
}
