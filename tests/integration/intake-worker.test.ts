/**
 * Preview and import run in the intake worker, off the main thread: the dialler's timers keep firing while a
 * large file is read, and the desk's answers are the same as the intake's own (cities, superseded rows,
 * errors by name).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src/main/desk';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { local } from '../helpers/engine-harness';

const desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((desk) => desk.close()));
});

async function openDesk(): Promise<Desk> {
  const desk = await createDesk({
    dataDir: mkdtempSync(join(tmpdir(), 'acs-intake-worker-')),
    clock: offsetClock(local('2026-11-24T11:00'), systemClock),
    sandbox: { callSeconds: 1 },
  });
  desks.push(desk);
  return desk;
}

function file(text: string, fileName = 'orders.csv') {
  return { fileName, contentBase64: Buffer.from(text, 'utf8').toString('base64') };
}

function largeCsv(rows: number): string {
  const lines = ['AWB No,Customer Name,Mobile,Address,City,Pincode,Current Status'];
  for (let row = 0; row < rows; row += 1) {
    lines.push(
      `L${row},Customer ${row},98${String(row).padStart(8, '0')},"House ${row % 500}, Sector ${row % 60}",Delhi,110001,Out for delivery`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('the intake worker', () => {
  it('keeps the main thread free: a timer fires many times while a large file is previewed and imported', async () => {
    const desk = await openDesk();
    const csv = file(largeCsv(60_000));
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      const preview = await desk.previewCsv(csv);
      const ticksDuringPreview = ticks;
      const imported = await desk.importCsv(csv);
      expect(preview.read).toBe(60_000);
      expect(imported).toMatchObject({ read: 60_000, added: 60_000, rejected: [] });
      // Run on the main thread, the import would block it from start to end: not one tick in between.
      expect(ticksDuringPreview).toBeGreaterThan(10);
      expect(ticks - ticksDuringPreview).toBeGreaterThan(10);
    } finally {
      clearInterval(timer);
    }
    const orders = await desk.orders({ search: 'L59999' });
    expect(orders.rows).toEqual([expect.objectContaining({ awb: 'L59999', city: 'Delhi' })]);
  });

  it('imports an XLSX export, and refuses an old .xls by name', async () => {
    const desk = await openDesk();
    const xlsx = readFileSync(join(__dirname, '..', 'fixtures', 'csv', 'panel.xlsx'));
    const imported = await desk.importCsv({ fileName: 'panel.xlsx', contentBase64: xlsx.toString('base64') });
    expect(imported).toMatchObject({ read: 3, added: 2 });
    const xls = readFileSync(join(__dirname, '..', 'fixtures', 'csv', 'old-excel.xls'));
    await expect(
      desk.importCsv({ fileName: 'old.xls', contentBase64: xls.toString('base64') }),
    ).rejects.toThrow('This is an .xls file (Excel 97–2003)');
  });

  it('answers as the intake does: superseded rows, and a refusal by its own message', async () => {
    const desk = await openDesk();
    const repeated = file('AWB,Mobile,Status\nR1,9876500001,In Transit\nR1,9876500001,OFD\n');
    expect(await desk.previewCsv(repeated)).toMatchObject({
      read: 2,
      superseded: [{ line: 2, awb: 'R1', byLine: 3 }],
    });
    expect(await desk.importCsv(repeated)).toMatchObject({ added: 1, superseded: [{ line: 2, byLine: 3 }] });
    await expect(desk.importCsv(file('Ref,Client\nX,Y\n'))).rejects.toThrow(/No AWB or Phone column found/);
    // The worker survives a refused file and serves the next request.
    expect(await desk.importCsv(repeated)).toMatchObject({ unchanged: 1 });
  });
});
