/**
 * Benchmark: preview and import of a 100,000-row courier CSV into a real SQLite file, then the same file
 * again (the no-op re-import). The CSV is generated in a temp folder at run time — quoted addresses with
 * commas, Hindi names, phones in every spelling, some unusable — and deleted afterwards.
 * Reports rows/s, milliseconds and the process's peak resident memory.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCsv, previewCsv } from '../src/main/intake/csv';
import { openStore } from '../src/main/store';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const STATUSES = [
  'Out for delivery',
  'Undelivered',
  'Delivery attempted - customer not available',
  'In Transit',
  'Delivered',
  'RTO initiated',
  'Cancelled',
];
const NAMES = ['Raj Kumar', 'प्रिया शर्मा', 'Amit Verma', 'सुनीता देवी', 'Farhan Ali', 'Meena Iyer'];

function phoneFor(row: number): string {
  const digits = String(9_000_000_000 + row);
  switch (row % 10) {
    case 0:
      return `+91 ${digits.slice(0, 5)}-${digits.slice(5)}`;
    case 1:
      return `0${digits}`;
    case 2:
      return `91${digits}`;
    case 3:
      return '9.87654E+09';
    case 4:
      return 'N/A';
    default:
      return digits;
  }
}

/** Written in chunks so that making the file does not inflate the peak memory the benchmark reports. */
function generate(file: string): void {
  const fd = openSync(file, 'w');
  writeSync(fd, 'AWB No,Customer Name,Mobile,Address,Pincode,COD Amount,Current Status,Order ID,Courier\r\n');
  let chunk: string[] = [];
  for (let row = 0; row < ROWS; row += 1) {
    chunk.push(
      [
        String(1_333_110_000_000 + row),
        NAMES[row % NAMES.length],
        phoneFor(row),
        `"House ${row % 500}, Sector ${row % 60}, New Delhi"`,
        String(110_001 + (row % 90)),
        `"₹${(row % 3000).toLocaleString('en-IN')}.00"`,
        STATUSES[row % STATUSES.length],
        `ORD-${row}`,
        row % 2 ? 'Delhivery' : 'Ekart',
      ].join(','),
    );
    if (chunk.length === 5_000 || row === ROWS - 1) {
      writeSync(fd, `${chunk.join('\r\n')}\r\n`);
      chunk = [];
    }
  }
  closeSync(fd);
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

const dir = mkdtempSync(join(tmpdir(), 'acs-bench-'));
try {
  const csvFile = join(dir, 'orders-100k.csv');
  generate(csvFile);
  const bytes = readFileSync(csvFile);
  const rssBefore = process.resourceUsage().maxRSS;
  const store = openStore(join(dir, 'desk.sqlite'));

  const preview = timed(() => previewCsv(store, bytes, { region: 'IN' }));
  const rssAfterPreview = process.resourceUsage().maxRSS;
  const first = timed(() => importCsv(store, bytes, { region: 'IN', now: Date.now() }));
  const again = timed(() => importCsv(store, bytes, { region: 'IN', now: Date.now() + 1 }));
  const stored = store.orders.count();
  store.close();

  const total = preview.ms + first.ms;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const rssBeforeMb = rssBefore / 1024;
  const perSecond = (ms: number) => Math.round(ROWS / (ms / 1000)).toLocaleString('en-US');
  console.log(
    `rows:                 ${ROWS.toLocaleString('en-US')} (${(bytes.length / 1024 / 1024).toFixed(1)} MB)`,
  );
  console.log(
    `preview:              ${preview.ms.toFixed(0)} ms (${perSecond(preview.ms)} rows/s), ${preview.value.problems.length} problems`,
  );
  console.log(
    `import:               ${first.ms.toFixed(0)} ms (${perSecond(first.ms)} rows/s), added ${first.value.added}, rejected ${first.value.rejected.length}`,
  );
  console.log(`preview + import:     ${total.toFixed(0)} ms (${perSecond(total)} rows/s)`);
  console.log(
    `re-import (no-op):    ${again.ms.toFixed(0)} ms (${perSecond(again.ms)} rows/s), unchanged ${again.value.unchanged}, updated ${again.value.updated}`,
  );
  console.log(`orders stored:        ${stored.toLocaleString('en-US')}`);
  console.log(
    `peak RSS:             ${peakRssMb.toFixed(0)} MB (${rssBeforeMb.toFixed(0)} MB with the file loaded, ${(rssAfterPreview / 1024).toFixed(0)} MB after preview)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
