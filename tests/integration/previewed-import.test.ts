/**
 * The console previews a file, then imports it: the import merges what the preview staged instead of reading
 * the file again, with exactly the result a fresh import gives; anything else in between makes it read anew.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/main/intake/csv';
import { PreviewedImports } from '../../src/main/intake/orders-file';
import { openStore, type Store } from '../../src/main/store';

const FIXTURES = join(__dirname, '..', 'fixtures', 'csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const NOW = Date.UTC(2026, 10, 24, 4, 0);

let dir: string;
let store: Store;
let fresh: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-previewed-'));
  store = openStore(join(dir, 'desk.sqlite'));
  fresh = openStore(join(dir, 'fresh.sqlite'));
});
afterEach(() => {
  store.close();
  fresh.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = { fileName: 'orders.csv', region: 'IN' };

describe('an import after its preview', () => {
  it.each(['broken-rows.csv', 'duplicate-awbs.csv', 'messy-phones.csv', 'panel-comma.csv', 'with-city.csv'])(
    'of %s gives what a fresh import gives, and stores the same orders',
    async (name) => {
      const files = new PreviewedImports(store);
      await files.preview(fixture(name), options);
      const merged = await files.import(fixture(name), { ...options, now: NOW });
      expect(merged).toEqual(importCsv(fresh, fixture(name), { region: 'IN', now: NOW }));
      expect(store.orders.list()).toEqual(fresh.orders.list());
    },
  );

  it('reads the file again when the mapping changed after the preview', async () => {
    const files = new PreviewedImports(store);
    await files.preview(fixture('panel-comma.csv'), options);
    await files.import(fixture('panel-comma.csv'), { ...options, mapping: { courier: null }, now: NOW });
    expect(store.orders.get('1333110020164')).toMatchObject({ courier: null });
  });

  it('imports another file than the one previewed from that file', async () => {
    const files = new PreviewedImports(store);
    await files.preview(fixture('panel-comma.csv'), options);
    expect(await files.import(fixture('with-city.csv'), { ...options, now: NOW })).toMatchObject({
      added: 2,
    });
    expect(store.orders.count()).toBe(2);
    // The kept preview is gone: importing the previewed file now reads it.
    expect(await files.import(fixture('panel-comma.csv'), { ...options, now: NOW })).toMatchObject({
      added: 8,
    });
  });
});
