/**
 * `npm run desk` as a script would run it: a real process on a temp data folder (ACS_DATA_DIR), JSON
 * out, one-line errors with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/main/data-dir';
import { openStore } from '../../src/main/store';
import { at, makeOrderInput } from '../helpers/factories';
import { addLocalDays, formatLocalDate } from '../../src/main/domain/local-time';
import type { DailyReport } from '../../src/shared/desk-types';
import { addCall, addOrder, addSession, CONFIRMED } from '../helpers/call-history';
import { DESK_TZ } from '../helpers/factories';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'csv');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'acs-cli-'));
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

// Each test starts tsx processes one after another (a few seconds each on a busy two-core machine).
describe('npm run desk', { timeout: 120_000 }, () => {
  it('imports a CSV and prints the result as JSON; a second import changes nothing', () => {
    const first = desk('import', join(FIXTURES, 'broken-rows.csv'), '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      read: 7,
      added: 2,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          line: 3,
          reason: '7 fields where the header has 6. Is there an unquoted separator in an address or name?',
        },
        { line: 4, reason: 'no AWB' },
        { line: 5, reason: 'no phone for AWB BR1000004' },
        { line: 6, reason: 'COD amount "abc" is not an amount (AWB BR1000005)' },
        { line: 8, reason: 'a quote (") opened in this row is never closed; fix the quotes in this row' },
      ],
      superseded: [],
    });
    const second = JSON.parse(desk('import', join(FIXTURES, 'broken-rows.csv'), '--json').stdout);
    expect(second).toMatchObject({ read: 7, added: 0, updated: 0, unchanged: 2 });
  });

  it('lists the cached orders with their calling state', () => {
    desk('import', join(FIXTURES, 'statuses.csv'));
    desk('import', join(FIXTURES, 'messy-phones.csv'));
    const listed = desk('orders', '--json');
    expect(listed.code).toBe(0);
    const orders = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(orders).toHaveLength(22);
    expect(orders.find((order) => order.awb === 'ST8000001')).toEqual({
      awb: 'ST8000001',
      customer: 'A One',
      type: 'OFD',
      rawStatus: 'Out for delivery',
      phone: '9876500101',
      phoneE164: '+919876500101',
      phoneProblem: null,
      attempts: 0,
      state: 'queued',
    });
    expect(orders.find((order) => order.awb === 'ST8000008')).toMatchObject({
      type: 'Unknown',
      rawStatus: 'Cancelled',
      state: 'not callable',
    });
    expect(orders.find((order) => order.awb === 'PH7000002')).toMatchObject({
      phoneE164: null,
      phoneProblem: 'not a number (N/A)',
      state: 'invalid phone',
    });
  });

  it('lists only the orders of one state, or those a search finds', () => {
    desk('import', join(FIXTURES, 'statuses.csv'));
    desk('import', join(FIXTURES, 'messy-phones.csv'));
    const all = JSON.parse(desk('orders', '--json').stdout) as { awb: string; state: string }[];
    const invalid = JSON.parse(desk('orders', '--json', '--state', 'invalidPhone').stdout) as typeof all;
    expect(invalid.map((order) => order.awb)).toEqual(
      all.filter((order) => order.state === 'invalid phone').map((order) => order.awb),
    );
    expect(invalid.length).toBeGreaterThan(0);
    const found = JSON.parse(desk('orders', '--json', '--search', 'st8000008').stdout) as typeof all;
    expect(found.map((order) => order.awb)).toEqual(['ST8000008']);
    const refused = desk('orders', '--state', 'sleeping');
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toMatch(/^--state must be one of all, queued, cooldown, /);
  });

  it('prints a readable table without --json', () => {
    desk('import', join(FIXTURES, 'panel-comma.csv'));
    const table = desk('orders').stdout.split('\n');
    expect(table[0]).toMatch(/^AWB\s+Customer\s+Type\s+Phone\s+Attempts\s+State$/);
    expect(table.find((line) => line.startsWith('1333110020169'))).toMatch(
      /Delivered\s+\+919876500006\s+0\s+not callable$/,
    );
  });

  it('never prints terminal escape sequences from a customer name, even one stored before intake cleaned them', () => {
    desk('import', join(FIXTURES, 'panel-comma.csv'));
    const store = openStore(join(dataDir, 'desk.sqlite'));
    store.db
      .prepare('UPDATE orders SET customer = ? WHERE awb = ?')
      .run('\u001b[2J\u001b]0;owned\u0007Raj\u0000 Kumar', '1333110020164');
    store.close();
    for (const output of [desk('orders').stdout, desk('orders', '--json').stdout]) {
      // eslint-disable-next-line no-control-regex
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(output).toContain('Raj Kumar');
    }
  });

  it('imports with a --mapping the operator gives', () => {
    const result = desk(
      'import',
      join(FIXTURES, 'custom-headers.csv'),
      '--mapping',
      'awb=Ref,phone=Tel 1,type=Stage,customer=Client',
    );
    expect(result).toMatchObject({
      code: 0,
      stdout: '2 rows read: 2 added, 0 updated, 0 unchanged, 0 rejected\n',
    });
    const store = openStore(join(dataDir, 'desk.sqlite'));
    expect(store.orders.get('CH1200001')).toMatchObject({ customer: 'Nikhil Bose', type: 'OFD' });
    store.close();
  });

  it.each([
    [['import', 'missing.csv'], 'cannot read missing.csv: no such file'],
    [
      ['import', join(FIXTURES, 'custom-headers.csv')],
      'No AWB or Phone column found: choose the columns that hold them (columns: Ref, Client, Tel 1, Where, Stage) — name them with --mapping field=Header,...',
    ],
    [
      ['import', join(FIXTURES, 'panel-comma.csv'), '--mapping', 'phone=Telephone'],
      'Phone: this file has no column "Telephone"',
    ],
    [['launch'], 'unknown command "launch"'],
  ])('fails %j with one line and exit code 2', (args, message) => {
    const result = desk(...args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

describe('npm run desk -- actions', () => {
  /** Three orders' actions, one of them done. */
  function seedActions(): void {
    const store = openStore(databasePath(dataDir));
    const none = { date: null, time: null, address: null, landmark: null, notes: null };
    store.orders.upsertMany(
      [
        makeOrderInput({ awb: 'AWB6000001', customer: 'Raj Kumar' }),
        makeOrderInput({ awb: 'AWB6000002', customer: 'प्रिया शर्मा' }),
        makeOrderInput({ awb: 'AWB6000003', customer: 'Amit Das' }),
      ],
      at('2026-11-24T09:00'),
    );
    store.actions.raise(
      null,
      ['AWB6000001'],
      { ...none, kind: 'reschedule', date: '2026-11-26', time: '15:00' },
      at('2026-11-24T10:05'),
    );
    store.actions.raise(
      null,
      ['AWB6000002'],
      { ...none, kind: 'address-change', address: '4 Park Street', landmark: 'near the temple' },
      at('2026-11-24T10:06'),
    );
    const [done] = store.actions.raise(
      null,
      ['AWB6000003'],
      { ...none, kind: 'cancel' },
      at('2026-11-24T10:07'),
    );
    store.actions.markDone(done!, at('2026-11-24T10:30'), 'told the courier');
    store.close();
  }

  it('lists the open actions as JSON, newest first', () => {
    seedActions();
    const listed = desk('actions', '--json');
    expect(listed.code).toBe(0);
    const actions = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(actions.map((action) => [action.awb, action.kind, action.state])).toEqual([
      ['AWB6000002', 'address-change', 'open'],
      ['AWB6000001', 'reschedule', 'open'],
    ]);
    expect(actions[1]).toMatchObject({
      customer: 'Raj Kumar',
      phoneE164: '+919876500001',
      date: '2026-11-26',
      time: '15:00',
      writeback: { state: 'none', attempts: 0 },
    });
  });

  it('prints them as a table in the desk’s words, with the count', () => {
    seedActions();
    const listed = desk('actions');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Raised\s+Action\s+AWB\s+Customer\s+Phone\s+Details\s+Courier$/);
    expect(lines[1]).toMatch(
      /^2026-11-24 10:06\s+New address\s+AWB6000002\s+प्रिया शर्मा\s+\+919876500001\s+to 4 Park Street \(near the temple\)\s+Not sent$/,
    );
    expect(lines[2]).toMatch(
      /^2026-11-24 10:05\s+Deliver another day\s+AWB6000001\s+Raj Kumar\s+.*2026-11-26 15:00\s+Not sent$/,
    );
    expect(lines.at(-1)).toBe('2 open actions');
  });

  it('refuses arguments it does not take', () => {
    const refused = desk('actions', 'extra');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('actions takes no arguments');
  });
});

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
