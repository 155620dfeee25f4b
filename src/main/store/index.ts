/**
 * The store's public face: one SQLite file, one repository per table family. Every failure of a repository
 * or a transaction reaches the caller as a StoreError naming the file (disk full, read-only, corrupt, …),
 * and is told to `onError` first, so the desk can turn a run of them into one alert (desk/store-health.ts).
 */
import { backupsDirOf, takeBackup, type BackupInfo } from './backup';
import { ActionRepository } from './actions';
import { CallRepository } from './calls';
import { CallSummaryRepository } from './call-summaries';
import {
  migrate,
  openDatabase,
  restoreAdvice,
  pendingMigrations,
  schemaVersion,
  type OpenDatabaseOptions,
  type SqliteDatabase,
} from './database';
import { classifyStoreError, StoreError, toStoreError } from './errors';
import { MIGRATIONS } from './migrations';
import { OrderRepository } from './orders';
import { ReportRepository } from './reports';
import { RetentionRepository } from './retention';
import { SessionRepository } from './sessions';
import { SettingsRepository } from './settings';

export interface Store {
  db: SqliteDatabase;
  /** The database file's path. */
  file: string;
  orders: OrderRepository;
  calls: CallRepository;
  /** What the history says of each order and number (kept by triggers): what planning reads. */
  callSummaries: CallSummaryRepository;
  actions: ActionRepository;
  sessions: SessionRepository;
  settings: SettingsRepository;
  /** One day's calls, sessions and actions for the daily report. */
  reports: ReportRepository;
  /** Removing call history older than the kept days. */
  retention: RetentionRepository;
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenStoreOptions extends OpenDatabaseOptions {
  /** Told of every store failure at run time, as the StoreError the caller is about to get. */
  onError?: (error: StoreError) => void;
}

type Failure = (error: unknown) => unknown;

/**
 * Turns a store failure into a StoreError (told to `onError` once, where it first became one); a file found
 * damaged while running gets the same restore advice as at open, looked up once.
 */
function failures(file: string, options: OpenStoreOptions): Failure {
  let advice: string | undefined;
  return (error) => {
    if (error instanceof StoreError || classifyStoreError(error) === null) return error;
    if (classifyStoreError(error) === 'corrupt') advice ??= restoreAdvice(file, options.nativeBinding);
    const asStore = toStoreError(error, file, advice)!;
    options.onError?.(asStore);
    return asStore;
  };
}

/** The repository with every method's store failures turned into StoreErrors. */
function guarded<T extends object>(repository: T, failureOf: Failure): T {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          throw failureOf(error);
        }
      };
    },
  });
}

function storeOver(db: SqliteDatabase, file: string, options: OpenStoreOptions): Store {
  const failureOf = failures(file, options);
  return {
    db,
    file,
    orders: guarded(new OrderRepository(db), failureOf),
    calls: guarded(new CallRepository(db), failureOf),
    callSummaries: guarded(new CallSummaryRepository(db), failureOf),
    actions: guarded(new ActionRepository(db), failureOf),
    sessions: guarded(new SessionRepository(db), failureOf),
    settings: guarded(new SettingsRepository(db), failureOf),
    reports: guarded(new ReportRepository(db), failureOf),
    retention: guarded(new RetentionRepository(db), failureOf),
    transaction: (fn) => {
      try {
        return db.transaction(fn)();
      } catch (error) {
        throw failureOf(error);
      }
    },
    close: () => db.close(),
  };
}

export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  return storeOver(openDatabase(file, options), file, options);
}

/**
 * The desk's way in: like openStore, but an existing database with migrations to apply is first copied to
 * `backups/` with SQLite's online backup API (`onBackup` is told), so a failed or regretted upgrade can be
 * undone with `npm run desk -- restore-backup`.
 */
export async function openDeskStore(
  file: string,
  options: OpenStoreOptions & { now: number; onBackup?: (backup: BackupInfo) => void },
): Promise<Store> {
  const migrations = options.migrations ?? MIGRATIONS;
  const db = openDatabase(file, { ...options, migrate: false });
  try {
    // A new, empty file (version 0) has nothing worth keeping.
    if (schemaVersion(db) > 0 && pendingMigrations(db, migrations).length > 0) {
      options.onBackup?.(await takeBackup(db, backupsDirOf(file), 'before-upgrade', options.now));
    }
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw toStoreError(error, file) ?? error;
  }
  return storeOver(db, file, options);
}

export type { UpsertOutcome, TypeChange, StatusChange, OrderStaging } from './orders';
export type { StoredCall, PendingCall, CallResult, CallListQuery, CallProviderKind } from './calls';
export type { ActionDraft, ActionQuery } from './actions';
export type { OrderCallSummary } from './call-summaries';
export { readPlanningInput, type PlanningInput } from './plan-input';
export type { RetentionBatch, RetentionCursor } from './retention';
export type { Session, SessionCounts, SessionState, SessionTrigger, SkippedRun } from './sessions';
export type { OpenDatabaseOptions } from './database';
export {
  StoreError,
  STORE_ERROR_KINDS,
  classifyStoreError,
  toStoreError,
  type StoreErrorKind,
} from './errors';
export {
  BACKUPS_FOLDER,
  DailyBackups,
  backupsDirOf,
  checkDatabaseFile,
  findBackup,
  listBackups,
  newestGoodBackup,
  planRestore,
  pruneBackups,
  swapInBackup,
  takeBackup,
  type BackupInfo,
  type RestorePlan,
} from './backup';
