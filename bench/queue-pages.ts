/**
 * Benchmark (issue 11): the Queue's first page on a busy desk (100,000 orders, 300,000 past calls), as the
 * console asks for it: desk.queue({}) on a real desk (the handler on the main thread, the page read by the
 * view worker from its kept plan), median of repeated reads and its size as JSON. Also: the first read after
 * the desk opened (it plans: how long the main thread stalled meanwhile), deeper pages and the other lists.
 * Targets: median < 50 ms, payload < 200 KB.
 */
import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDesk } from '../src/main/desk';
import { parseLocalIso } from '../src/main/domain/local-time';
import { offsetClock } from '../src/main/engine/offset-clock';
import type { DeskApi } from '../src/shared/contract';
import type { Desk } from '../src/main/desk';
import { deskFolder } from './lib/desk-cache';
import { machineLine, report } from './report-line';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 300_000);
const READS = 25;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(read: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const began = performance.now();
  const value = await read();
  return { value, ms: performance.now() - began };
}

async function repeated<T>(read: () => Promise<T>): Promise<{ medianMs: number; bytes: number }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let n = 0; n < READS; n += 1) {
    const { value, ms } = await timed(read);
    times.push(ms);
    last = value;
  }
  return { medianMs: median(times), bytes: Buffer.byteLength(JSON.stringify(last)) };
}

async function main(): Promise<void> {
  console.log(machineLine());
  const dataDir = deskFolder(ORDERS, CALLS);
  let desk: Desk | null = null;
  try {
    const backedUp = new Promise<void>((resolve) => setTimeout(resolve, 120_000).unref());
    let sawBackup: () => void = () => undefined;
    const backup = Promise.race([backedUp, new Promise<void>((resolve) => (sawBackup = resolve))]);
    desk = await createDesk({
      dataDir,
      clock: offsetClock(parseLocalIso('2026-11-24T11:20', 'Asia/Kolkata')!),
      sandbox: {},
    });
    desk.on('log', (line) => /Daily backup/.test(line.message) && sawBackup());
    await desk.stopScheduler({});
    await backup;
    console.log(
      `desk: ${ORDERS.toLocaleString('en-IN')} orders, ${CALLS.toLocaleString('en-IN')} calls; the queue is planned for now (11:20)`,
    );

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const cold = await timed(() => desk!.queue({}));
    delay.disable();
    // What this machine does to an idle main thread over as long, for comparison.
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, cold.ms));
    idle.disable();
    report({ name: 'queue-first-read-after-opening (worker start + plan)', value: cold.ms, unit: 'ms' });
    report({ name: 'main-thread-worst-stall-while-the-worker-plans', value: delay.max / 1e6, unit: 'ms' });
    report({ name: 'main-thread-worst-stall-idle-as-long', value: idle.max / 1e6, unit: 'ms' });

    const first = await repeated(() => desk!.queue({}));
    report({
      name: 'queue-first-page-median',
      value: first.medianMs,
      unit: 'ms',
      digits: 1,
      target: { below: 50 },
    });
    report({
      name: 'queue-first-page-payload',
      value: first.bytes / 1024,
      unit: 'KB',
      digits: 1,
      target: { below: 200 },
    });
    const big = await repeated(() => desk!.queue({ limit: 200 }));
    report({ name: 'queue-page-of-200-median', value: big.medianMs, unit: 'ms', digits: 1 });
    report({ name: 'queue-page-of-200-payload', value: big.bytes / 1024, unit: 'KB', digits: 1 });

    // Page 50 of the excluded orders (10,000 rows down), reached by cursor.
    let cursor: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const next: Awaited<ReturnType<DeskApi['queue']>> = await desk.queue({
        tab: 'excluded',
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      cursor = next.nextCursor;
    }
    const deep = await repeated(() => desk!.queue({ tab: 'excluded', limit: 200, cursor: cursor! }));
    report({ name: 'queue-excluded-page-51-median', value: deep.medianMs, unit: 'ms', digits: 1 });
    const search = await timed(() => desk!.queue({ search: '97 1000 5' }));
    report({ name: 'queue-search-first-read', value: search.ms, unit: 'ms' });

    const orders = await repeated(() => desk!.orders({}));
    report({ name: 'orders-first-page-median', value: orders.medianMs, unit: 'ms', digits: 1 });
    report({ name: 'orders-first-page-payload', value: orders.bytes / 1024, unit: 'KB', digits: 1 });
    const history = await repeated(() => desk!.history({}));
    report({ name: 'history-first-page-median', value: history.medianMs, unit: 'ms', digits: 1 });
    report({ name: 'history-first-page-payload', value: history.bytes / 1024, unit: 'KB', digits: 1 });
  } finally {
    await desk?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
