/**
 * Decoded text → records, each with the line of the ORIGINAL file it starts on (a quoted address may span
 * several lines, and the operator looks rows up by line number in Excel or a text editor).
 *
 * Quotes are read the relaxed way panels need: a '"' inside an unquoted field is text (`5" pack`), and a
 * quoted field followed by more text before the separator (`"abc"def`) is kept as written. A quote that is
 * never closed would swallow the rest of the file, so that one line is reported broken and reading resumes
 * on the line after it. Hand-written rather than csv-parse: a 100,000-row file is read several times faster
 * (the import's budget is 2 s end to end), and line numbers come out of the same pass.
 */
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

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const UNCLOSED_QUOTE = 'a quote (") opened in this row is never closed; fix the quotes in this row';

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** A record still open when its text exceeds this is taken as an unclosed quote (no address is a megabyte). */
const MAX_OPEN_RECORD = 1024 * 1024;

/**
 * Reads text handed over in pieces (see decodeCsvPieces), handing every complete record to `sink` in file
 * order without keeping them. Blank lines are records of one empty cell, so line numbers stay exact; a final
 * newline does not start another record. Only the unfinished record at the end of a piece is kept for the
 * next one.
 */
export class CsvParser {
  private pending = '';
  private line = 1;

  constructor(
    private readonly delimiter: CsvDelimiter,
    private readonly sink: RecordSink,
  ) {}

  push(piece: string): void {
    this.pending = this.read(this.pending + piece, false);
  }

  end(): void {
    this.read(this.pending, true);
    this.pending = '';
  }

  /** Reads the complete records of `text`; returns the unfinished end (always '' when `final`). */
  private read(text: string, final: boolean): string {
    const { delimiter, sink } = this;
    const length = text.length;
    const separator = delimiter.charCodeAt(0);
    // Next separator and newline at or after the last position asked for; -1 when there are no more.
    let nextSeparator = -2;
    let nextNewline = -2;
    const fieldEnd = (from: number): number => {
      if (nextSeparator !== -1 && nextSeparator < from) nextSeparator = text.indexOf(delimiter, from);
      if (nextNewline !== -1 && nextNewline < from) nextNewline = text.indexOf('\n', from);
      const separatorAt = nextSeparator === -1 ? length : nextSeparator;
      const newlineAt = nextNewline === -1 ? length : nextNewline;
      return separatorAt < newlineAt ? separatorAt : newlineAt;
    };

    let pos = 0;
    records: while (pos < length) {
      // No newline left: the record cannot end in this piece. Waiting for the next one without splitting it
      // into cells keeps a huge line linear (a 10 MB line of commas was re-split for every piece: minutes).
      if (!final && text.indexOf('\n', pos) === -1) return text.slice(pos);
      const recordStart = pos;
      const startLine = this.line;
      let line = startLine;
      const cells: string[] = [];
      for (;;) {
        if (text.charCodeAt(pos) === QUOTE) {
          let cursor = pos + 1;
          let segment = cursor;
          let value = '';
          let closed = false;
          for (;;) {
            const quote = text.indexOf('"', cursor);
            if (quote === -1) break;
            if (text.charCodeAt(quote + 1) === QUOTE) {
              value += text.slice(segment, quote + 1);
              cursor = quote + 2;
              segment = cursor;
              continue;
            }
            // A quote that ends the text may be the first of a doubled pair: wait for the next piece.
            if (!final && quote + 1 >= length) break;
            value += text.slice(segment, quote);
            cursor = quote + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (!final && length - recordStart < MAX_OPEN_RECORD) return text.slice(recordStart);
            sink.broken({ line: startLine, reason: UNCLOSED_QUOTE });
            const lineEnd = text.indexOf('\n', recordStart);
            this.line = startLine + 1;
            if (lineEnd === -1) return '';
            pos = lineEnd + 1;
            nextSeparator = -2;
            nextNewline = -2;
            continue records;
          }
          line += countNewlines(text, pos, cursor);
          const after = text.charCodeAt(cursor);
          if (cursor >= length || after === separator || after === NEWLINE) {
            cells.push(value);
            pos = cursor;
          } else {
            // Text after the closing quote: the field is kept exactly as written, up to the separator.
            const end = fieldEnd(cursor);
            cells.push(text.slice(pos, end));
            pos = end;
          }
        } else {
          const end = fieldEnd(pos);
          cells.push(text.slice(pos, end));
          pos = end;
        }
        if (pos >= length) {
          if (!final) return text.slice(recordStart);
          sink.record({ line: startLine, endLine: line, cells });
          this.line = line;
          return '';
        }
        if (text.charCodeAt(pos) === separator) {
          pos += 1;
          continue;
        }
        pos += 1;
        sink.record({ line: startLine, endLine: line, cells });
        this.line = line + 1;
        continue records;
      }
    }
    return '';
  }
}

/** Reads a whole text at once (see CsvParser). */
export function parseCsvText(text: string, delimiter: CsvDelimiter, sink: RecordSink): void {
  const parser = new CsvParser(delimiter, sink);
  parser.push(text);
  parser.end();
}
