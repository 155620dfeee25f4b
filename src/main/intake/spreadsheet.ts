/**
 * What kind of file the operator dropped, by its bytes (never by its name alone): CSV text, an XLSX workbook
 * (read with exceljs: its first sheet, each row a record with its Excel row number as the line), or a file
 * the desk does not read, refused by name with what to do ("this is an .xls file (Excel 97–2003): save it
 * as CSV or XLSX"). Before this a real XLSX was read as text and refused as "No AWB or Phone column found
 * (columns: PK…)".
 */
import type ExcelJS from 'exceljs';
import type { CsvRecord, RecordSource } from './csv';
import { CsvImportError } from './csv';

export type FileKind = { kind: 'csv' } | { kind: 'xlsx' } | { kind: 'refused'; message: string };

const SAVE_AS = 'save it as CSV or XLSX and import that';

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** The first bytes as Latin-1 text: zip entry names and magic strings are ASCII. */
function head(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.length)).toString('latin1');
}

function refused(what: string): FileKind {
  return { kind: 'refused', message: `This is ${what}, not a CSV or XLSX file: ${SAVE_AS}` };
}

export function fileKind(bytes: Uint8Array, fileName: string): FileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: an OpenDocument file names its type first ('mimetype'); an OOXML file lists its parts.
    const start = head(bytes, 4096);
    if (start.includes('application/vnd.oasis.opendocument.spreadsheet'))
      return refused('an .ods file (OpenDocument spreadsheet)');
    if (start.includes('application/vnd.oasis.opendocument')) return refused('an OpenDocument file');
    const all = head(bytes, 1024 * 1024);
    if (all.includes('xl/workbook.xml') || /\.xlsx$/i.test(fileName)) {
      return { kind: 'xlsx' }; // .xlsm too: its cells read the same
    }
    if (all.includes('word/document.xml')) return refused('a Word document (.docx)');
    if (all.includes('Index/Document.iwa')) return refused('an Apple Numbers file');
    return refused('a ZIP archive');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return refused('an .xls file (Excel 97–2003)');
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return refused('a PDF file');
  const text = head(bytes, 512)
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart()
    .toLowerCase();
  // Some panels save an HTML table with an .xls name; Excel opens it, the desk can not read it.
  if (/^<(!doctype html|html|table|\?xml)/.test(text)) {
    return refused(`a web page (HTML)${/\.xlsx?$/i.test(fileName) ? ' with an Excel name' : ''}`);
  }
  return { kind: 'csv' };
}

type Cell = ExcelJS.CellValue;

/** A cell as the text a CSV export would hold. */
function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return String(value.text);
  if ('result' in value) return cellText(value.result ?? null);
  return '';
}

/** The first worksheet's rows as records, line = Excel row number (blank rows included, as blank records). */
export async function xlsxSource(bytes: Uint8Array): Promise<RecordSource> {
  // Loaded on the first XLSX file, not with the intake: exceljs is tens of megabytes of code and memory
  // that a desk importing CSV never needs.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    // exceljs declares an ArrayBuffer-backed Buffer; a copy gives it exactly that.
    const data = new ArrayBuffer(bytes.length);
    new Uint8Array(data).set(bytes);
    await workbook.xlsx.load(data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CsvImportError(
      `This XLSX file could not be read (${reason.slice(0, 120)}); open it in Excel and ${SAVE_AS}`,
    );
  }
  const sheet = workbook.worksheets[0];
  const records: CsvRecord[] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? (row.values as Cell[]) : [];
    const cells: string[] = [];
    // row.values is 1-based: index 0 is always empty.
    for (let column = 1; column < values.length; column += 1) cells.push(cellText(values[column]));
    records.push({ line: rowNumber, endLine: rowNumber, cells: cells.length > 0 ? cells : [''] });
  });
  return {
    encoding: 'xlsx (first sheet)',
    delimiter: ',',
    read: (sink) => {
      for (const record of records) sink.record(record);
    },
  };
}
