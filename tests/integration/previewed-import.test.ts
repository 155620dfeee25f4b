/**
 * The console previews a file, then imports it: the import merges what the preview staged instead of reading
 * the file again, with exactly the result a fresh import gives; anything else in between makes it read anew.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderInput } from '../../src/main/domain/order';
import { headerSignature, importCsv } from '../../src/main/intake/csv';
import { CHUNK_ROWS } from '../../src/main/intake/csv/import';
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

describe('a re-import of the file last imported', () => {
  /** The store's staging areas made from now on: one per file read, none when an import reads nothing. */
  function countReads(): { readonly count: number } {
    const made = vi.spyOn(store.orders, 'staging');
    return {
      get count() {
        return made.mock.calls.length;
      },
    };
  }

  it.each(['broken-rows.csv', 'duplicate-awbs.csv', 'messy-phones.csv', 'panel-comma.csv'])(
    'of %s with no order written since answers what reading it again gives, without reading it',
    async (name) => {
      const files = new PreviewedImports(store);
      await files.import(fixture(name), { ...options, now: NOW });
      const reads = countReads();
      const again = await files.import(fixture(name), { ...options, now: NOW + 60_000 });
      importCsv(fresh, fixture(name), { region: 'IN', now: NOW });
      expect(again).toEqual(importCsv(fresh, fixture(name), { region: 'IN', now: NOW + 60_000 }));
      expect(reads.count).toBe(0);
      expect(store.orders.list()).toEqual(fresh.orders.list());
    },
  );

  it('after its preview, also answers without merging anything', async () => {
    const files = new PreviewedImports(store);
    await files.import(fixture('panel-comma.csv'), { ...options, now: NOW });
    const generation = store.orders.generation();
    await files.preview(fixture('panel-comma.csv'), options);
    expect(await files.import(fixture('panel-comma.csv'), { ...options, now: NOW + 1 })).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 8,
    });
    expect(store.orders.generation()).toBe(generation);
  });

  it('reads the file again when a sync changed one of its orders in between, and puts it back', async () => {
    const files = new PreviewedImports(store);
    await files.import(fixture('panel-comma.csv'), { ...options, now: NOW });
    store.orders.applyStatusChanges(
      [{ awb: '1333110020164', type: 'Delivered', rawStatus: 'Delivered' }],
      NOW,
    );
    const reads = countReads();
    const again = await files.import(fixture('panel-comma.csv'), { ...options, now: NOW + 1 });
    expect(reads.count).toBe(1);
    expect(again).toMatchObject({ added: 0, updated: 1, unchanged: 7 });
    expect(again.typeChanges).toEqual([{ awb: '1333110020164', from: 'Delivered', to: 'OFD' }]);
    expect(store.orders.get('1333110020164')).toMatchObject({ type: 'OFD', rawStatus: 'Out for delivery' });
  });

  it('reads the file again when another connection edited an order in between', async () => {
    const files = new PreviewedImports(store);
    await files.import(fixture('panel-comma.csv'), { ...options, now: NOW });
    const other = openStore(join(dir, 'desk.sqlite'));
    try {
      other.db.prepare("UPDATE orders SET customer = 'Someone Else' WHERE awb = '1333110020165'").run();
    } finally {
      other.close();
    }
    const again = await files.import(fixture('panel-comma.csv'), { ...options, now: NOW + 1 });
    expect(again).toMatchObject({ updated: 1, unchanged: 7 });
    expect(store.orders.get('1333110020165')).toMatchObject({ customer: 'Priya Sharma' });
  });

  it('reads the file again when an order was removed in between, and adds it back', async () => {
    const files = new PreviewedImports(store);
    await files.import(fixture('with-city.csv'), { ...options, now: NOW });
    store.db.prepare("DELETE FROM orders WHERE awb = '1333110030002'").run();
    expect(await files.import(fixture('with-city.csv'), { ...options, now: NOW + 1 })).toMatchObject({
      added: 1,
      unchanged: 1,
    });
    expect(store.orders.count()).toBe(2);
  });

  it('reads a file that differs by one byte', async () => {
    const files = new PreviewedImports(store);
    const file = fixture('panel-comma.csv');
    await files.import(file, { ...options, now: NOW });
    const changed = Buffer.from(file);
    changed[changed.indexOf('Raj Kumar')] = 'T'.charCodeAt(0);
    const reads = countReads();
    expect(await files.import(changed, { ...options, now: NOW + 1 })).toMatchObject({
      updated: 1,
      unchanged: 7,
    });
    expect(reads.count).toBe(1);
    expect(store.orders.get('1333110020164')).toMatchObject({ customer: 'Taj Kumar' });
  });

  it('reads the file again when another file was imported in between', async () => {
    const files = new PreviewedImports(store);
    await files.import(fixture('panel-comma.csv'), { ...options, now: NOW });
    await files.preview(fixture('with-city.csv'), options);
    await files.import(fixture('with-city.csv'), { ...options, now: NOW });
    const reads = countReads();
    expect(await files.import(fixture('panel-comma.csv'), { ...options, now: NOW + 1 })).toMatchObject({
      unchanged: 8,
    });
    expect(reads.count).toBe(1);
  });

  it('reads the file again with other corrections, or when its headers are now remembered another way', async () => {
    const files = new PreviewedImports(store);
    await files.import(fixture('panel-comma.csv'), { ...options, now: NOW });
    const changedMapping = await files.import(fixture('panel-comma.csv'), {
      ...options,
      mapping: { courier: null },
      now: NOW + 1,
    });
    expect(changedMapping).toMatchObject({ updated: 8 });
    // Another file with these headers, imported with other corrections that wrote no order, changed what
    // these headers are read with: the file is read the new way.
    const headers = 'AWB No,Customer Name,Mobile,Address,Pincode,COD Amount,Current Status,Order ID,Courier';
    const signature = headerSignature(headers.split(','));
    const remembered = store.settings.getJson<Record<string, string | null>>(`csv.mapping:${signature}`)!;
    expect(remembered.courier).toBeNull();
    store.settings.setJson(`csv.mapping:${signature}`, { ...remembered, orderId: null });
    const reads = countReads();
    expect(
      await files.import(fixture('panel-comma.csv'), {
        ...options,
        mapping: { courier: null },
        now: NOW + 2,
      }),
    ).toMatchObject({ updated: 8 });
    expect(reads.count).toBe(1);
    expect(store.orders.get('1333110020164')).toMatchObject({ orderId: null, courier: null });
  });
});

