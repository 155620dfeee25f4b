/**
 * Page cursors: where the next page of a list starts, as the key of the last row shown (keyset pagination, so
 * a page is one index seek however deep it is). A cursor names the list it came from and is opaque to the
 * console: base64url of a small JSON array, checked field by field when it comes back.
 */
import { DeskArgumentError } from '../../../shared/contract';

/** One value of a row's sort key: a number (times, ids, positions) or text (AWBs, names, phones). */
export type KeyPart = number | string;

export interface Cursor {
  /** The list the cursor belongs to ('queue:cooling', 'orders:all:oldest', 'history:newest', …). */
  list: string;
  key: KeyPart[];
}

const MAX_KEY_PARTS = 6;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.list, ...cursor.key]), 'utf8').toString('base64url');
}

function refused(why: string): DeskArgumentError {
  return new DeskArgumentError(`cursor: ${why}; ask for the first page again`, 'cursor');
}

/** The cursor's key, refused (DeskArgumentError) when it is malformed or belongs to another list. */
export function decodeCursor(text: string, list: string, parts: number): KeyPart[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refused('not a page cursor');
  }
  if (!Array.isArray(decoded) || decoded.length < 2 || decoded.length > MAX_KEY_PARTS + 1) {
    throw refused('not a page cursor');
  }
  const [from, ...key] = decoded as unknown[];
  if (from !== list) throw refused('it belongs to another list or sort');
  if (key.length !== parts) throw refused('not a page cursor');
  for (const part of key) {
    const ok = (typeof part === 'number' && Number.isFinite(part)) || typeof part === 'string';
    if (!ok) throw refused('not a page cursor');
  }
  return key as KeyPart[];
}
