/**
 * Benchmark (issue 11): does the console slow the dialler? A real desk on a real clock (100,000 orders, the
 * sandbox's fake VAPI in the same process, 2-second calls, 10 lines) dials one long session; in alternating
 * windows of the same run, a console reads the Queue every second (desk.queue({}), as the console refetches
 * when the data changes) or nobody reads. Throughput is calls finished per minute in each window; the two are
 * compared in the same run because the machine is shared and noisy. For comparison, windows where the same
 * reads run on the main thread (a reader without the worker) show what the worker buys.
 * Target: throughput with the console >= 0.95 × without it.
 */
import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDesk } from '../src/main/desk';
import { openViewConnection, ViewReader } from '../src/main/desk/view-pages/view-reader';
import { parseLocalIso } from '../src/main/domain/local-time';
import { offsetClock } from '../src/main/engine/offset-clock';
import { databasePath } from '../src/main/data-dir';
import { deskFolder } from './lib/desk-cache';
import { machineLine, report } from './report-line';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const CALL_SECONDS = 2;

type Mode = 'nobody reads' | 'console reads (worker)' | 'console reads (main thread)';

interface Window {
  mode: Mode;
  calls: number;
  ms: number;
  reads: number;
  readMs: number[];
  worstStallMs: number;
  p99StallMs: number;
}

/** Calls per minute over a set of windows. */
function rateOf(windows: readonly Window[]): number {
  return (windows.reduce((sum, w) => sum + w.calls, 0) / windows.reduce((sum, w) => sum + w.ms, 0)) * 60_000;
}

/**
 * The ratio of the two modes' rates over pairs of adjacent windows, with a 95% interval from resampling the
 * pairs (a shared machine's pace drifts by tens of percent from one window to the next).
 */
function pairedRatio(pairs: readonly [Window, Window][]): { ratio: number; low: number; high: number } {
  const ratioOf = (sample: readonly [Window, Window][]) =>
    rateOf(sample.map(([, reading]) => reading)) / rateOf(sample.map(([alone]) => alone));
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const resampled = Array.from({ length: 2000 }, () =>
    ratioOf(pairs.map(() => pairs[Math.floor(random() * pairs.length)]!)),
  ).sort((a, b) => a - b);
  return { ratio: ratioOf(pairs), low: resampled[50]!, high: resampled[1949]! };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  console.log(machineLine());
  const dataDir = deskFolder(ORDERS, 0);
  const clock = offsetClock(parseLocalIso('2026-11-24T10:30', 'Asia/Kolkata')!);
  const desk = await createDesk({
    dataDir,
    clock,
    sandbox: { callSeconds: CALL_SECONDS },
    pollIntervalMs: 500,
  });
  const inline = new ViewReader(openViewConnection(databasePath(dataDir)));
  try {
    await desk.stopScheduler({});
    const started = await desk.runNow({});
    if (!started.started) throw new Error(`the session did not start: ${started.reason}`);
    const completed = async () => (await desk.status({})).session?.completed ?? 0;
    // Let the session reach its pace (and the desk's start-up backup finish) before measuring.
    await sleep(15_000);
    console.log(
      `desk: ${ORDERS.toLocaleString('en-IN')} orders, ${CALL_SECONDS}-second calls on 10 lines, windows of ${WINDOW_MS / 1000} s`,
    );

    const run = async (mode: Mode): Promise<Window> => {
      let reading = mode !== 'nobody reads';
      let reads = 0;
      const readMs: number[] = [];
      const reader = (async () => {
        while (reading) {
          const began = Date.now();
          if (mode === 'console reads (worker)') await desk.queue({});
          else {
            const settings = (await desk.settings({})).calling;
            inline.queue({}, { settings: { ...settings }, plannedFor: clock.now() });
          }
          reads += 1;
          readMs.push(Date.now() - began);
          await sleep(Math.max(0, 1000 - (Date.now() - began)));
        }
      })();
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const before = await completed();
      const began = performance.now();
      await sleep(WINDOW_MS);
      const calls = (await completed()) - before;
      const ms = performance.now() - began;
      delay.disable();
      reading = false;
      await reader;
      const window = {
        mode,
        calls,
        ms,
        reads,
        readMs,
        worstStallMs: delay.max / 1e6,
        p99StallMs: delay.percentile(99) / 1e6,
      };
      console.log(
        `  ${mode}: ${calls} calls in ${(ms / 1000).toFixed(1)} s = ${((calls / ms) * 60_000).toFixed(0)}/min; ${reads} Queue reads; main thread stalled ${window.worstStallMs.toFixed(0)} ms at worst (p99 ${window.p99StallMs.toFixed(0)} ms)`,
      );
      return window;
    };

    const windows: Window[] = [];
    const pairs: [Window, Window][] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternating which comes first, so a drifting pace favours neither.
      const before = round % 2 === 0 ? await run('nobody reads') : null;
      const reading = await run('console reads (worker)');
      const alone = before ?? (await run('nobody reads'));
      windows.push(alone, reading);
      pairs.push([alone, reading]);
    }
    const onMainWindows = [
      await run('console reads (main thread)'),
      await run('console reads (main thread)'),
    ];
    const aloneAfter = [await run('nobody reads'), await run('nobody reads')];
    windows.push(...onMainWindows, ...aloneAfter);

    const paired = pairedRatio(pairs);
    report({
      name: 'dialler-calls-per-minute-nobody-reading',
      value: rateOf(pairs.map(([alone]) => alone)),
      unit: 'calls/min',
    });
    report({
      name: 'dialler-calls-per-minute-console-reading-queue',
      value: rateOf(pairs.map(([, reading]) => reading)),
      unit: 'calls/min',
    });
    report({
      name: 'dialler-throughput-ratio-with-console',
      value: paired.ratio,
      unit: '×',
      digits: 2,
      target: { above: 0.95 },
    });
    console.log(
      `  (95% interval of that ratio over the ${pairs.length} pairs of windows: ${paired.low.toFixed(2)}–${paired.high.toFixed(2)})`,
    );
    const readMs = windows.flatMap((w) => (w.mode === 'console reads (worker)' ? w.readMs : []));
    readMs.sort((a, b) => a - b);
    report({
      name: 'queue-read-during-session-median',
      value: readMs[Math.floor(readMs.length / 2)] ?? NaN,
      unit: 'ms',
    });
    report({
      name: 'dialler-throughput-ratio-reads-on-main-thread (for comparison)',
      value: rateOf(onMainWindows) / rateOf(aloneAfter),
      unit: '×',
      digits: 2,
    });
    const worst = (mode: Mode) =>
      Math.max(...windows.filter((w) => w.mode === mode).map((w) => w.worstStallMs));
    report({ name: 'main-thread-worst-stall-nobody-reading', value: worst('nobody reads'), unit: 'ms' });
    report({
      name: 'main-thread-worst-stall-console-reading',
      value: worst('console reads (worker)'),
      unit: 'ms',
    });
    report({
      name: 'main-thread-worst-stall-reads-on-main-thread',
      value: worst('console reads (main thread)'),
      unit: 'ms',
    });
  } finally {
    await desk.stopSession({});
    await desk.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
