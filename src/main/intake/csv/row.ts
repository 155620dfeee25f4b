/**
 * One CSV row → an order, or the reason it can not be one. A row is rejected only when it can not be
 * trusted as an order (no AWB, no phone, shifted columns, a COD amount that is not money); a phone that
 * can not be dialled is NOT a rejection: the order is kept with the phone's problem, so the operator sees
 * it and it is never dialled.
 */
import { clipText } from '../../../shared/printable';
import type { OrderInput } from '../../domain/order';
import { parseCodAmount } from '../amount';
import { orderInputFromRecord } from '../records';
import { CSV_FIELDS, type ColumnMapping, type CsvField } from './columns';

/** Field → index of its column in a row, or null. */
export type ColumnIndex = Record<CsvField, number | null>;

export type RowReading = { ok: true; order: OrderInput } | { ok: false; reason: string } | { ok: 'blank' };

export function columnIndex(mapping: ColumnMapping, headers: readonly string[]): ColumnIndex {
  return Object.fromEntries(
    CSV_FIELDS.map((field) => {
      const header = mapping[field];
      return [field, header === null ? null : headers.indexOf(header)];
    }),
  ) as ColumnIndex;
}

/**
 * Undoes what spreadsheets do to keep long numbers as text: a leading apostrophe ('1234567890123) or an
 * Excel formula (="1234567890123").
 */
export function unwrapSpreadsheetText(text: string): string {
  const trimmed = text.trim();
  // Most cells start with neither '=' nor an apostrophe: nothing to undo.
  const first = trimmed.charCodeAt(0);
  if (first !== 0x3d && first !== 0x27) return trimmed;
  const formula = /^="(.*)"$/.exec(trimmed);
  if (formula) return formula[1]!.trim();
  return trimmed.startsWith("'") ? trimmed.slice(1).trim() : trimmed;
}

const EXCEL_SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;
/** Longer than any courier's AWB: the column is probably not the AWB. */
const MAX_AWB_LENGTH = 64;
function cell(cells: readonly string[], index: number | null): string {
  return index === null ? '' : (cells[index] ?? '');
}

export interface RowContext {
  columns: ColumnIndex;
  headerCount: number;
  region: string;
  line: number;
  endLine: number;
}

function fieldCountProblem(cells: readonly string[], context: RowContext): string | null {
  let count = cells.length;
  // A trailing separator adds empty cells; only cells with something in them mean shifted columns.
  while (count > context.headerCount && cells[count - 1]!.trim() === '') count -= 1;
  if (count <= context.headerCount) return null;
  const span =
    context.endLine > context.line
      ? ` The row runs from line ${context.line} to ${context.endLine}; check its quotes.`
      : ' Is there an unquoted separator in an address or name?';
  return `${count} fields where the header has ${context.headerCount}.${span}`;
}

export function readRow(cells: readonly string[], context: RowContext): RowReading {
  if (cells.every((value) => value.trim() === '')) return { ok: 'blank' };
  const tooMany = fieldCountProblem(cells, context);
  if (tooMany) return { ok: false, reason: tooMany };

  const { columns } = context;
  const awb = unwrapSpreadsheetText(cell(cells, columns.awb));
  if (awb === '') return { ok: false, reason: 'no AWB' };
  if (awb.length > MAX_AWB_LENGTH) {
    return {
      ok: false,
      reason: `"${clipText(awb, 40)}" (${awb.length.toLocaleString('en-IN')} characters) is not an AWB; is the AWB column right?`,
    };
  }
  if (EXCEL_SCIENTIFIC.test(awb)) {
    return { ok: false, reason: `AWB in Excel scientific notation (${awb}) lost digits; export it as text` };
  }
  const named = clipText(awb, 40);
  const phone = unwrapSpreadsheetText(cell(cells, columns.phone));
  if (phone === '') return { ok: false, reason: `no phone for AWB ${named}` };
  const codText = cell(cells, columns.codAmount);
  const cod = parseCodAmount(codText);
  if (!cod.ok) {
    return {
      ok: false,
      reason: `COD amount "${clipText(codText.trim(), 40)}" is not an amount (AWB ${named})`,
    };
  }

  const orderId = unwrapSpreadsheetText(cell(cells, columns.orderId));
  const courier = cell(cells, columns.courier);
  const order = orderInputFromRecord(
    {
      awb,
      customer: cell(cells, columns.customer),
      phone,
      type: cell(cells, columns.type),
      address: cell(cells, columns.address),
      city: cell(cells, columns.city),
      pincode: unwrapSpreadsheetText(cell(cells, columns.pincode)),
      codAmount: cod.amount,
      orderId,
      courier,
    },
    context.region,
  );
  return { ok: true, order };
}
