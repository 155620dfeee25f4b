/**
 * Automatic backups with SQLite's online backup API: before a schema upgrade, once a day while the desk runs
 * (the newest N kept), in backups/ beside the database; and `npm run desk -- backups` / `restore-backup`
 * that swap a good backup in for a damaged database, keeping the damaged one aside.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  openSync,
  writeSync,
  closeSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/main/data-dir';
import { createDesk } from '../../src/main/desk';
import { processState } from '../../src/main/desk/desk-lock';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import {
  backupsDirOf,
  DailyBackups,
  listBackups,
  openDeskStore,
  openStore,
  StoreError,
  type BackupInfo,
} from '../../src/main/store';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { ManualClock } from '../helpers/manual-clock';
import { local } from '../helpers/engine-harness';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const HOUR = 60 * 60_000;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'acs-backups-'));
}

function damage(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0x41), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}

/** A desk database with `count` settings rows (enough pages to damage one in the middle), closed. */
function databaseWith(file: string, marker: string, count = 2000): void {
  const store = openStore(file);
  store.transaction(() => {
    for (let index = 0; index < count; index += 1)
      store.settings.setJson(`row-${index}`, `${marker}-${'x'.repeat(60)}`);
  });
  store.settings.setJson('marker', marker);
  store.close();
}

function markerOf(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return JSON.parse(
      db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'marker'").get()!.value,
    );
  } finally {
    db.close();
  }
}

describe('a backup before a schema upgrade', () => {
  const NEXT = [
    ...MIGRATIONS,
    { version: MIGRATIONS.length + 1, name: 'next', up: 'CREATE TABLE next_thing (x)' },
  ];

  it('copies an existing database to backups/ before migrating it, holding the old schema', async () => {
    const file = join(folder(), 'desk.sqlite');
    databaseWith(file, 'before-upgrade', 10);
    const taken: BackupInfo[] = [];
    const store = await openDeskStore(file, {
      migrations: NEXT,
      now: Date.UTC(2026, 10, 24, 4, 0),
      onBackup: (backup) => taken.push(backup),
    });
    store.close();
    expect(taken).toEqual([
      expect.objectContaining({
        reason: 'before-upgrade',
        name: 'desk-20261124T040000000Z-before-upgrade.sqlite',
      }),
    ]);
    const copy = new Database(taken[0]!.file, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'next_thing'").get()).toEqual({
      n: 0,
    });
    copy.close();
    expect(markerOf(taken[0]!.file)).toBe('before-upgrade');
  });

  it('takes none for a new file or one already up to date', async () => {
    const file = join(folder(), 'desk.sqlite');
    const taken: BackupInfo[] = [];
    (await openDeskStore(file, { now: 0, onBackup: (b) => taken.push(b) })).close();
    (await openDeskStore(file, { now: 0, onBackup: (b) => taken.push(b) })).close();
    expect(taken).toEqual([]);
    expect(existsSync(backupsDirOf(file))).toBe(false);
  });
});

