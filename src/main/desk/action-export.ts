/**
 * The Needs-action list as a CSV for the delivery team: one row per action with what they need to act on it
 * (the order, how to reach the customer, what to do and when, what the customer said and where to hear it,
 * and where it stands with the courier). Opened in Excel: a UTF-8 byte-order mark so Hindi names read right,
 * CRLF line ends, and every cell that Excel would take for a formula (= + - @, a tab or a carriage return
 * first) starts with an apostrophe, so a customer's words can never run as one.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ACTION_KIND_WORDS, WRITEBACK_WORDS } from '../../shared/contract';
import type { ActionView, ExportedFile } from '../../shared/desk-types';
import { printableText } from '../../shared/printable';
import { formatLocalDate, formatLocalIso } from '../domain/local-time';

export interface ActionExportOptions {
  timezone: string;
  /** The desk's country (Settings → phone region): its numbers are written as they are dialled there. */
  region: string;
  now: number;
  /** What the export covers, for its name. */
  state: 'open' | 'done' | 'all';
}

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

const HEADERS = [
  'AWB',
  'Customer',
  'Phone',
  'Action',
  'Date',
  'Time',
  'New address',
  'Landmark',
  'Notes',
  'What was said',
  'Recording',
  'Raised at',
  'State',
  'Courier status',
];

/** A cell as Excel will read it: never a formula, quoted when it holds a separator, quote or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "098765 00001" for a number of the desk's own country (as the delivery team dials it), else international. */
export function phoneForSheet(phoneE164: string | null, region: string): string {
  if (!phoneE164) return '';
  const parsed = parsePhoneNumberFromString(phoneE164);
  if (!parsed?.isPossible()) return phoneE164;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

function courierStatus(action: ActionView): string {
  const { state, message } = action.writeback;
  return message ? `${WRITEBACK_WORDS[state]}: ${message}` : WRITEBACK_WORDS[state];
}

function row(action: ActionView, options: ActionExportOptions): string[] {
  return [
    action.awb,
    action.customer,
    phoneForSheet(action.phoneE164, options.region),
    ACTION_KIND_WORDS[action.kind],
    action.date ?? '',
    action.time ?? '',
    action.address ?? '',
    action.landmark ?? '',
    [action.notes, action.doneNote].filter(Boolean).join(' · '),
    action.summary ?? '',
    action.recordingUrl ?? '',
    formatLocalIso(action.createdAt, options.timezone).replace('T', ' '),
    action.state === 'done' ? 'Done' : 'Open',
    courierStatus(action),
  ];
}

export function actionsCsv(actions: readonly ActionView[], options: ActionExportOptions): ExportedFile {
  const lines = [HEADERS, ...actions.map((action) => row(action, options))].map((cells) =>
    // Notes typed by the operator and words from VAPI may carry escape sequences; a sheet gets plain text.
    cells.map((cell) => csvCell(printableText(cell).replace(/\r\n?/g, '\n'))).join(','),
  );
  return {
    fileName: `needs-action-${options.state}-${formatLocalDate(options.now, options.timezone)}.csv`,
    content: `${BOM}${lines.join('\r\n')}\r\n`,
  };
}
