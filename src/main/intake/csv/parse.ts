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

/** Offset in `text` where 1-based `line` begins. */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line && offset !== -1; current += 1) {
    offset = text.indexOf('\n', offset);
    if (offset !== -1) offset += 1;
  }
  return offset === -1 ? text.length : offset;
}

/**
 * Streams every record of `text` to `sink`, in file order, without keeping them: a 100,000-row file costs
 * its text and one record at a time. Blank lines are records too (of one empty cell), so each record
 * starts on the line after the previous one ended — that is how line numbers stay exact across quoted
 * newlines without keeping each record's raw text.
 */
export function parseCsvText(text: string, delimiter: CsvDelimiter, sink: RecordSink): void {
  let rest = text;
  let lineOffset = 0;
  while (rest.length > 0) {
    let previousEnd = 0;
    let unclosedLine: number | null = null;
    parse(rest, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      on_record: (cells: string[], context: InfoRecord) => {
        sink.record({ line: lineOffset + previousEnd + 1, endLine: lineOffset + context.lines, cells });
        previousEnd = context.lines;
        return null;
      },
      on_skip: (error: CsvError | undefined) => {
        const line = previousEnd + 1;
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') unclosedLine = line;
        else {
          sink.broken({
            line: lineOffset + line,
            reason: `unreadable row (${error?.message ?? 'CSV error'})`,
          });
          previousEnd = typeof error?.lines === 'number' ? error.lines : line;
        }
        return undefined;
      },
    });
    if (unclosedLine === null) return;
    sink.broken({
      line: lineOffset + unclosedLine,
      reason: 'a quote (") opened in this row is never closed; fix the quotes in this row',
    });
    const resumeAt = offsetOfLine(rest, unclosedLine + 1);
    if (resumeAt >= rest.length) return;
    lineOffset += unclosedLine;
    rest = rest.slice(resumeAt);
  }
}
