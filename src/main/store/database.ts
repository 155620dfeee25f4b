/**
 * Opens the desk's SQLite file (WAL, foreign keys) and brings its schema up to date, one migration per
 * transaction, tracked with SQLite's user_version.
 *
 * Opening fails loudly and early, always with a StoreError naming the file: a disk with almost no space left
 * (named by folder), a file or folder this user cannot write, a file that fails SQLite's integrity check (the
 * message names the newest good backup and the command that restores it), a schema from a newer version.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupsDirOf, EMPTY_FILE, newestGoodBackup } from './backup';
import { StoreError, storeErrorMessage, toStoreError } from './errors';
import { MIGRATIONS, type Migration } from './migrations';
import { PRIVATE_FOLDER_MODE } from '../data-dir';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Path to the better-sqlite3 native addon built for this runtime (the Electron app passes its own). */
  nativeBinding?: string;
  /**
   * How long one statement waits for another connection's lock before SQLITE_BUSY. better-sqlite3 waits
   * synchronously, freezing the event loop, so this stays short: the engine retries busy writes on its own
   * clock (engine/durable-write.ts) instead.
   */
  busyTimeoutMs?: number;
  /** The schema's migrations (tests pass their own); MIGRATIONS by default. */
  migrations?: readonly Migration[];
  /** Apply pending migrations now (default); false leaves that to the caller (openDeskStore backs up first). */
  migrate?: boolean;
  /** Open without write access, as SQLite does by itself for a file this user cannot write. */
  readonly?: boolean;
  /** Bytes free on the disk holding `folder` (tests); statfs by default, null when unknown. */
  freeBytes?: (folder: string) => number | null;
}

/** Below this much free space the desk does not start: a session writes a few KB per call, a backup the whole file. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

function statfsFreeBytes(folder: string): number | null {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** What a corrupt file's message offers: the newest good backup and the command, or what to do without one. */
export function restoreAdvice(file: string, nativeBinding?: string): string {
  const dir = backupsDirOf(file);
  const backup = newestGoodBackup(dir, nativeBinding);
  if (!backup) {
    return `No good backup is in ${dir}. Move ${file} aside to start with an empty desk, or put back a copy from your own backups.`;
  }
  return `Restore from backup: the newest good one is ${backup.file} (taken ${new Date(backup.takenAt).toISOString()}, ${backup.reason}). Close the desk and run: npm run desk -- restore-backup (the damaged file is kept aside).`;
}

/** Any failure while opening, as the StoreError an operator can act on (other errors pass unchanged). */
function openFailure(error: unknown, file: string, options: OpenDatabaseOptions): unknown {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite cannot open (or make the -wal/-shm of) a database in a folder it may not write.
  if (typeof code === 'string' && code.startsWith('SQLITE_CANTOPEN')) {
    const folder = dirname(file);
    if (!writable(folder) || (existsSync(file) && !writable(file))) {
      const detail = error instanceof Error ? error.message : String(error);
      return new StoreError('read-only', file, storeErrorMessage('read-only', file, detail), code, {
        cause: error,
      });
    }
  }
  const asStore = toStoreError(error, file);
  if (asStore?.kind === 'corrupt') {
    return toStoreError(error, file, restoreAdvice(file, options.nativeBinding));
  }
  return asStore ?? error;
}

function checkFreeSpace(file: string, options: OpenDatabaseOptions): void {
  const folder = dirname(file);
  const free = (options.freeBytes ?? statfsFreeBytes)(folder);
  if (free !== null && free < MIN_FREE_BYTES) {
    const detail = `${Math.floor(free / 1024)} KB free, at least ${MIN_FREE_BYTES / 1024 / 1024} MB needed`;
    throw new StoreError('disk-full', file, storeErrorMessage('disk-full', file, detail), 'ENOSPC');
  }
}

/**
 * An emptied file (a failed copy, a tool that truncated it) opens as a new desk that has forgotten every order
 * and call; with a good backup beside it, that is a damaged database to restore, not a fresh start.
 */
function checkNotEmptied(file: string, options: OpenDatabaseOptions): void {
  if (!existsSync(file) || statSync(file).size > 0) return;
  if (!newestGoodBackup(backupsDirOf(file), options.nativeBinding)) return;
  throw new StoreError(
    'corrupt',
    file,
    storeErrorMessage('corrupt', file, EMPTY_FILE, restoreAdvice(file, options.nativeBinding)),
    'SQLITE_NOTADB',
  );
}

function checkIntegrity(db: SqliteDatabase, file: string, options: OpenDatabaseOptions): void {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((row) => row.integrity_check).filter((text) => text !== 'ok');
  if (problems.length === 0) return;
  const detail = `integrity check: ${problems.slice(0, 3).join('; ').slice(0, 300)}`;
  throw new StoreError(
    'corrupt',
    file,
    storeErrorMessage('corrupt', file, detail, restoreAdvice(file, options.nativeBinding)),
    'SQLITE_CORRUPT',
  );
}

/** Proves the file can be written (a read-only file opens, then fails at the first write mid-session). */
function checkWritable(db: SqliteDatabase): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE acs_write_probe (x)');
  } finally {
    db.exec('ROLLBACK');
  }
}

function checkSchemaVersion(db: SqliteDatabase, file: string, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    const detail = `schema ${current}, this version knows ${newest}`;
    throw new StoreError('newer-schema', file, storeErrorMessage('newer-schema', file, detail));
  }
}

/** Short: a blocked statement freezes the event loop for this long before the engine's own retry takes over. */
export const DEFAULT_BUSY_TIMEOUT_MS = 250;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  const settings = {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  };
  if (file === ':memory:') {
    const db = new Database(file, settings);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    return db;
  }
  let db: SqliteDatabase;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    checkFreeSpace(file, options);
    checkNotEmptied(file, options);
    db = new Database(file, settings);
  } catch (error) {
    throw openFailure(error, file, options);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    checkIntegrity(db, file, options);
    checkWritable(db);
    checkSchemaVersion(db, file, migrations);
    if (options.migrate !== false) migrate(db, migrations);
  } catch (error) {
    // Release the file (Windows keeps it locked while open) before reporting why it cannot be used.
    db.close();
    throw openFailure(error, file, options);
  }
  return db;
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Migrations not yet applied to `db`. */
export function pendingMigrations(db: SqliteDatabase, migrations: readonly Migration[]): Migration[] {
  const current = schemaVersion(db);
  return migrations.filter((migration) => migration.version > current);
}

export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `The database was written by a newer version of Auto Call Scheduler (schema ${current}, this version knows ${newest}). Update the app.`,
    );
  }
  for (const migration of pendingMigrations(db, migrations)) {
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
