/**
 * Opens the desk's SQLite file (WAL, foreign keys) and brings its schema up to date, one migration per
 * transaction, tracked with SQLite's user_version.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

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
}

/** Short: a blocked statement freezes the event loop for this long before the engine's own retry takes over. */
export const DEFAULT_BUSY_TIMEOUT_MS = 250;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
  try {
    migrate(db, MIGRATIONS);
  } catch (error) {
    // Release the file (Windows keeps it locked while open) before reporting why it cannot be used.
    db.close();
    throw error;
  }
  return db;
}

export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `The database was written by a newer version of Auto Call Scheduler (schema ${current}, this version knows ${newest}). Update the app.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
