/**
 * Benchmark (issue 11): a 100,000-row courier CSV previewed and imported into a real SQLite file the way
 * the console does it (through the intake worker), then the same file again (the no-op re-import), with the
 * process's peak resident memory (the worker thread included). The CSV is generated in a temp folder —
 * quoted addresses with commas, Hindi names, phones in every spelling, some unusable — and deleted
 * afterwards. Targets: end to end < 2 s, re-import < 1 s, peak RSS < 250 MB.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntakeWorker } from '../src/main/intake/worker/intake-client';
import { openStore } from '../src/main/store';
import { machineLine, report } from './report-line';

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
const CITIES = ['New Delhi', 'Mumbai', 'Bengaluru', 'Kolkata', 'Chennai'];

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

/** Writes a panel-style CSV of `rows` orders, in chunks so that making it costs the bench no memory. */
export function writeCourierCsv(file: string, rows: number, firstRow = 0): void {
  const fd = openSync(file, 'w');
  writeSync(
    fd,
    'AWB No,Customer Name,Mobile,Address,City,Pincode,COD Amount,Current Status,Order ID,Courier\r\n',
  );
  let chunk: string[] = [];
  for (let index = 0; index < rows; index += 1) {
    const row = firstRow + index;
    chunk.push(
      [
        String(1_333_110_000_000 + row),
        NAMES[row % NAMES.length],
        phoneFor(row),
        `"House ${row % 500}, Sector ${row % 60}, Block ${row % 7}"`,
        CITIES[row % CITIES.length],
        String(110_001 + (row % 90)),
        `"₹${(row % 3000).toLocaleString('en-IN')}.00"`,
        STATUSES[row % STATUSES.length],
        `ORD-${row}`,
        row % 2 ? 'Delhivery' : 'Ekart',
      ].join(','),
    );
    if (chunk.length === 5_000 || index === rows - 1) {
      writeSync(fd, `${chunk.join('\r\n')}\r\n`);
      chunk = [];
    }
  }
  closeSync(fd);
}

/** Writes the CSV in a child process, so that making it leaves nothing in this process's peak memory. */
export function writeCourierCsvApart(file: string, rows: number): void {
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const made = spawnSync(tsx, [__filename, '--write', file, String(rows)], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error(`could not write ${file}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  console.log(machineLine());
  const dir = mkdtempSync(join(tmpdir(), 'acs-bench-'));
  try {
    const csvFile = join(dir, 'orders.csv');
    writeCourierCsvApart(csvFile, rows);
    const base64 = readFileSync(csvFile).toString('base64');
    const databaseFile = join(dir, 'desk.sqlite');
    openStore(databaseFile).close(); // the desk has created and migrated its store before any import
    const worker = new IntakeWorker({ databaseFile });
    const options = { fileName: 'orders.csv', region: 'IN' };
    // A running desk's worker is up and its code loaded; a two-row file brings this one to that state.
    const tiny = Buffer.from('AWB,Mobile\nWARM1,9876500001\n').toString('base64');
    await worker.preview(tiny, options);

    const preview = await timed(() => worker.preview(base64, options));
    const first = await timed(() => worker.import(base64, { ...options, now: Date.now() }));
    const again = await timed(() => worker.import(base64, { ...options, now: Date.now() + 1 }));
    await worker.close();
    if (first.value.added !== rows || again.value.unchanged !== rows) {
      throw new Error(`unexpected counts: ${JSON.stringify({ first: first.value, again: again.value })}`);
    }

    const k = `${Math.round(rows / 1000)}k`;
    const cpu = (ms: number) => ` (cpu ${ms.toFixed(0)} ms)`;
    console.log(
      `csv-${k}-file: ${((base64.length * 0.75) / 2 ** 20).toFixed(1)} MB; preview ${preview.ms.toFixed(0)} ms${cpu(preview.cpuMs)}, import ${first.ms.toFixed(0)} ms${cpu(first.cpuMs)}`,
    );
    report({
      name: `csv-${k}-end-to-end`,
      value: preview.ms + first.ms,
      unit: 'ms',
      target: { below: 2000 },
    });
    report({ name: `csv-${k}-reimport`, value: again.ms, unit: 'ms', target: { below: 1000 } });
    report({
      name: `csv-${k}-peak-rss`,
      value: process.resourceUsage().maxRSS / 1024,
      unit: 'MB',
      target: { below: 250 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === '--write') writeCourierCsv(process.argv[3]!, Number(process.argv[4]));
  else void main();
}
