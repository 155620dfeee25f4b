/**
 * Reads a CSV file the way preview and import both need it: decode, find the separator and the header row,
 * settle the column mapping (remembered → detected → operator's corrections), then hand over every data
 * row, read or rejected, with its line in the original file. Preview and import share this so the preview
 * shows exactly what the import will do.
 */
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
import { decodeCsv, type CsvEncoding } from './decode';
import { sniffDelimiter, type CsvDelimiter } from './delimiter';
import { parseCsvText, type CsvRecord } from './parse';
import { columnIndex, readRow, type RowReading } from './row';

/** Records looked at when searching for the header row (title lines some panels put above it). */
const HEADER_SEARCH_RECORDS = 10;

export interface CsvReadOptions {
  /** Operator's corrections, order field → header (null: the file has no such column). */
  mapping?: Readonly<Record<string, string | null>>;
  /** Default region for phones without a country code. */
  region: string;
  /** The mapping used last time for these headers, if any. */
  remembered?: (signature: string) => ColumnMapping | undefined;
}

export interface CsvLayout {
  encoding: CsvEncoding;
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
  /** Data rows (blank rows are not counted), read or rejected, in file order; none while `layout.missing`. */
  rows: Iterable<CsvRow>;
  /** Non-blank rows below the header, whether or not they can be read. */
  dataRowCount(): number;
}

function settleLayout(
  encoding: CsvEncoding,
  delimiter: CsvDelimiter,
  header: CsvRecord | undefined,
  options: CsvReadOptions,
): CsvLayout {
  const headers = (header?.cells ?? []).map((cell) => cell.trim());
  const signature = headerSignature(headers);
  const remembered = options.remembered?.(signature);
  const usable = remembered && fitsHeaders(remembered, headers) ? remembered : undefined;
  const mapping = applyCorrections(usable ?? detectMapping(headers), headers, options.mapping);
  return {
    encoding,
    delimiter,
    headers,
    headerLine: header?.line ?? 1,
    signature,
    mapping,
    mappingSource: usable ? 'remembered' : 'detected',
    missing: missingRequired(mapping),
  };
}

/**
 * Parses the whole file. Rows are produced lazily from the parsed records so a caller can write them in
 * batches; records are small arrays of strings, the decoded text is the main cost.
 */
export function readCsv(bytes: Uint8Array, options: CsvReadOptions): CsvReading {
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = sniffDelimiter(text);
  const records: CsvRecord[] = [];
  const broken: { line: number; reason: string }[] = [];
  parseCsvText(text, delimiter, {
    record: (record) => records.push(record),
    broken: (problem) => broken.push(problem),
  });
  const headerIndex = findHeaderRow(records.slice(0, HEADER_SEARCH_RECORDS).map((record) => record.cells));
  const layout = settleLayout(encoding, delimiter, records[headerIndex], options);
  const columns = columnIndex(layout.mapping, layout.headers);
  const headerCount = layout.headers.length;
  const region = options.region;

  function* rows(): Generator<CsvRow> {
    if (layout.missing.length > 0) return;
    let brokenAt = 0;
    const seen = new Map<string, number>();
    for (let index = headerIndex + 1; index < records.length; index += 1) {
      const record = records[index]!;
      // Unreadable lines are reported in their place in the file.
      while (brokenAt < broken.length && broken[brokenAt]!.line < record.line) {
        const problem = broken[brokenAt]!;
        if (problem.line > layout.headerLine)
          yield { line: problem.line, reading: { ok: false, reason: problem.reason } };
        brokenAt += 1;
      }
      const reading = readRow(record.cells, {
        columns,
        headerCount,
        region,
        line: record.line,
        endLine: record.endLine,
      });
      if (reading.ok === 'blank') continue;
      if (reading.ok) {
        // A file listing one AWB twice is ambiguous (which row is current?); the first row is taken and the
        // later one reported, so importing the file again gives the same result.
        const firstLine = seen.get(reading.order.awb);
        if (firstLine !== undefined) {
          const reason = `AWB ${reading.order.awb} appears again (first on line ${firstLine}); only the first row is imported`;
          yield { line: record.line, reading: { ok: false, reason } };
          continue;
        }
        seen.set(reading.order.awb, record.line);
      }
      yield { line: record.line, reading };
    }
    for (; brokenAt < broken.length; brokenAt += 1) {
      if (broken[brokenAt]!.line > layout.headerLine) {
        yield { line: broken[brokenAt]!.line, reading: { ok: false, reason: broken[brokenAt]!.reason } };
      }
    }
  }

  function dataRowCount(): number {
    const below = records
      .slice(headerIndex + 1)
      .filter((record) => record.cells.some((value) => value.trim()));
    return below.length + broken.filter((problem) => problem.line > layout.headerLine).length;
  }

  return { layout, rows: { [Symbol.iterator]: rows }, dataRowCount };
}
