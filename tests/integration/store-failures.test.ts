/**
 * A store that fails loudly: every failure at open is a StoreError naming the file (and, for a damaged file,
 * the newest good backup and the command that restores it), and failures at run time — a full disk, a
 * database turned read-only — become ONE attention alert per kind naming the folder, with the scheduler told
 * to stop once, instead of a line per failed write.
 */
import Database from 'better-sqlite3';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreHealth } from '../../src/main/desk/store-health';
import type { LogEntry } from '../../src/main/log';
import {
  backupsDirOf,
  classifyStoreError,
  openStore,
  StoreError,
  takeBackup,
  type Store,
} from '../../src/main/store';
import { makeOrderInput } from '../helpers/factories';

const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) if (store.db.open) store.close();
});

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'acs-store-fail-'));
}

function open(file: string, options: Parameters<typeof openStore>[1] = {}): Store {
  const store = openStore(file, options);
  opened.push(store);
  return store;
}

/** A database with enough rows to span many pages, closed. */
function filledDatabase(file: string, rows = 3000): void {
  const store = openStore(file);
  const inputs = Array.from({ length: rows }, (_, index) =>
    makeOrderInput({ awb: `AWB${100000 + index}`, customer: `Customer ${index} ${'x'.repeat(80)}` }),
  );
  store.orders.upsertMany(inputs, 0);
  store.close();
}

/** Overwrites a run of pages in the middle of the file, as a failing disk or a bad copy would. */
function damage(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0x41), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}

