/**
 * Reads a CSV file the way preview and import both need it: decode, find the separator and the header row,
 * settle the column mapping (remembered → detected → operator's corrections), then hand over every data
 * row, read or rejected, with its line in the original file. Preview and import share this so the preview
 * shows exactly what the import will do.
 */
import { printableLine } from '../../../shared/printable';
import {
  applyCorrections,
  detectMapping,
  findHeaderRow,
  fitsHeaders,
  headerSignature,
  missingRequired,
  type ColumnMapping,
  type CsvField,
} from './columns';
import { decodeCsvPieces, type CsvEncoding } from './decode';
import { sniffDelimiter, type CsvDelimiter } from './delimiter';
import { CsvParser, type CsvRecord, type RecordSink } from './parse';
import { columnIndex, readRow, type ColumnIndex, type RowReading } from './row';

/** Records looked at when searching for the header row (title lines some panels put above it). */
const HEADER_SEARCH_RECORDS = 10;
const MAX_HEADER_LENGTH = 120;

export interface CsvReadOptions {
  /** Operator's corrections, order field → header (null: the file has no such column). */
  mapping?: Readonly<Record<string, string | null>>;
  /** Default region for phones without a country code. */
  region: string;
  /** The mapping used last time for these headers, if any. */
  remembered?: (signature: string) => ColumnMapping | undefined;
}

/**
 * Where records come from: a CSV file's text (decoded and parsed piece by piece), or a spreadsheet's rows
 * already read (XLSX). Either way each record carries its line (the spreadsheet's row number).
 */
/** How the file's text was stored: a CSV encoding, or a spreadsheet's first sheet. */
export type FileEncoding = CsvEncoding | 'xlsx (first sheet)';

export interface RecordSource {
  encoding: FileEncoding;
  delimiter: CsvDelimiter;
  /** Hands every record, or broken line, to `sink` in file order. */
  read(sink: RecordSink): void;
}

export function csvSource(bytes: Uint8Array): RecordSource {
  const { pieces, encoding } = decodeCsvPieces(bytes);
  const iterator = pieces[Symbol.iterator]();
  const first = iterator.next();
  const firstPiece = first.done ? '' : first.value;
  // The first piece holds the first lines, which is all the separator is decided on.
  const delimiter = sniffDelimiter(firstPiece);
  return {
    encoding,
    delimiter,
    read: (sink) => {
      const parser = new CsvParser(delimiter, sink);
      parser.push(firstPiece);
      for (let next = iterator.next(); !next.done; next = iterator.next()) parser.push(next.value);
      parser.end();
    },
  };
}

export interface CsvLayout {
  encoding: FileEncoding;
  delimiter: CsvDelimiter;
  headers: string[];
  /** Line of the header row (1 unless title lines come first). */
  headerLine: number;
  signature: string;
  mapping: ColumnMapping;
  /** Where the mapping came from before the operator's corrections. */
  mappingSource: 'remembered' | 'detected';
  /** Required fields with no column: rows can not be read until the operator maps them. */
  missing: CsvField[];
}

export interface CsvRow {
  line: number;
  reading: Exclude<RowReading, { ok: 'blank' }>;
}

export interface CsvReading {
  layout: CsvLayout;
  /** Non-blank rows below the header, whether or not they could be read (or handed over). */
  dataRows: number;
}

function settleLayout(
  encoding: FileEncoding,
  delimiter: CsvDelimiter,
  header: CsvRecord | undefined,
  options: CsvReadOptions,
): CsvLayout {
  // A header longer than any real one (a file whose first line is a 10 MB blob) is cut, so that messages
  // naming the columns stay short; the mapping uses the cut names consistently.
  const headers = (header?.cells ?? []).map((cell) => printableLine(cell).trim().slice(0, MAX_HEADER_LENGTH));
  const signature = headerSignature(headers);
  const { mapping, mappingSource } = mappingFor(headers, options);
  return {
    encoding,
    delimiter,
    headers,
    headerLine: header?.line ?? 1,
    signature,
    mapping,
    mappingSource,
    missing: missingRequired(mapping),
  };
}

/** The mapping a file with these headers is read with now (remembered → detected → corrections). */
export function mappingFor(
  headers: readonly string[],
  options: CsvReadOptions,
): { mapping: ColumnMapping; mappingSource: CsvLayout['mappingSource'] } {
  const remembered = options.remembered?.(headerSignature(headers));
  const usable = remembered && fitsHeaders(remembered, headers) ? remembered : undefined;
  const mapping = applyCorrections(usable ?? detectMapping(headers), headers, options.mapping);
  return { mapping, mappingSource: usable ? 'remembered' : 'detected' };
}

type ParsedItem = { record: CsvRecord } | { broken: { line: number; reason: string } };

/**
 * Reads the whole file, handing each data row to `onRow` as it is parsed, in file order; only the first
 * few records are held back while the header row is found, so memory stays near the size of the text
 * whatever the number of rows. Rows are only handed over when the AWB and phone columns are known.
 */
export function readCsv(
  bytes: Uint8Array,
  options: CsvReadOptions,
  onRow: (row: CsvRow) => void,
): CsvReading {
  return readRecords(csvSource(bytes), options, onRow);
}

/** As readCsv, from any record source (CSV text or a spreadsheet's rows). */
export function readRecords(
  source: RecordSource,
  options: CsvReadOptions,
  onRow: (row: CsvRow) => void,
): CsvReading {
  const { encoding, delimiter } = source;
  const waiting: ParsedItem[] = [];
  let layout: CsvLayout | null = null;
  let columns: ColumnIndex | null = null;
  let dataRows = 0;

  const emit = (row: CsvRow) => {
    dataRows += 1;
    if (layout!.missing.length === 0) onRow(row);
  };

  const handle = (item: ParsedItem) => {
    if ('broken' in item) {
      if (item.broken.line > layout!.headerLine)
        emit({ line: item.broken.line, reading: { ok: false, reason: item.broken.reason } });
      return;
    }
    const { record } = item;
    if (record.line <= layout!.headerLine) return;
    if (layout!.missing.length > 0) {
      if (record.cells.some((cell) => cell.trim() !== '')) dataRows += 1;
      return;
    }
    const reading = readRow(record.cells, {
      columns: columns!,
      headerCount: layout!.headers.length,
      region: options.region,
      line: record.line,
      endLine: record.endLine,
    });
    if (reading.ok === 'blank') return;
    emit({ line: record.line, reading });
  };

  const settle = () => {
    // Blank lines above the header are not candidates (and do not count towards the search).
    const records = waiting.flatMap((item) =>
      'record' in item && item.record.cells.some((cell) => cell.trim()) ? [item.record] : [],
    );
    const headerIndex = findHeaderRow(records.map((record) => record.cells));
    layout = settleLayout(encoding, delimiter, records[headerIndex], options);
    columns = columnIndex(layout.mapping, layout.headers);
    for (const item of waiting.splice(0)) handle(item);
  };

  const take = (item: ParsedItem) => {
    if (layout) return handle(item);
    waiting.push(item);
    const looked = waiting.filter(
      (entry) => 'record' in entry && entry.record.cells.some((cell) => cell.trim()),
    );
    if (looked.length >= HEADER_SEARCH_RECORDS) settle();
  };

  source.read({
    record: (record) => take({ record }),
    broken: (problem) => take({ broken: problem }),
  });
  if (!layout) settle();
  return { layout: layout!, dataRows };
}