describe('the orders write count', () => {
  it('moves with every insert, update and delete of an order, whoever makes it, and with nothing else', () => {
    const counts = [store.orders.generation()];
    const note = () => counts.push(store.orders.generation());
    store.orders.upsertMany([orderInput('W1'), orderInput('W2')], NOW);
    note();
    store.orders.upsertMany([orderInput('W1')], NOW); // the same order again: no write
    note();
    store.orders.applyStatusChanges([{ awb: 'W1', type: 'Delivered', rawStatus: 'Delivered' }], NOW);
    note();
    store.db.prepare("UPDATE orders SET city = 'Pune' WHERE awb = 'W2'").run();
    note();
    store.db.prepare("DELETE FROM orders WHERE awb = 'W2'").run();
    note();
    store.settings.setJson('anything', 1);
    note();
    expect(counts).toEqual([0, 2, 2, 3, 4, 5, 5]);
  });

  it('is not vouched for by an import that another write to the orders came between two chunks of', async () => {
    const lines = ['AWB,Mobile,Status'];
    for (let row = 0; row < CHUNK_ROWS + 10; row += 1)
      lines.push(`GAP${row},98765${String(row).padStart(5, '0')},OFD`);
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    const staging = store.orders.staging.bind(store.orders);
    store.orders.staging = () => {
      const real = staging();
      const mergeNext = real.mergeNext.bind(real);
      let merges = 0;
      real.mergeNext = (rows, now) => {
        merges += 1;
        // The dialler's connection marks an order of the first chunk delivered before the second is merged.
        if (merges === 2) {
          const other = openStore(join(dir, 'desk.sqlite'));
          other.orders.applyStatusChanges([{ awb: 'GAP1', type: 'Delivered', rawStatus: 'Delivered' }], NOW);
          other.close();
        }
        return mergeNext(rows, now);
      };
      return real;
    };
    const files = new PreviewedImports(store);
    expect(await files.import(csv, { ...options, now: NOW })).toMatchObject({ added: CHUNK_ROWS + 10 });
    store.orders.staging = staging;
    expect(await files.import(csv, { ...options, now: NOW + 1 })).toMatchObject({
      updated: 1,
      unchanged: CHUNK_ROWS + 9,
    });
  });
});

function orderInput(awb: string): OrderInput {
  return {
    awb,
    orderId: null,
    courier: null,
    customer: 'Test Customer',
    phoneRaw: '9876500001',
    phoneE164: '+919876500001',
    phoneProblem: null,
    type: 'OFD',
    rawStatus: 'Out for delivery',
    address: '',
    city: '',
    pincode: '',
    codAmount: null,
  };
}
