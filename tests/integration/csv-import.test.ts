/**
 * CSV intake end to end on a real SQLite file: every file in the messy corpus (tests/fixtures/csv) is
 * previewed and imported, and the stored orders are what the desk should call — or why not.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCallableType } from '../../src/main/domain/order';
import { CsvImportError, importCsv, previewCsv } from '../../src/main/intake/csv';
import { CHUNK_ROWS } from '../../src/main/intake/csv/import';
import { PreviewedImports } from '../../src/main/intake/orders-file';
import { openStore, type Store } from '../../src/main/store';

const FIXTURES = join(__dirname, '..', 'fixtures', 'csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const T0 = Date.UTC(2026, 10, 24, 4, 0);
const T1 = T0 + 3_600_000;

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-csv-'));
  store = openStore(join(dir, 'desk.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function importFixture(name: string, now = T0, mapping?: Record<string, string | null>) {
  return importCsv(store, fixture(name), { region: 'IN', now, mapping });
}

describe('importing the corpus', () => {
  it('imports a panel export and counts every row', () => {
    const result = importFixture('panel-comma.csv');
    expect(result).toMatchObject({ read: 8, added: 8, updated: 0, unchanged: 0, rejected: [] });
    expect(store.orders.get('1333110020164')).toMatchObject({
      customer: 'Raj Kumar',
      phoneRaw: '+91 98765-00001',
      phoneE164: '+919876500001',
      type: 'OFD',
      rawStatus: 'Out for delivery',
      address: '12, MG Road, Karol Bagh',
      pincode: '110005',
      codAmount: 1250,
      orderId: 'ORD-1001',
      courier: 'Delhivery',
      firstSeenAt: T0,
    });
    expect(store.orders.get('1333110020167')).toMatchObject({ type: 'Undelivered', codAmount: 125000 });
    expect(store.orders.get('1333110020171')).toMatchObject({ type: 'Ready to Dispatch', codAmount: 0 });
  });

  it('changes nothing when the same file is imported again', () => {
    importFixture('panel-comma.csv', T0);
    const before = store.orders.list();
    const again = importFixture('panel-comma.csv', T1);
    expect(again).toMatchObject({
      read: 8,
      added: 0,
      updated: 0,
      unchanged: 8,
      rejected: [],
      typeChanges: [],
    });
    expect(store.orders.list()).toEqual(before);
  });

  it("takes the next day's export as updates, and delivered or returned orders stop being callable", () => {
    importFixture('panel-comma.csv', T0);
    const next = importFixture('panel-comma-next-day.csv', T1);
    expect(next).toMatchObject({ read: 8, added: 0, updated: 3, unchanged: 5 });
    expect(next.typeChanges).toEqual([
      { awb: '1333110020164', from: 'OFD', to: 'Delivered' },
      { awb: '1333110020165', from: 'Undelivered', to: 'RTO' },
    ]);
    expect(isCallableType(store.orders.get('1333110020164')!.type)).toBe(false);
    expect(store.orders.get('1333110020166')).toMatchObject({
      phoneE164: '+919876500099',
      updatedAt: T1,
      firstSeenAt: T0,
    });
    expect(store.orders.get('1333110020168')!.updatedAt).toBe(T0);
  });

  it('reads UTF-8 with a BOM and keeps Hindi names and addresses intact', () => {
    expect(importFixture('bom-utf8.csv')).toMatchObject({ read: 3, added: 3, rejected: [] });
    expect(store.orders.get('WB2000001')).toMatchObject({
      customer: 'राजेश कुमार',
      address: 'गली नं. 4, चाँदनी चौक',
    });
  });

  it('keeps names in every Indian script exactly as written', () => {
    importFixture('indian-scripts.csv');
    expect(store.orders.list().map((order) => order.customer)).toEqual([
      'अमित कुमार सिंह',
      'ஸ்ரீநிவாசன்',
      'সৌমিত্র বন্দ্যোপাধ্যায়',
      'ਗੁਰਪ੍ਰੀਤ ਕੌਰ',
    ]);
  });

  it('reads a Windows-1252 file without mangling é, ’ or –', () => {
    expect(importFixture('windows-1252.csv')).toMatchObject({ read: 2, added: 2, rejected: [] });
    expect(store.orders.get('W1252001')).toMatchObject({
      customer: 'José D’Souza',
      address: 'Flat 3 – Panjim',
    });
    expect(store.orders.get('W1252002')!.customer).toBe('Renée Fernandes');
  });

  it('reads a semicolon file whose addresses hold commas', () => {
    expect(importFixture('semicolon.csv')).toMatchObject({ read: 3, added: 3, rejected: [] });
    expect(store.orders.get('SC3000001')).toMatchObject({
      address: 'House 12, Sector 5, Dwarka',
      type: 'OFD',
    });
    expect(store.orders.get('SC3000003')!.type).toBe('RTO');
  });

  it('reads a tab-delimited file and an Excel "Unicode Text" (UTF-16) file', () => {
    expect(importFixture('tab-delimited.tsv')).toMatchObject({ read: 2, added: 2, rejected: [] });
    expect(store.orders.get('TB4000002')!.address).toBe('Plot 9\tGIDC');
    expect(importFixture('excel-unicode-text.txt')).toMatchObject({ read: 2, added: 2, rejected: [] });
    expect(store.orders.get('U16000001')).toMatchObject({ customer: 'লক্ষ্মী দাস', type: 'OFD' });
  });

  it('keeps addresses that span lines and reports later rows at their line in the file', () => {
    const result = importFixture('quoted-newlines.csv');
    expect(result).toMatchObject({
      read: 4,
      added: 3,
      rejected: [{ line: 7, reason: 'no phone for AWB QN5000003' }],
    });
    expect(store.orders.get('QN5000001')!.address).toBe('Door 5,\n2nd Cross,\nJayanagar');
    expect(store.orders.get('QN5000002')!.customer).toBe('Ravi "Bunty" Kumar');
  });

  it('keeps orders with unusable phones, with the reason, and never makes them dialable', () => {
    const result = importFixture('messy-phones.csv');
    expect(result).toMatchObject({ read: 12, added: 12, rejected: [] });
    const phones = Object.fromEntries(
      store.orders.list().map((order) => [order.awb, order.phoneE164 ?? order.phoneProblem]),
    );
    expect(phones).toEqual({
      PH7000001: 'Excel scientific notation (9.87654E+09) lost digits',
      PH7000002: 'not a number (N/A)',
      PH7000003: 'too short (5 digits)',
      PH7000004: '+919876500084',
      PH7000005: '+919876500085',
      PH7000006: '+919876500086',
      PH7000007: '+919876500087',
      PH7000008: 'placeholder number (9999999999)',
      PH7000009: 'more than one number (9876500089 / 9876500090); keep one in the source',
      PH7000010: '+911123456789',
      PH7000011: 'not a number (98765abc01)',
      PH7000012: '+919876500092',
    });
    expect(store.orders.get('PH7000001')!.phoneRaw).toBe('9.87654E+09');
  });

  it('maps courier phrasings to types and keeps unknown statuses raw, never callable', () => {
    importFixture('statuses.csv');
    const types = store.orders.list().map((order) => [order.awb, order.type, order.rawStatus]);
    expect(types).toEqual([
      ['ST8000001', 'OFD', 'Out for delivery'],
      ['ST8000002', 'OFD', 'Dispatched for delivery'],
      ['ST8000003', 'Undelivered', 'Undelivered - Customer not available'],
      ['ST8000004', 'Undelivered', 'Delivery attempted - customer not available'],
      ['ST8000005', 'RTO', 'RTO initiated'],
      ['ST8000006', 'Delivered', 'Delivered'],
      ['ST8000007', 'Ready to Dispatch', 'Manifested'],
      ['ST8000008', 'Unknown', 'Cancelled'],
      ['ST8000009', 'Unknown', 'Shipment held at customs'],
      ['ST8000010', 'Unknown', ''],
    ]);
    const callable = store.orders.list().filter((order) => isCallableType(order.type));
    expect(callable.map((order) => order.awb)).toEqual(['ST8000001', 'ST8000002', 'ST8000003', 'ST8000004']);
  });

  it("imports a repeated AWB's last row (its later status) and reports the earlier row as superseded", () => {
    const first = importFixture('duplicate-awbs.csv', T0);
    const superseded = [{ line: 2, awb: 'DU9000001', byLine: 4 }];
    expect(first).toMatchObject({ read: 3, added: 2, rejected: [], superseded });
    expect(store.orders.get('DU9000001')).toMatchObject({ customer: 'Second Row', type: 'Delivered' });
    expect(importFixture('duplicate-awbs.csv', T1)).toMatchObject({
      read: 3,
      added: 0,
      updated: 0,
      unchanged: 2,
      rejected: [],
      superseded,
    });
  });

  it('names the row taken when an AWB is listed three times, and previews it the same way', () => {
    const csv = Buffer.from(
      'AWB,Mobile,Status\nX1,9876500001,In Transit\nX2,9876500002,OFD\nX1,9876500001,OFD\nX1,9876500001,Undelivered\n',
    );
    const preview = previewCsv(store, csv, { region: 'IN' });
    const result = importCsv(store, csv, { region: 'IN', now: T0 });
    const superseded = [
      { line: 2, awb: 'X1', byLine: 5 },
      { line: 4, awb: 'X1', byLine: 5 },
    ];
    expect(result).toMatchObject({ read: 4, added: 2, superseded });
    expect(preview.superseded).toEqual(superseded);
    expect(preview.rows.map((row) => row.line)).toEqual([3, 5]);
    expect(store.orders.get('X1')).toMatchObject({ type: 'Undelivered' });
  });

  it('imports the good rows around broken ones and says which lines failed and why', () => {
    const result = importFixture('broken-rows.csv');
    expect(result.read).toBe(7);
    expect(result.added).toBe(2);
    expect(result.rejected).toEqual([
      {
        line: 3,
        reason: '7 fields where the header has 6. Is there an unquoted separator in an address or name?',
      },
      { line: 4, reason: 'no AWB' },
      { line: 5, reason: 'no phone for AWB BR1000004' },
      { line: 6, reason: 'COD amount "abc" is not an amount (AWB BR1000005)' },
      { line: 8, reason: 'a quote (") opened in this row is never closed; fix the quotes in this row' },
    ]);
    expect(store.orders.list().map((order) => order.awb)).toEqual(['BR1000001', 'BR1000006']);
  });

  it('reads the City column and keeps the city with the order', () => {
    expect(importFixture('with-city.csv')).toMatchObject({ read: 2, added: 2, rejected: [] });
    expect(store.orders.get('1333110030001')).toMatchObject({
      city: 'Kochi',
      address: 'Kakkanad, Phase 2',
      pincode: '682030',
    });
    expect(previewCsv(store, fixture('with-city.csv'), { region: 'IN' }).mapping.city).toBe('City');
    expect(importFixture('with-city.csv', T1)).toMatchObject({ unchanged: 2, updated: 0 });
  });

  it('strips terminal escape sequences and control characters from every text field', () => {
    expect(importFixture('control-characters.csv')).toMatchObject({ read: 2, added: 2, rejected: [] });
    expect(store.orders.get('CC1300001')).toMatchObject({
      customer: 'Raj Kumar',
      address: 'Flat 2, MG Road',
      city: 'Delhi',
    });
    expect(store.orders.get('CC1300002')!.customer).toBe('Priya amrahS');
    for (const order of store.orders.list()) {
      expect(JSON.stringify(order)).not.toMatch(/\\u00(?:0|1|7f)|\u202e/i);
    }
  });

  it('finds the header below report title lines and ignores empty separator rows', () => {
    expect(importFixture('title-rows.csv')).toMatchObject({ read: 2, added: 2, rejected: [] });
    expect(store.orders.get('TR1100002')).toMatchObject({ customer: 'Ishita Sen', type: 'Undelivered' });
  });
});

describe('the column mapping', () => {
  const corrections = { awb: 'Ref', customer: 'Client', phone: 'Tel 1', address: 'Where', type: 'Stage' };

  it('refuses to import a file whose AWB or phone column it can not find, naming the columns', () => {
    expect(() => importFixture('custom-headers.csv')).toThrow(CsvImportError);
    expect(() => importFixture('custom-headers.csv')).toThrow(
      'No AWB or Phone column found: choose the columns that hold them (columns: Ref, Client, Tel 1, Where, Stage)',
    );
    expect(store.orders.count()).toBe(0);
  });

  it('says so when the file is empty', () => {
    expect(() => importCsv(store, Buffer.from('\uFEFF\r\n\r\n'), { region: 'IN', now: T0 })).toThrow(
      'The file is empty: no header row and no orders',
    );
  });

  it('imports a file that has a header and no orders as nothing', () => {
    expect(importCsv(store, Buffer.from('AWB,Mobile\n'), { region: 'IN', now: T0 })).toMatchObject({
      read: 0,
      added: 0,
    });
  });

  it("imports with the operator's mapping and remembers it for the next file with the same headers", () => {
    expect(importFixture('custom-headers.csv', T0, corrections)).toMatchObject({ read: 2, added: 2 });
    expect(store.orders.get('CH1200001')).toMatchObject({
      customer: 'Nikhil Bose',
      address: 'Ballygunge',
      type: 'OFD',
    });

    const preview = previewCsv(store, fixture('custom-headers.csv'), { region: 'IN' });
    expect(preview.mappingSource).toBe('remembered');
    expect(preview.mapping).toMatchObject({ awb: 'Ref', phone: 'Tel 1', type: 'Stage' });
    expect(importFixture('custom-headers.csv', T1)).toMatchObject({ read: 2, unchanged: 2 });
  });

  it('lets the operator correct a detected mapping', () => {
    const result = importFixture('panel-comma.csv', T0, { orderId: null, courier: null });
    expect(result.added).toBe(8);
    expect(store.orders.get('1333110020164')).toMatchObject({ orderId: null, courier: null });
  });
});

describe('the preview', () => {
  it('shows the mapping, the rows as they will be stored and every problem, and writes nothing', () => {
    const preview = previewCsv(store, fixture('broken-rows.csv'), { region: 'IN' });
    expect(preview).toMatchObject({
      headers: ['AWB', 'Customer Name', 'Mobile', 'Address', 'COD Amount', 'Status'],
      read: 7,
      encoding: 'utf-8',
      delimiter: ',',
      mappingSource: 'detected',
    });
    expect(preview.mapping).toMatchObject({
      awb: 'AWB',
      phone: 'Mobile',
      codAmount: 'COD Amount',
      type: 'Status',
    });
    expect(preview.rows.map((row) => [row.line, row.awb, row.phoneE164, row.type])).toEqual([
      [2, 'BR1000001', '+919876500131', 'OFD'],
      [7, 'BR1000006', '+919876500136', 'Undelivered'],
    ]);
    expect(preview.problems.map((problem) => problem.line)).toEqual([3, 4, 5, 6, 8]);
    expect(store.orders.count()).toBe(0);
  });

  it('agrees with the import it previews', () => {
    for (const name of ['messy-phones.csv', 'quoted-newlines.csv', 'duplicate-awbs.csv', 'statuses.csv']) {
      const preview = previewCsv(store, fixture(name), { region: 'IN', rowLimit: 1000 });
      const result = importFixture(name);
      expect(result.rejected).toEqual(preview.problems);
      expect(result.read).toBe(preview.read);
      expect(preview.rows.map((row) => row.order)).toEqual(
        preview.rows.map((row) => {
          const { firstSeenAt: _first, updatedAt: _updated, ...stored } = store.orders.get(row.awb)!;
          return stored;
        }),
      );
    }
  });

  it('lists the orders whose phones will never be dialled', () => {
    const preview = previewCsv(store, fixture('messy-phones.csv'), { region: 'IN' });
    expect(preview.phoneProblems.map((problem) => problem.line)).toEqual([2, 3, 4, 9, 10, 12]);
    expect(preview.phoneProblems[0]).toEqual({
      line: 2,
      reason: 'PH7000001: Excel scientific notation (9.87654E+09) lost digits',
    });
  });

  it('returns at most rowLimit rows but counts them all', () => {
    const preview = previewCsv(store, fixture('panel-comma.csv'), { region: 'IN', rowLimit: 3 });
    expect(preview.rows).toHaveLength(3);
    expect(preview.read).toBe(8);
  });

  it('reports missing AWB and phone columns as a problem instead of failing', () => {
    const preview = previewCsv(store, fixture('custom-headers.csv'), { region: 'IN' });
    expect(preview.read).toBe(2);
    expect(preview.rows).toEqual([]);
    expect(preview.problems).toEqual([
      { line: 1, reason: expect.stringContaining('No AWB or Phone column found') },
    ]);
  });
});

describe('an import in chunks', () => {
  function bigCsv(rows: number): Buffer {
    const lines = ['AWB,Mobile,Status'];
    for (let row = 0; row < rows; row += 1) lines.push(`BIG${row},98765${String(row).padStart(5, '0')},OFD`);
    return Buffer.from(`${lines.join('\n')}\n`);
  }

  it("takes a repeated AWB's last row whether the earlier one is already staged or still waiting", async () => {
    const lines = ['AWB,Customer,Mobile,Status'];
    for (let row = 0; row < 250; row += 1)
      lines.push(`REP${row},First ${row},98765${String(row).padStart(5, '0')},OFD`);
    // REP0 was staged long ago (an update of the staged row); REP249 is still waiting in the batch.
    lines.push('REP0,Second 0,9876500000,Delivered', 'REP249,Second 249,9876500249,Undelivered');
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    const expected = {
      read: 252,
      added: 250,
      superseded: [
        { line: 2, awb: 'REP0', byLine: 252 },
        { line: 251, awb: 'REP249', byLine: 253 },
      ],
    };
    expect(previewCsv(store, csv, { region: 'IN' })).toMatchObject({
      read: 252,
      superseded: expected.superseded,
    });
    const files = new PreviewedImports(store);
    await files.preview(csv, { fileName: 'orders.csv', region: 'IN' });
    expect(await files.import(csv, { fileName: 'orders.csv', region: 'IN', now: T0 })).toMatchObject(
      expected,
    );
    expect(store.orders.get('REP0')).toMatchObject({ customer: 'Second 0', type: 'Delivered' });
    expect(store.orders.get('REP249')).toMatchObject({ customer: 'Second 249', type: 'Undelivered' });
    expect(store.orders.get('REP248')).toMatchObject({ customer: 'First 248', type: 'OFD' });
    expect(
      store.orders
        .list()
        .map((order) => order.awb)
        .slice(0, 2),
    ).toEqual(['REP0', 'REP1']);
  });

  it('keeps whole chunks when the store fails part-way, and importing again completes the file', () => {
    const csv = bigCsv(CHUNK_ROWS * 2 + 500);
    const staging = store.orders.staging.bind(store.orders);
    store.orders.staging = () => {
      const real = staging();
      let merges = 0;
      const mergeNext = real.mergeNext.bind(real);
      real.mergeNext = (rows, now) => {
        merges += 1;
        if (merges === 2) throw new Error('disk full');
        return mergeNext(rows, now);
      };
      return real;
    };
    expect(() => importCsv(store, csv, { region: 'IN', now: T0 })).toThrow('disk full');
    expect(store.orders.count()).toBe(CHUNK_ROWS);

    store.orders.staging = staging;
    expect(importCsv(store, csv, { region: 'IN', now: T1 })).toMatchObject({
      read: CHUNK_ROWS * 2 + 500,
      added: CHUNK_ROWS + 500,
      unchanged: CHUNK_ROWS,
    });
    expect(store.orders.count()).toBe(CHUNK_ROWS * 2 + 500);
  });
});

describe('messages that stay short', () => {
  // Parsing 10 MB twice takes a while on a busy machine.
  it(
    'names the columns of a file whose one line is 10 MB in a message of a few hundred characters',
    { timeout: 120_000 },
    () => {
      const blob = Buffer.from(`${'x'.repeat(5_000_000)},${'y'.repeat(5_000_000)}\n`);
      let refusal: unknown = null;
      try {
        importCsv(store, blob, { region: 'IN', now: T0 });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(CsvImportError);
      expect((refusal as Error).message.length).toBeLessThan(400);
      const preview = previewCsv(store, blob, { region: 'IN' });
      expect(JSON.stringify(preview).length).toBeLessThan(2_000);
    },
  );

  it('rejects a 1 MB AWB with a short reason', () => {
    const csv = Buffer.from(`AWB,Mobile\n${'7'.repeat(1_000_000)},9876500001\nOK1,9876500002\n`);
    const result = importCsv(store, csv, { region: 'IN', now: T0 });
    expect(result.added).toBe(1);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.reason.length).toBeLessThan(200);
  });
});