function openError(file: string, options: Parameters<typeof openStore>[1] = {}): StoreError {
  try {
    open(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('the store opened');
}

describe('opening a database that cannot be used', () => {
  it('names a damaged file, the newest good backup and the restore command', async () => {
    const dir = folder();
    const file = join(dir, 'desk.sqlite');
    filledDatabase(file);
    const store = open(file);
    const backup = await takeBackup(store.db, backupsDirOf(file), 'daily', Date.UTC(2026, 10, 24, 5));
    store.close();
    damage(file);

    const error = openError(file);
    expect(error.kind).toBe('corrupt');
    expect(error.file).toBe(file);
    expect(error.message).toContain(`The desk database ${file} is damaged`);
    expect(error.message).toContain(
      `the newest good one is ${backup.file} (taken 2026-11-24T05:00:00.000Z, daily)`,
    );
    expect(error.message).toContain('npm run desk -- restore-backup');
  });

  it('skips damaged backups when naming the newest good one, and says when there is none', async () => {
    const dir = folder();
    const file = join(dir, 'desk.sqlite');
    filledDatabase(file);
    damage(file);
    mkdirSync(backupsDirOf(file));
    writeFileSync(join(backupsDirOf(file), 'desk-20261125T050000000Z-daily.sqlite'), 'not a database at all');
    const error = openError(file);
    expect(error.message).toContain(`No good backup is in ${backupsDirOf(file)}`);
    expect(error.message).toContain(`Move ${file} aside`);
  });

  it('calls a file that is not a database at all damaged, with its path', () => {
    const file = join(folder(), 'desk.sqlite');
    writeFileSync(file, 'PK\u0003\u0004 this is a zip, not a database'.repeat(100));
    const error = openError(file);
    expect(error).toMatchObject({ kind: 'corrupt', file });
    expect(error.message).toMatch(/^The desk database .*desk\.sqlite is damaged \(file is not a database\)/);
  });

  it('refuses a database it cannot write, naming the folder, at open rather than at the first call', () => {
    const dir = folder();
    const file = join(dir, 'desk.sqlite');
    filledDatabase(file, 10);
    const error = openError(file, { readonly: true });
    expect(error.kind).toBe('read-only');
    expect(error.message).toContain(
      `Cannot write to the desk database ${file}: the file or its folder ${dir} is read-only`,
    );
  });

  it.skipIf(process.getuid?.() === 0)(
    'refuses a file made read-only with chmod (not as root, whom chmod does not stop)',
    () => {
      const dir = folder();
      const file = join(dir, 'desk.sqlite');
      filledDatabase(file, 10);
      chmodSync(file, 0o444);
      expect(openError(file).kind).toBe('read-only');
    },
  );

  it('refuses to start on a disk with almost no space left, naming the folder', () => {
    const dir = folder();
    const error = openError(join(dir, 'desk.sqlite'), { freeBytes: () => 900 * 1024 });
    expect(error.kind).toBe('disk-full');
    expect(error.message).toContain(`The disk holding ${dir} is full`);
    expect(error.message).toContain('900 KB free');
  });
});

describe('store failures at run time', () => {
  function healthOf(file: string) {
    const lines: LogEntry[] = [];
    const fatal: string[] = [];
    const health = new StoreHealth({
      file,
      logger: { log: (entry) => lines.push(entry) },
      now: () => 0,
      onFatal: (kind) => fatal.push(kind),
    });
    return { lines, fatal, health, logger: health.quiet({ log: (entry) => lines.push(entry) }) };
  }

  /** What a call follower does on every poll: write progress, and log the failure when it throws. */
  function pollLikeTheEngine(store: Store, logger: { log(entry: LogEntry): void }, times: number): void {
    for (let poll = 0; poll < times; poll += 1) {
      try {
        store.settings.setJson(`progress-${poll}`, { state: 'in-progress', padding: 'y'.repeat(4000) });
      } catch (error) {
        logger.log({
          at: poll,
          level: 'warn',
          message: `Could not read call ${poll} back from the provider: ${(error as Error).message}`,
        });
      }
    }
  }

  it('turns a full disk into one alert naming the folder and one onFatal, not a storm of log lines', () => {
    const dir = folder();
    const file = join(dir, 'desk.sqlite');
    const { lines, fatal, health, logger } = healthOf(file);
    const store = open(file, { onError: (error) => health.report(error) });
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 2}`);

    pollLikeTheEngine(store, logger, 461);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error' });
    expect(lines[0]!.message).toContain(`The disk holding ${dir} is full`);
    expect(lines[0]!.message).toContain('The scheduler has been stopped.');
    expect(fatal).toEqual(['disk-full']);
    expect(health.suppressed).toBeGreaterThan(450);
  });

  it('turns a database that became read-only into one alert and one onFatal', () => {
    const dir = folder();
    const file = join(dir, 'desk.sqlite');
    const { lines, fatal, health, logger } = healthOf(file);
    const store = open(file, { onError: (error) => health.report(error) });
    // What SQLite answers when the file or its disk turned read-only under the running desk.
    store.db.pragma('query_only = ON');

    pollLikeTheEngine(store, logger, 200);

    expect(lines.map((line) => line.message)).toEqual([
      expect.stringContaining(
        `Cannot write to the desk database ${file}: the file or its folder ${dir} is read-only`,
      ),
    ]);
    expect(fatal).toEqual(['read-only']);
  });

  it('gives every store failure the file path, as a StoreError', () => {
    const file = join(folder(), 'desk.sqlite');
    const store = open(file);
    store.db.pragma('query_only = ON');
    expect(() => store.settings.setJson('a', 1)).toThrow(StoreError);
    expect(() => store.transaction(() => store.settings.setJson('a', 1))).toThrow(file);
  });

  it('alerts again after reset (the operator started the scheduler), and warns once for a busy database without stopping', () => {
    const { lines, fatal, health } = healthOf('/data/desk.sqlite');
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    health.report(busy);
    health.report(busy);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('stayed locked by another program'),
    });
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    health.report(full);
    health.report(full);
    health.reset();
    health.report(full);
    expect(fatal).toEqual(['disk-full', 'disk-full']);
    expect(lines).toHaveLength(3);
  });

  it('classifies SQLite and file-system failures, and leaves other errors alone', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(classifyStoreError(coded('SQLITE_FULL'))).toBe('disk-full');
    expect(classifyStoreError(coded('ENOSPC'))).toBe('disk-full');
    expect(classifyStoreError(coded('SQLITE_READONLY_DBMOVED'))).toBe('read-only');
    expect(classifyStoreError(coded('EROFS'))).toBe('read-only');
    expect(classifyStoreError(coded('SQLITE_CORRUPT_INDEX'))).toBe('corrupt');
    expect(classifyStoreError(coded('SQLITE_NOTADB'))).toBe('corrupt');
    expect(classifyStoreError(coded('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
    expect(classifyStoreError(coded('SQLITE_IOERR_WRITE'))).toBe('io');
    expect(classifyStoreError(coded('SQLITE_CONSTRAINT_FOREIGNKEY'))).toBeNull();
    expect(classifyStoreError(new TypeError('x is undefined'))).toBeNull();
    expect(classifyStoreError('could not read call back from the provider: database or disk is full')).toBe(
      'disk-full',
    );
  });

  it('offers the newest good backup when the file turns out damaged while running', async () => {
    const file = join(folder(), 'desk.sqlite');
    const reported: StoreError[] = [];
    const store = open(file, { onError: (error) => reported.push(error) });
    const backup = await takeBackup(store.db, backupsDirOf(file), 'daily', Date.UTC(2026, 10, 24, 5));
    const damaged = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    expect(() =>
      store.transaction(() => {
        throw damaged;
      }),
    ).toThrow(`the newest good one is ${backup.file}`);
    expect(reported).toEqual([expect.objectContaining({ kind: 'corrupt', cause: damaged })]);
  });

  it('leaves errors that are not store failures as they are (a constraint, a bad argument)', () => {
    const reported: StoreError[] = [];
    const store = open(join(folder(), 'desk.sqlite'), { onError: (error) => reported.push(error) });
    store.db.exec('CREATE TABLE t (x UNIQUE)');
    const insert = () => store.transaction(() => store.db.prepare('INSERT INTO t VALUES (1)').run());
    insert();
    expect(insert).toThrow(Database.SqliteError);
    expect(reported).toEqual([]);
  });
});
