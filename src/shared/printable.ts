/**
 * Text from order sources made safe to store and to show. A customer name is whatever a panel export or an
 * API put there; terminal escape sequences in it would recolour or rewrite the operator's terminal
 * (`npm run desk -- orders`), and control characters garble tables and logs. Intake cleans every text field
 * on the way in; outputs clean again, for orders stored before this rule existed. Scripts (Devanagari,
 * Tamil, Bengali...) and their joiners are letters and marks, never touched.
 */

/** ANSI / VT escape sequences: CSI (ESC [ … final byte, or the 8-bit CSI), OSC (ESC ] … BEL or ST), and
 * two-character escapes (ESC followed by one byte). */
/* eslint-disable no-control-regex -- these patterns exist to find control characters */
const ESCAPE_SEQUENCES =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]/g;

/** C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional overrides and isolates that
 * can make a terminal or a page show text in another order than it is stored. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Anything either function would change; most text has none, and is returned as it is. */
const ANYTHING_TO_CLEAN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

const LINE_BREAKS_AND_TABS = /[\t\n\r]+/g;

/** Removes escape sequences and control characters; keeps tabs and line breaks (an address may span lines). */
export function printableText(text: string): string {
  if (!ANYTHING_TO_CLEAN.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}

/** As printableText, and tabs and line breaks become one space: for names, ids and table cells. */
export function printableLine(text: string): string {
  if (!ANYTHING_TO_CLEAN.test(text)) return text;
  return printableText(text).replace(LINE_BREAKS_AND_TABS, ' ');
}

/** Operator-visible text quoted from a file or a source, cut to `max` characters (with an ellipsis). */
export function clipText(text: string, max = 80): string {
  const line = printableLine(text);
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
