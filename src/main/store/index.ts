/** The store's public face: one SQLite file, one repository per table family. */
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './database';
import { CallRepository } from './calls';
import { OrderRepository } from './orders';
import { SessionRepository } from './sessions';
import { SettingsRepository } from './settings';

export interface Store {
  db: SqliteDatabase;
  orders: OrderRepository;
  calls: CallRepository;
  sessions: SessionRepository;
  settings: SettingsRepository;
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function openStore(file: string, options: OpenDatabaseOptions = {}): Store {
  const db = openDatabase(file, options);
  return {
    db,
    orders: new OrderRepository(db),
    calls: new CallRepository(db),
    sessions: new SessionRepository(db),
    settings: new SettingsRepository(db),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}

export type { UpsertOutcome, TypeChange, StatusChange, OrderStaging } from './orders';
export type { StoredCall, PendingCall, CallResult, CallListQuery } from './calls';
export type { Session, SessionCounts, SessionState, SessionTrigger, SkippedRun } from './sessions';
export type { OpenDatabaseOptions } from './database';
