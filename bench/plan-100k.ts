/**
 * Benchmark: planning a session on a busy desk — 100,000 orders and 300,000 past calls (bench/support/
 * desk-data.ts; the file is made by a child process, so this one's memory is planning's own) — as the
 * scheduler does it (store/plan-input.ts readPlanningInput, then the policy's planSession), and the same
 * planning part of a Queue read (the next slot's plan; the view layer itself is measured elsewhere).
 * Median of BENCH_RUNS (default 9) after one warm-up; wall time and CPU time; the process's peak RSS.
 * `BENCH_DESK=<file>` reuses a desk made earlier (`tsx bench/support/desk-data.ts <file>`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSession } from '../src/main/domain/policy';
import { DEFAULT_CALLING_SETTINGS } from '../src/main/domain/settings';
import { openStore, readPlanningInput } from '../src/main/store';
import { BENCH_SESSION, dayAt, DAYS, type MadeDesk } from './support/desk-data';
import { report } from './report-line';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function load(): string {
  return `load: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} (1, 5, 15 min)`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timed<T>(work: () => T): { value: T } & Timing {
  const cpu = process.cpuUsage();
  const began = performance.now();
  const value = work();
  const wallMs = performance.now() - began;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function makeDesk(file: string): MadeDesk {
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const made = spawnSync(tsx, [join(__dirname, 'support', 'desk-data.ts'), file], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`could not make the desk: ${made.stderr}`);
  return JSON.parse(made.stdout.trim().split('\n').at(-1)!) as MadeDesk;
}

const given = process.env.BENCH_DESK;
const dir = given ? null : mkdtempSync(join(tmpdir(), 'acs-bench-plan-'));
const file = given ?? join(dir!, 'desk.sqlite');
try {
  console.log(load());
  if (!given || !existsSync(file)) {
    const began = performance.now();
    const desk = makeDesk(file);
    console.log(
      `desk: ${desk.orders.toLocaleString('en-US')} orders (${desk.callable.toLocaleString('en-US')} OFD/Undelivered), ${desk.calls.toLocaleString('en-US')} calls, ${desk.fileMb.toFixed(0)} MB; made in ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
    report({ name: 'migration-007-backfill-300k-calls', value: desk.backfillSeconds, unit: 's', digits: 1 });
  }
  const rssBefore = process.memoryUsage().rss;
  const store = openStore(file);
  const settings = DEFAULT_CALLING_SETTINGS;
  const nextSlot = dayAt(DAYS - 1, 12);

  const plans = {
    session: [] as Timing[],
    reads: [] as Timing[],
    policy: [] as Timing[],
    queue: [] as Timing[],
  };
  let summary = '';
  for (let run = 0; run <= RUNS; run += 1) {
    // What the scheduler does when a session starts.
    const reads = timed(() => readPlanningInput(store));
    const policy = timed(() => planSession({ ...reads.value, settings, sessionStart: BENCH_SESSION }));
    // A Queue read's planning part: the same reads, the plan for the next slot.
    const queue = timed(() => planSession({ ...readPlanningInput(store), settings, sessionStart: nextSlot }));
    if (run === 0) {
      const { queue: planned, skipCounts } = policy.value;
      summary = `plan: ${planned.length} calls; skipped ${Object.entries(skipCounts)
        .filter(([, n]) => n > 0)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ')}`;
      continue;
    }
    // Only the timings are kept: holding nine plans would count against planning's peak memory.
    const timing = ({ wallMs, cpuMs }: Timing): Timing => ({ wallMs, cpuMs });
    plans.reads.push(timing(reads));
    plans.policy.push(timing(policy));
    plans.session.push({ wallMs: reads.wallMs + policy.wallMs, cpuMs: reads.cpuMs + policy.cpuMs });
    plans.queue.push(timing(queue));
  }
  store.close();
  console.log(summary);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const ms = (timings: Timing[]) => median(timings.map((timing) => timing.wallMs));
  const cpu = (timings: Timing[]) => median(timings.map((timing) => timing.cpuMs));
  report({
    name: 'plan-session-100k-orders-300k-calls',
    value: ms(plans.session),
    unit: 'ms',
    digits: 1,
    target: { below: 50 },
  });
  console.log(
    `  CPU ${cpu(plans.session).toFixed(1)} ms; store reads ${ms(plans.reads).toFixed(1)} ms (CPU ${cpu(plans.reads).toFixed(1)}), planSession ${ms(plans.policy).toFixed(1)} ms (CPU ${cpu(plans.policy).toFixed(1)}); median of ${RUNS}`,
  );
  report({ name: 'plan-session-peak-rss', value: peakRssMb, unit: 'MB', target: { below: 250 } });
  console.log(`  ${(rssBefore / 2 ** 20).toFixed(0)} MB before the store was opened`);
  report({
    name: 'queue-read-planning-part-100k',
    value: ms(plans.queue),
    unit: 'ms',
    digits: 1,
    target: { below: 50 },
  });
  console.log(`  CPU ${cpu(plans.queue).toFixed(1)} ms; median of ${RUNS}`);
  console.log(load());
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
