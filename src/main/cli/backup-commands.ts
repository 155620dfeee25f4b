/**
 * `npm run desk -- backups` and `npm run desk -- restore-backup [<file>] [--force]`: the database backups in
 * the data folder, each checked with SQLite's integrity check, and swapping one in place of the database
 * while no desk runs (the desk's own lock is taken, so a running app or host refuses the swap). The file
 * replaced is kept aside, never deleted: a damaged database (`.damaged-<time>`) or, with --force, a whole one
 * (`.replaced-<time>`).
 */
import { basename } from 'node:path';
import { databasePath } from '../data-dir';
import { acquireDeskLock, DeskLockedError } from '../desk/desk-lock';
import {
  backupsDirOf,
  checkDatabaseFile,
  findBackup,
  listBackups,
  newestGoodBackup,
  planRestore,
  swapInBackup,
} from '../store';
import { MIGRATIONS } from '../store/migrations';

export interface BackupLine {
  name: string;
  file: string;
  takenAt: string;
  reason: string;
  bytes: number;
  /** 'ok' or why SQLite's integrity check refuses it. */
  check: string;
  schemaVersion: number | null;
}

export interface BackupListing {
  database: { file: string; check: string };
  folder: string;
  backups: BackupLine[];
}

export interface RestoreOutcome {
  restored: string;
  takenAt: string | null;
  /** The files moved aside (the previous database and its -wal/-shm), in the data folder. */
  keptAside: string[];
}

/** A refusal the operator can act on; the CLI prints it as one line and exits 2. */
export class BackupCommandError extends Error {}

const NEWEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

export function listDeskBackups(dataDir: string): BackupListing {
  const file = databasePath(dataDir);
  const current = checkDatabaseFile(file);
  return {
    database: { file, check: current.ok ? 'ok' : current.problem },
    folder: backupsDirOf(file),
    backups: listBackups(backupsDirOf(file)).map((backup) => {
      const check = checkDatabaseFile(backup.file);
      return {
        name: backup.name,
        file: backup.file,
        takenAt: new Date(backup.takenAt).toISOString(),
        reason: backup.reason,
        bytes: backup.bytes,
        check: check.ok ? 'ok' : check.problem,
        schemaVersion: check.ok ? check.schemaVersion : null,
      };
    }),
  };
}

export function formatBackups(listing: BackupListing): string {
  const lines = [
    `Database ${listing.database.file}: ${listing.database.check === 'ok' ? 'ok' : `DAMAGED (${listing.database.check})`}`,
  ];
  if (listing.backups.length === 0) {
    lines.push(
      `No backups in ${listing.folder} yet (one is taken daily while the desk runs, and before upgrades).`,
    );
  } else {
    lines.push(`Backups in ${listing.folder}, newest first:`);
    for (const backup of listing.backups) {
      const size = `${Math.max(1, Math.round(backup.bytes / 1024))} KB`;
      const state = backup.check === 'ok' ? 'ok' : `damaged: ${backup.check}`;
      lines.push(`  ${backup.name}  ${backup.takenAt}  ${backup.reason}  ${size}  ${state}`);
    }
    lines.push('Restore one with: npm run desk -- restore-backup [<name>]  (the newest good one by default)');
  }
  return `${lines.join('\n')}\n`;
}

export function restoreDeskBackup(
  dataDir: string,
  choice: string | undefined,
  options: { force: boolean; now: number },
): RestoreOutcome {
  const file = databasePath(dataDir);
  let lock;
  try {
    lock = acquireDeskLock(dataDir);
  } catch (error) {
    if (error instanceof DeskLockedError) {
      throw new BackupCommandError(
        `${error.message}. A backup can only be restored while the desk is closed.`,
      );
    }
    throw error;
  }
  try {
    let backup: string;
    let takenAt: string | null = null;
    if (choice !== undefined) {
      const found = findBackup(file, choice);
      if (!found)
        throw new BackupCommandError(`No backup "${choice}" — list them with: npm run desk -- backups`);
      backup = found;
      const listed = listBackups(backupsDirOf(file)).find((entry) => entry.file === found);
      if (listed) takenAt = new Date(listed.takenAt).toISOString();
    } else {
      const newest = newestGoodBackup(backupsDirOf(file));
      if (!newest) throw new BackupCommandError(`No good backup in ${backupsDirOf(file)} to restore.`);
      backup = newest.file;
      takenAt = new Date(newest.takenAt).toISOString();
    }
    const plan = planRestore(file, backup);
    if (!plan.check.ok) {
      throw new BackupCommandError(
        `${backup} is damaged too (${plan.check.problem}); pick another: npm run desk -- backups`,
      );
    }
    if (plan.check.schemaVersion > NEWEST_SCHEMA) {
      throw new BackupCommandError(
        `${backup} was written by a newer version of Auto Call Scheduler (schema ${plan.check.schemaVersion}, this version knows ${NEWEST_SCHEMA}). Update the app first.`,
      );
    }
    if (plan.current !== 'missing' && plan.current.ok && !options.force) {
      throw new BackupCommandError(
        `${file} is not damaged: restoring ${basename(backup)} would drop everything recorded since it was taken. Add --force to restore it anyway (the current file is kept aside).`,
      );
    }
    const label = plan.current !== 'missing' && plan.current.ok ? 'replaced' : 'damaged';
    const keptAside = swapInBackup(file, backup, label, options.now);
    return { restored: backup, takenAt, keptAside };
  } finally {
    lock.release();
  }
}

export function formatRestore(outcome: RestoreOutcome, dataDir: string): string {
  const lines = [
    `Restored ${outcome.restored}${outcome.takenAt ? ` (taken ${outcome.takenAt})` : ''} as ${databasePath(dataDir)}.`,
  ];
  if (outcome.keptAside.length > 0) lines.push(`Kept aside in ${dataDir}: ${outcome.keptAside.join(', ')}.`);
  lines.push('Start the desk again; calls and orders recorded after the backup was taken are not in it.');
  return `${lines.join('\n')}\n`;
}
