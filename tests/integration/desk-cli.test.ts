/**
 * `npm run desk` as a script would run it: a real process on a temp data folder (ACS_DATA_DIR), JSON
 * out, one-line errors with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/store';

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

describe('npm run desk', () => {
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
