/**
 * Backups of the desk's database with SQLite's online backup API (better-sqlite3 `db.backup()`): a consistent
 * copy taken while the desk runs, into `backups/` beside the database. Taken before a schema upgrade and once
 * a day; the newest N are kept (Settings → Backups). A backup is written as `….partial` and renamed when
 * complete, so a crash never leaves half a backup that looks whole.
 *
 * Restoring swaps a backup in while the desk is closed: the backup is checked first, copied next to the
 * database, the current file (and its -wal/-shm, which would otherwise be replayed onto the restored copy)
 * set aside under a dated name, then the copy renamed into place.
 */
import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { PRIVATE_FOLDER_MODE } from '../data-dir';

export const BACKUPS_FOLDER = 'backups';
export type BackupReason = 'daily' | 'before-upgrade';

export interface BackupInfo {
  file: string;
  name: string;
  /** When it was taken, epoch milliseconds (from its name). */
  takenAt: number;
  reason: string;
  bytes: number;
}

export type DatabaseCheck = { ok: true; schemaVersion: number } | { ok: false; problem: string };

const NAME = /^desk-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z-]+)\.sqlite$/;

export function backupsDirOf(databaseFile: string): string {
  return join(dirname(databaseFile), BACKUPS_FOLDER);
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '');
}

export function backupName(takenAt: number, reason: string): string {
  return `desk-${stamp(takenAt)}-${reason}.sqlite`;
}

/** The backups in `dir`, newest first; files that are not backups (or not finished) are left out. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const match = NAME.exec(name);
    if (!match) continue;
    const [, y, mo, d, h, mi, s, ms, reason] = match;
    const file = join(dir, name);
    found.push({
      file,
      name,
      takenAt: Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!),
      reason: reason!,
      bytes: statSync(file).size,
    });
  }
  return found.sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
}

/** Why a database file of 0 bytes is no database to restore from or to keep: what once held the desk is gone. */
export const EMPTY_FILE = 'the file is empty: 0 bytes';

/** Opens `file` read-only and runs SQLite's integrity check; says its schema version when it is whole. */
export function checkDatabaseFile(file: string, nativeBinding?: string): DatabaseCheck {
  let db: Database.Database | null = null;
  try {
    // SQLite reads an empty file as a new, empty database: whole, and holding nothing.
    if (statSync(file).size === 0) return { ok: false, problem: EMPTY_FILE };
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check).filter((text) => text !== 'ok');
    if (problems.length > 0) return { ok: false, problem: problems.slice(0, 3).join('; ').slice(0, 300) };
    return { ok: true, schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  } finally {
    db?.close();
  }
}

/** The newest backup that passes the integrity check, with its schema version; null when there is none. */
export function newestGoodBackup(
  dir: string,
  nativeBinding?: string,
): (BackupInfo & { schemaVersion: number }) | null {
  for (const backup of listBackups(dir)) {
    const check = checkDatabaseFile(backup.file, nativeBinding);
    if (check.ok) return { ...backup, schemaVersion: check.schemaVersion };
  }
  return null;
}

/** Copies the open database into `dir` with the online backup API. */
export async function takeBackup(
  db: Database.Database,
  dir: string,
  reason: BackupReason,
  now: number,
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  let takenAt = now;
  while (existsSync(join(dir, backupName(takenAt, reason)))) takenAt += 1;
  const name = backupName(takenAt, reason);
  const partial = join(dir, `${name}.partial`);
  try {
    await db.backup(partial);
    renameSync(partial, join(dir, name));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return listBackups(dir).find((backup) => backup.name === name)!;
}

/** Deletes all but the newest `keep` backups (and leftovers of interrupted ones); returns what it deleted. */
export function pruneBackups(dir: string, keep: number): BackupInfo[] {
  if (!existsSync(dir)) return [];
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.sqlite.partial')) rmSync(join(dir, name), { force: true });
  }
  const removed = listBackups(dir).slice(Math.max(1, keep));
  for (const backup of removed) rmSync(backup.file, { force: true });
  return removed;
}

/** The backup named on the command line: a path, or a name in the backups folder. */
export function findBackup(databaseFile: string, choice: string): string | null {
  const candidates =
    isAbsolute(choice) || choice.includes('/') || choice.includes('\\')
      ? [choice]
      : [join(backupsDirOf(databaseFile), choice), choice];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

export interface RestorePlan {
  backup: string;
  check: DatabaseCheck;
  /** The database now in place: missing, damaged (with why) or whole. */
  current: 'missing' | { ok: false; problem: string } | { ok: true; schemaVersion: number };
}

export function planRestore(databaseFile: string, backup: string, nativeBinding?: string): RestorePlan {
  return {
    backup,
    check: checkDatabaseFile(backup, nativeBinding),
    current: existsSync(databaseFile) ? checkDatabaseFile(databaseFile, nativeBinding) : 'missing',
  };
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts `backup` in place of the database (the desk must be closed: the caller holds its lock). The current
 * file and its WAL/shared-memory files are renamed `<name>.<label>-<time>[-wal|-shm]`; returns those names.
 */
export function swapInBackup(databaseFile: string, backup: string, label: string, now: number): string[] {
  const incoming = `${databaseFile}.restoring`;
  copyFileSync(backup, incoming);
  fsyncFile(incoming);
  const setAside: string[] = [];
  const base = `${databaseFile}.${label}-${stamp(now)}`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (!existsSync(`${databaseFile}${suffix}`)) continue;
    renameSync(`${databaseFile}${suffix}`, `${base}${suffix}`);
    setAside.push(basename(`${base}${suffix}`));
  }
  renameSync(incoming, databaseFile);
  return setAside;
}

/** The part of the desk's clock the daily backup needs (the engine's Clock fits). */
export interface BackupClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export interface DailyBackupOptions {
  db: Database.Database;
  dir: string;
  /** How many backups to keep (read at each backup: a changed setting applies at the next one). */
  keep: () => number;
  clock: BackupClock;
  onTaken: (backup: BackupInfo, removed: BackupInfo[]) => void;
  onFailed: (error: unknown) => void;
}

const DAY_MS = 24 * 60 * 60_000;
const CHECK_EVERY_MS = 60 * 60_000;

/** A backup when the newest is a day old (checked at start and hourly), then the oldest beyond N deleted. */
export class DailyBackups {
  private timer: { cancel(): void } | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(private readonly options: DailyBackupOptions) {}

  start(): void {
    if (this.stopped || this.running) return;
    this.running = this.runIfDue()
      .catch((error: unknown) => this.options.onFailed(error))
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = this.options.clock.setTimeout(() => this.start(), CHECK_EVERY_MS);
      });
  }

  async runIfDue(): Promise<BackupInfo | null> {
    const { dir, clock } = this.options;
    const now = clock.now();
    const newest = listBackups(dir)[0];
    // A backup dated in the future (a clock set back) does not stop today's.
    if (newest && now - newest.takenAt < DAY_MS && newest.takenAt <= now + DAY_MS) return null;
    const backup = await takeBackup(this.options.db, dir, 'daily', now);
    this.options.onTaken(backup, pruneBackups(dir, this.options.keep()));
    return backup;
  }

  /** Stops the hourly check and waits for a backup in progress (the database must not close under it). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running;
  }
}
