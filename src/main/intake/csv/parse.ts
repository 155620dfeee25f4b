/**
 * Decoded text → records, each with the line of the ORIGINAL file it starts on (a quoted address may span
 * several lines, and the operator looks rows up by line number in Excel or a text editor). Built on
 * csv-parse with relaxed quotes (a stray '"' as in `5" pack` stays text); a quote that is never closed
 * would swallow the rest of the file, so that one line is reported broken and parsing resumes after it.
 */
import { parse, type CsvError, type InfoRecord } from 'csv-parse/sync';
import type { CsvDelimiter } from './delimiter';

export interface CsvRecord {
  /** 1-based line in the original file where the record starts. */
  line: number;
  /** Line the record ends on; later than `line` when a quoted field holds newlines. */
  endLine: number;
  cells: string[];
}

export interface BrokenLine {
  line: number;
  reason: string;
}

export interface RecordSink {
  record(record: CsvRecord): void;
  broken(problem: BrokenLine): void;
}

function countNewlines(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (
    let index = text.indexOf('\n', from);
    index !== -1 && index < to;
    index = text.indexOf('\n', index + 1)
  ) {
    count += 1;
  }
  return count;
}

/** Line the record starts on: where it ends, less the newlines inside it (raw may lead with skipped blank lines). */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - countNewlines(body);
}

/**
 * Streams every record of `text` to `sink`, in file order. Records are handed over one at a time and not
 * kept, so a 100,000-row file costs its text and one record at a time.
 */
export function parseCsvText(text: string, delimiter: CsvDelimiter, sink: RecordSink): void {
  let rest = text;
  let lineOffset = 0;
  while (rest.length > 0) {
    let unclosedAt: number | null = null;
    parse(rest, {
      delimiter,
      raw: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (value: string[], context: InfoRecord) => {
        // With `raw: true` csv-parse hands over { record, raw } (its typings only know plain records).
        const { record, raw } = value as unknown as { record: string[]; raw: string };
        sink.record({
          line: lineOffset + startLine(context.lines, raw),
          endLine: lineOffset + context.lines,
          cells: record,
        });
        return null;
      },
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        if (!raw) return undefined;
        const rawStart = rest.length - raw.length + (raw.length - raw.replace(/^\n+/, '').length);
        const line = lineOffset + countNewlines(rest, 0, rawStart) + 1;
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') unclosedAt = rawStart;
        else sink.broken({ line, reason: `unreadable row (${error?.message ?? 'CSV error'})` });
        return undefined;
      },
    });
    if (unclosedAt === null) return;
    const line = lineOffset + countNewlines(rest, 0, unclosedAt) + 1;
    sink.broken({
      line,
      reason: 'a quote (") opened in this row is never closed; fix the quotes in this row',
    });
    const nextLineStart = rest.indexOf('\n', unclosedAt);
    if (nextLineStart === -1) return;
    lineOffset = line;
    rest = rest.slice(nextLineStart + 1);
  }
}