describe('daily backups', () => {
  function daily(file: string, clock: ManualClock, keep = 7) {
    const store = openStore(file);
    cleanup.push(() => store.close());
    const events: string[] = [];
    const backups = new DailyBackups({
      db: store.db,
      dir: backupsDirOf(file),
      keep: () => keep,
      clock,
      onTaken: (backup, removed) => events.push(`taken ${backup.name}, removed ${removed.length}`),
      onFailed: (error) => events.push(`failed ${String(error)}`),
    });
    return { store, backups, events };
  }

  it('takes one when the newest is a day old, none sooner, and keeps only the newest N', async () => {
    const file = join(folder(), 'desk.sqlite');
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 4, 30));
    const { backups, events } = daily(file, clock, 3);
    expect(await backups.runIfDue()).not.toBeNull();
    clock.advance(23 * HOUR);
    expect(await backups.runIfDue()).toBeNull();
    for (let day = 0; day < 4; day += 1) {
      clock.advance(25 * HOUR);
      await backups.runIfDue();
    }
    expect(listBackups(backupsDirOf(file))).toHaveLength(3);
    expect(events.at(-1)).toMatch(/removed 1$/);
    expect(listBackups(backupsDirOf(file)).map((backup) => backup.reason)).toEqual([
      'daily',
      'daily',
      'daily',
    ]);
  });

  it('removes the leftovers of a backup that was interrupted', async () => {
    const file = join(folder(), 'desk.sqlite');
    mkdirSync(backupsDirOf(file), { recursive: true });
    writeFileSync(join(backupsDirOf(file), 'desk-20261120T000000000Z-daily.sqlite.partial'), 'half');
    const { backups } = daily(file, new ManualClock());
    await backups.runIfDue();
    expect(readdirSync(backupsDirOf(file)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('says when a backup fails and keeps checking hourly', async () => {
    const file = join(folder(), 'desk.sqlite');
    const clock = new ManualClock();
    const { backups, events } = daily(file, clock);
    // A file where the backups folder should be: the backup cannot be written.
    writeFileSync(backupsDirOf(file), 'not a folder');
    backups.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([expect.stringMatching(/^failed .*EEXIST|ENOTDIR/)]);
    await backups.stop();
  });

  it('a desk takes one at start, in the data folder, and says so in its log', async () => {
    const dataDir = folder();
    const desk = await createDesk({
      dataDir,
      clock: offsetClock(local('2026-11-24T09:00'), systemClock),
      sandbox: { callSeconds: 1 },
    });
    cleanup.push(() => desk.close());
    const until = Date.now() + 5_000;
    while (listBackups(join(dataDir, 'backups')).length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(listBackups(join(dataDir, 'backups'))).toEqual([expect.objectContaining({ reason: 'daily' })]);
    expect((await desk.status({})).log.map((line) => line.message).join('\n')).toMatch(
      /Daily backup: .*backups/,
    );
  });

  it('keeps the number of backups the operator sets, refusing nonsense', async () => {
    const desk = await createDesk({ dataDir: folder(), sandbox: { callSeconds: 1 } });
    cleanup.push(() => desk.close());
    expect((await desk.settings({})).backups).toEqual({ keep: 7 });
    expect((await desk.saveSettings({ backups: { keep: 3 } })).backups).toEqual({ keep: 3 });
    const { parseDeskArgs } = await import('../../src/shared/contract');
    expect(() => parseDeskArgs('saveSettings', { backups: { keep: 0 } })).toThrow(/backups\.keep/);
    expect(() => parseDeskArgs('saveSettings', { backups: { keep: 2.5 } })).toThrow(/backups\.keep/);
  });
});

describe('npm run desk -- backups / restore-backup', () => {
  function desk(dataDir: string, ...args: string[]) {
    const result = spawnSync(TSX, [join(ROOT, 'src/main/cli/desk.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ACS_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Why the store refuses to open `file`; null when it opens. */
  function openingError(file: string): StoreError | null {
    try {
      openStore(file).close();
      return null;
    } catch (error) {
      return error as StoreError;
    }
  }

  /** A data folder with a good backup (marker "good") and then a newer database (marker "newer"). */
  async function folderWithBackup(): Promise<{ dataDir: string; file: string }> {
    const dataDir = folder();
    const file = databasePath(dataDir);
    databaseWith(file, 'good');
    const store = openStore(file);
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 4, 30));
    await new DailyBackups({
      db: store.db,
      dir: backupsDirOf(file),
      keep: () => 7,
      clock,
      onTaken: () => undefined,
      onFailed: () => undefined,
    }).runIfDue();
    store.settings.setJson('marker', 'newer');
    store.close();
    return { dataDir, file };
  }

  it('swaps the newest good backup in for a damaged database, keeping the damaged one (and its WAL) aside', async () => {
    const { dataDir, file } = await folderWithBackup();
    damage(file);
    writeFileSync(`${file}-wal`, 'a stale write-ahead log that must not be replayed onto the backup');
    const opened = openingError(file);
    expect(opened?.message).toContain('npm run desk -- restore-backup');

    const listing = desk(dataDir, 'backups');
    expect(listing.code).toBe(0);
    expect(listing.stdout).toMatch(/DAMAGED/);
    expect(listing.stdout).toMatch(/desk-20261124T043000000Z-daily\.sqlite .* daily .* ok/);

    const restored = desk(dataDir, 'restore-backup', '--json');
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const outcome = JSON.parse(restored.stdout) as { restored: string; keptAside: string[] };
    expect(outcome.restored).toContain('desk-20261124T043000000Z-daily.sqlite');
    expect(outcome.keptAside[0]).toMatch(/^desk\.sqlite\.damaged-\d{8}T\d{9}Z$/);
    expect(outcome.keptAside).toContain(`${outcome.keptAside[0]}-wal`);
    expect(existsSync(`${file}-wal`)).toBe(false);
    for (const name of outcome.keptAside) expect(existsSync(join(dataDir, name))).toBe(true);
    expect(markerOf(file)).toBe('good');
    openStore(file).close();
  });

  it('refuses to start on a database file emptied to 0 bytes while a good backup exists, and restores it', async () => {
    // Probe of issue 12: an emptied desk.sqlite (a failed copy, a tool that truncated it) opened as a new,
    // empty desk — every order and call forgotten without a word, and the next daily backup copied the void.
    const { dataDir, file } = await folderWithBackup();
    writeFileSync(file, '');
    const opened = openingError(file);
    expect(opened).toMatchObject({ kind: 'corrupt', file });
    expect(opened?.message).toContain(`The desk database ${file} is damaged (the file is empty: 0 bytes)`);
    expect(opened?.message).toContain('npm run desk -- restore-backup');

    const restored = desk(dataDir, 'restore-backup', '--json');
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(markerOf(file)).toBe('good');
  });

  it('refuses to replace a whole database without --force, and restores a named backup with it', async () => {
    const { dataDir, file } = await folderWithBackup();
    const refused = desk(dataDir, 'restore-backup');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /is not damaged: restoring .* would drop everything recorded since it was taken\. Add --force/,
    );
    expect(markerOf(file)).toBe('newer');
    const forced = desk(dataDir, 'restore-backup', 'desk-20261124T043000000Z-daily.sqlite', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Kept aside in .*: desk\.sqlite\.replaced-/);
    expect(markerOf(file)).toBe('good');
  });

  it('refuses a damaged or unknown backup, and refuses while a desk has the folder', async () => {
    const { dataDir, file } = await folderWithBackup();
    damage(file);
    const [backup] = listBackups(backupsDirOf(file));
    const unknown = desk(dataDir, 'restore-backup', 'nope.sqlite');
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/No backup "nope\.sqlite"/) });
    const holder: ChildProcess = spawn('sleep', ['30'], { stdio: 'ignore' });
    cleanup.push(() => holder.kill('SIGKILL'));
    const state = processState(holder.pid!);
    writeFileSync(
      join(dataDir, 'desk.lock'),
      JSON.stringify({ pid: holder.pid, started: state.state === 'running' ? state.started : null }),
    );
    const locked = desk(dataDir, 'restore-backup');
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/already using .* A backup can only be restored while the desk is closed/);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    damage(backup!.file);
    const damaged = desk(dataDir, 'restore-backup', backup!.name);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/is damaged too/);
  });
});
