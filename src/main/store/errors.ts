/**
 * The store's one error type. Whatever SQLite or the file system said ("database or disk is full", "attempt
 * to write a readonly database", "file is not a database"), the desk gets a StoreError: a kind it can act on
 * (stop the scheduler, offer a backup), the database file's path, and a message that tells the operator what
 * to do about it, naming the file or the folder. The original error stays as `cause` for the log.
 */
import { dirname } from 'node:path';

export const STORE_ERROR_KINDS = ['corrupt', 'read-only', 'disk-full', 'busy', 'io', 'newer-schema'] as const;
export type StoreErrorKind = (typeof STORE_ERROR_KINDS)[number];

export class StoreError extends Error {
  readonly folder: string;
  constructor(
    readonly kind: StoreErrorKind,
    readonly file: string,
    message: string,
    /** SQLite's or the file system's code (SQLITE_FULL, ENOSPC), when there was one. */
    readonly code: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
    this.folder = dirname(file);
  }
}

/** Codes of SQLite (better-sqlite3's SqliteError.code, extended codes included) and of Node's fs. */
function kindOfCode(code: string): StoreErrorKind | null {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return 'read-only';
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code === 'EIO') return 'io';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'read-only';
  return null;
}

/** What kind of store failure `error` is, or null when it is not one (a bug, a constraint, a bad argument). */
export function classifyStoreError(error: unknown): StoreErrorKind | null {
  if (error instanceof StoreError) return error.kind;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const kind = kindOfCode(code);
    if (kind) return kind;
  }
  // Some paths (a backup, an error rethrown as text) keep only SQLite's words.
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (/database or disk is full|no space left on device/i.test(message)) return 'disk-full';
  if (/readonly database|read-only file system/i.test(message)) return 'read-only';
  if (/disk image is malformed|file is not a database/i.test(message)) return 'corrupt';
  if (/database is locked/i.test(message)) return 'busy';
  return null;
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The operator's sentence for each kind; `restore` (corrupt only) names the backup to restore and how. */
export function storeErrorMessage(kind: StoreErrorKind, file: string, detail: string, restore = ''): string {
  const folder = dirname(file);
  switch (kind) {
    case 'corrupt':
      return `The desk database ${file} is damaged (${detail}). ${restore}`.trim();
    case 'read-only':
      return `Cannot write to the desk database ${file}: the file or its folder ${folder} is read-only for this user (${detail}). Give this user write permission on ${folder}, or point ACS_DATA_DIR at a writable folder, then start again.`;
    case 'disk-full':
      return `The disk holding ${folder} is full: the desk cannot record calls or settings (${detail}). Free space on that disk, then start the scheduler again.`;
    case 'busy':
      return `The desk database ${file} stayed locked by another program (${detail}). Close any other tool that has it open (a database browser, a backup job) and try again.`;
    case 'io':
      return `Reading or writing the desk database ${file} failed (${detail}). Check the disk holding ${folder}: a network or removable drive that went away, or a failing disk.`;
    case 'newer-schema':
      return `The desk database ${file} was written by a newer version of Auto Call Scheduler (${detail}). Update the app, or restore a backup made by this version (npm run desk -- backups lists them).`;
  }
}

/**
 * `error` as a StoreError for `file` (itself when it already is one); null when it is no store failure.
 * `restore` is added to a corrupt file's message.
 */
export function toStoreError(error: unknown, file: string, restore?: string): StoreError | null {
  if (error instanceof StoreError) return error;
  const kind = classifyStoreError(error);
  if (!kind) return null;
  const code = (error as { code?: unknown } | null)?.code;
  return new StoreError(
    kind,
    file,
    storeErrorMessage(kind, file, detailOf(error), restore),
    typeof code === 'string' ? code : null,
    { cause: error },
  );
}
