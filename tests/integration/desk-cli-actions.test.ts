/**
 * `npm run desk -- actions [--json]` as a script would run it: the open actions in the desk's store, newest
 * first, as the console's ActionView JSON or as a table in the desk's words; done ones are left out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databasePath } from '../../src/main/data-dir';
import { openStore } from '../../src/main/store';
import { at, makeOrderInput } from '../helpers/factories';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'acs-cli-actions-'));
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

it('lists the open actions as JSON, newest first', () => {
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
