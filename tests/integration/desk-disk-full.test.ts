/**
 * A disk that fills up in the middle of a session, for a whole desk in its own process: one attention alert
 * naming the data folder, the scheduler stopped, and no storm of "disk is full" lines (on fc645d7 the same
 * run logged 26 error lines without a path and kept the scheduler running; the issue saw 461 in 4 s).
 *
 * Two ways to fill a disk without filling this machine's: `ulimit -f` (any user: the database's files may
 * not grow past a size; SQLite reports it as an I/O error) and, where the tests run as root and may mount,
 * a 20 MB tmpfs filled up to its last few KB (a real ENOSPC: SQLite's "database or disk is full").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = join(ROOT, 'tests', 'helpers', 'disk-full-desk.ts');

interface LogLine {
  level: string;
  message: string;
}

const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', [dir]);
});

function deskProcess(dataDir: string, phase: 'prepare' | 'run', limit: { kb?: number; fill?: boolean } = {}) {
  const run = `exec "${TSX}" "${SCRIPT}" "${dataDir}" ${phase}${limit.fill ? ' --fill' : ''}`;
  const command = limit.kb === undefined ? run : `trap '' XFSZ; ulimit -f ${limit.kb}; ${run}`;
  const result = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(result.status, result.stderr).toBe(0);
  const lines = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map(
      (line) =>
        JSON.parse(line) as { log?: LogLine; status?: { schedulerRunning: boolean; attention: LogLine[] } },
    );
  return {
    log: lines.flatMap((line) => (line.log ? [line.log] : [])),
    status: lines.find((line) => line.status)?.status,
  };
}

function expectOneAlert(run: ReturnType<typeof deskProcess>, dataDir: string, wording: RegExp): void {
  const storeLines = run.log.filter(
    (line) => /disk|database/i.test(line.message) && !/backup|Secrets/i.test(line.message),
  );
  expect(storeLines).toHaveLength(1);
  expect(storeLines[0]).toMatchObject({ level: 'error' });
  expect(storeLines[0]!.message).toMatch(wording);
  expect(storeLines[0]!.message).toContain(dataDir);
  expect(storeLines[0]!.message).toContain('The scheduler has been stopped.');
  expect(run.log.filter((line) => line.level === 'error')).toHaveLength(1);
  expect(run.status).toMatchObject({ schedulerRunning: false, attention: [storeLines[0]] });
}

// Each test starts two desks in child processes: on a loaded machine that takes a while.
describe.skipIf(process.platform === 'win32')(
  'a disk that fills up mid-session',
  { timeout: 300_000 },
  () => {
    it('gives one alert naming the folder and stops the scheduler (file size limit)', () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'acs-disk-full-'));
      deskProcess(dataDir, 'prepare');
      const limitKb = Math.ceil((statSync(join(dataDir, 'desk.sqlite')).size + 48 * 1024) / 1024);
      const run = deskProcess(dataDir, 'run', { kb: limitKb });
      expectOneAlert(run, dataDir, /desk\.sqlite failed \(disk I\/O error\)\. Check the disk holding/);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('says the disk is full when it really is (a small tmpfs; root only)', (context) => {
      if (process.getuid?.() !== 0) context.skip();
      const dataDir = mkdtempSync(join(tmpdir(), 'acs-disk-full-'));
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', dataDir]).status !== 0)
        context.skip();
      mounted.push(dataDir);
      deskProcess(dataDir, 'prepare');
      const run = deskProcess(dataDir, 'run', { fill: true });
      expectOneAlert(run, dataDir, new RegExp(`The disk holding ${dataDir} is full`));
    });
  },
);
