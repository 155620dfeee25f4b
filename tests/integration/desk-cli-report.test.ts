/**
 * `npm run desk -- report <YYYY-MM-DD> [--json]` as a script or a person runs it: a real process on a temp data
 * folder holding yesterday's calls (the CLI reads the wall clock), the same report as the desk's, one-line
 * errors with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/main/data-dir';
import { addLocalDays, formatLocalDate } from '../../src/main/domain/local-time';
import { openStore } from '../../src/main/store';
import type { DailyReport } from '../../src/shared/desk-types';
import { addCall, addOrder, addSession, CONFIRMED } from '../helpers/call-history';
import { DESK_TZ } from '../helpers/factories';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'acs-cli-report-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function desk(...args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, 'src/main/cli/desk.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ACS_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Yesterday in the desk's zone, with a 10:00 session of two calls: one confirmed, one busy. */
function seedYesterday(): string {
  const day = formatLocalDate(addLocalDays(Date.now(), -1, DESK_TZ), DESK_TZ);
  const store = openStore(databasePath(dataDir));
  addOrder(store, 'AWB1', 'OFD', '+919876500001');
  addOrder(store, 'AWB2', 'OFD', '+919876500002');
  const session = addSession(store, `${day}T10:00`);
  addCall(store, session, { at: `${day}T10:00`, awbs: ['AWB1'], result: { ...CONFIRMED, cost: 0.5 } });
  addCall(store, session, { at: `${day}T10:01`, awbs: ['AWB2'], phone: '+919876500002' });
  store.settings.setJson('answers', { usdToInr: 80 });
  store.close();
  return day;
}

describe('npm run desk -- report', () => {
  it('prints the day as JSON: the session table, breakdowns and totals at the saved rupee rate', () => {
    const day = seedYesterday();
    const run = desk('report', day, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DailyReport;
    expect(report).toMatchObject({ date: day, timezone: DESK_TZ, usdToInr: 80 });
    expect(report.sessions).toEqual([
      expect.objectContaining({ calls: 2, newCalls: 2, retryCalls: 0, successful: 1, failed: 1, errors: 0 }),
    ]);
    expect(report.outcomes).toMatchObject({ answered: 1, busy: 1 });
    expect(report.answers).toMatchObject({ confirmed: 1 });
    expect(report.totals).toMatchObject({ calls: 2, successRate: 0.5, costUsd: 0.55, costInr: 44 });
  });

  it('prints a readable table without --json', () => {
    const day = seedYesterday();
    const run = desk('report', day);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Daily report for ${day} (Asia/Kolkata)`);
    expect(lines).toContain(
      'Session  Trigger    State      Calls  New  Retries  Successful  Failed  Errors   Cost',
    );
    expect(lines).toContain(
      '10:00    Scheduled  completed      2    2        0           1       1       0  $0.55',
    );
    expect(run.stdout).toContain('Success rate 50% · 1 order confirmed · 2 calls per order confirmed');
    expect(run.stdout).toContain('Cost ₹44.00 ($0.55 at ₹80 per $) · average talk time 0:40 from pick-up');
    expect(lines).toContain('Busy                     1');
  });

  it('says when a day has no calls', () => {
    const run = desk('report', '2020-01-01');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No calls on 2020-01-01.');
    expect(run.stdout).toContain('history is kept 180 days');
  });

  it('refuses a day that is not one, in one line, with exit code 2', () => {
    const run = desk('report', '2026-02-30');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('date: 2026-02-30 is not a day on the calendar\n');
    expect(desk('report', 'a', 'b').stderr).toMatch(/^report takes at most one day/);
  });
});
