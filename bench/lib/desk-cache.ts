/**
 * Big desks for the benchmarks, made once and kept in the temp folder (making 100,000 orders and 300,000 calls
 * takes half a minute), and copied into a fresh data folder for each use: a desk that runs writes to its file
 * (backups, the scheduler's settings), and the next benchmark must start from the same one.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_NOW, makeBigDesk } from './big-desk';

/** Bump when big-desk.ts makes different data, so a kept desk of the old kind is not used. */
const GENERATION = 2;

/** The kept desk file of this size, made now if it is not there yet. */
export function keptDesk(orders: number, calls: number): string {
  const dir = join(tmpdir(), 'acs-bench-desks');
  const file = join(dir, `desk-${orders}-${calls}-v${GENERATION}.sqlite`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const making = join(mkdtempSync(join(dir, 'making-')), 'desk.sqlite');
  const began = performance.now();
  makeBigDesk(making, { orders, calls, now: BENCH_NOW });
  renameSync(making, file);
  rmSync(join(making, '..'), { recursive: true, force: true });
  console.log(
    `made a desk of ${orders.toLocaleString('en-IN')} orders and ${calls.toLocaleString('en-IN')} calls in ${((performance.now() - began) / 1000).toFixed(0)} s (kept in ${dir})`,
  );
  return file;
}

/** A new data folder holding a copy of the kept desk of this size; remove it when done. */
export function deskFolder(orders: number, calls: number): string {
  const source = keptDesk(orders, calls);
  const dataDir = mkdtempSync(join(tmpdir(), 'acs-bench-'));
  copyFileSync(source, join(dataDir, 'desk.sqlite'));
  return dataDir;
}
