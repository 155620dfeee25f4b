/**
 * Spreadsheets dropped on the desk: an XLSX export is read from its first sheet with the same mapping,
 * preview and line numbers (Excel's row numbers) as a CSV; files the desk does not read are refused by name.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvImportError } from '../../src/main/intake/csv';
import { importOrdersFile, previewOrdersFile } from '../../src/main/intake/orders-file';
import { openStore, type Store } from '../../src/main/store';

const FIXTURES = join(__dirname, '..', 'fixtures', 'csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const NOW = Date.UTC(2026, 10, 24, 4, 0);

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-xlsx-'));
  store = openStore(join(dir, 'desk.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an XLSX file', () => {
  it('is imported from its first sheet: numbers as digits, rich text as text, formulas by their result', async () => {
    const result = await importOrdersFile(store, fixture('panel.xlsx'), {
      fileName: 'panel.xlsx',
      region: 'IN',
      now: NOW,
    });
    expect(result).toMatchObject({
      read: 3,
      added: 2,
      rejected: [{ line: 5, reason: 'no phone for AWB 1333110040003' }],
      superseded: [],
    });
    expect(store.orders.get('1333110040001')).toMatchObject({
      customer: 'राजेश कुमार',
      phoneE164: '+919876500301',
      city: 'Delhi',
      codAmount: 1250,
      type: 'OFD',
    });
    expect(store.orders.get('1333110040002')).toMatchObject({
      customer: 'Priya Sharma',
      phoneE164: '+919876500302',
      codAmount: 499,
      type: 'Undelivered',
    });
  });

  it('is previewed with the same mapping and Excel row numbers, and a second import changes nothing', async () => {
    const options = { fileName: 'panel.xlsx', region: 'IN' };
    const preview = await previewOrdersFile(store, fixture('panel.xlsx'), options);
    expect(preview).toMatchObject({ encoding: 'xlsx (first sheet)', headerLine: 1, read: 3 });
    expect(preview.mapping).toMatchObject({
      awb: 'AWB No',
      phone: 'Mobile',
      city: 'City',
      type: 'Current Status',
    });
    expect(preview.rows.map((row) => [row.line, row.awb])).toEqual([
      [2, '1333110040001'],
      [3, '1333110040002'],
    ]);
    await importOrdersFile(store, fixture('panel.xlsx'), { ...options, now: NOW });
    expect(await importOrdersFile(store, fixture('panel.xlsx'), { ...options, now: NOW + 1 })).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 2,
    });
  });
});

describe('a file the desk does not read', () => {
  it.each([
    [
      'old-excel.xls',
      'This is an .xls file (Excel 97–2003), not a CSV or XLSX file: save it as CSV or XLSX and import that',
    ],
    [
      'calc.ods',
      'This is an .ods file (OpenDocument spreadsheet), not a CSV or XLSX file: save it as CSV or XLSX and import that',
    ],
    [
      'panel-export.xls',
      'This is a web page (HTML) with an Excel name, not a CSV or XLSX file: save it as CSV or XLSX and import that',
    ],
  ])('refuses %s by name', async (name, message) => {
    const options = { fileName: name, region: 'IN' };
    await expect(importOrdersFile(store, fixture(name), { ...options, now: NOW })).rejects.toThrow(
      new CsvImportError(message),
    );
    await expect(previewOrdersFile(store, fixture(name), options)).rejects.toThrow(message);
    expect(store.orders.count()).toBe(0);
  });

  it('reads a CSV whatever its name says', async () => {
    const csv = Buffer.from('AWB,Mobile\nN1,9876500001\n');
    const result = await importOrdersFile(store, csv, { fileName: 'orders.xlsx', region: 'IN', now: NOW });
    expect(result).toMatchObject({ added: 1 });
  });
});
