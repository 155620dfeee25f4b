/**
 * Benchmark: does a session dial at the provider's bound? N calls of d seconds on an account of C lines take
 * at best ceil(N/C)·d; the target is 1.05 × that. The real engine against the fake VAPI (bench/support/
 * dial-session.ts): N = 1,000 calls of 45 s on the virtual clock, and N = 200 calls of 2 s on the system
 * clock, for C = 5, 10 and 50, with the desk's "calls at once" at its default (10) — VAPI's limit decides —
 * and the desk's default poll interval (1 s).
 *
 * A call's end is seen at the next read of it: the tracker reads each call at whole poll intervals of its own
 * age, counted from VAPI's createdAt (engine/call-tracker.ts), so a call of a whole number of intervals is
 * seen ended as it ends, and a round's lines refill together. On the system clock each round still loses what
 * the desk and the fake take between a call's end and the next call's start (a list's round trip, the round's
 * rows in one transaction, the creates' way to the fake: a few milliseconds on an idle machine, far more on
 * a loaded one, where each is a wake-up of one process or the other; the load is printed).
 * The desk knows the account's line limit as VAPI said it on an earlier create (every session but a desk's
 * first on an account), so a round's creates go out together; `BENCH_FIRST=1` also runs each real-clock
 * session as a desk's first (one create alone to learn the limit), in the same run, for comparison.
 * `BENCH_QUICK=1` runs smaller sessions (N / 5) for a quick look; `BENCH_CLOCK=virtual` (or `system`) runs
 * only those; `BENCH_LINES=10,50` only those line counts; `BENCH_TRACE=1` prints where each round's time goes
 * (bench/support/dial-session.ts). The 1,000-call virtual sessions take a few minutes of real time (a list request a second of
 * virtual time); the figures are virtual time and do not depend on it.
 */
import { loadavg } from 'node:os';
import { dialSession, type DialRun } from './support/dial-session';
import { report } from './report-line';

const QUICK = process.env.BENCH_QUICK === '1';
/** `BENCH_LINES=10,50` runs only those line counts. */
const LINES = process.env.BENCH_LINES ? process.env.BENCH_LINES.split(',').map(Number) : [5, 10, 50];

function load(): string {
  return `load: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} (1, 5, 15 min)`;
}

async function figure(name: string, run: DialRun): Promise<boolean> {
  const cpuBefore = process.cpuUsage();
  const result = await dialSession(run);
  const cpu = process.cpuUsage(cpuBefore);
  const ok = report({
    name,
    value: result.seconds,
    unit: 's',
    digits: 1,
    target: { below: 1.05 * result.boundSeconds },
  });
  console.log(
    `  ${(result.seconds / result.boundSeconds).toFixed(3)} × the bound ${result.boundSeconds} s; ${result.created} calls, ${result.blocked} creates blocked, at most ${result.mostUp} calls up; ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`,
  );
  return ok;
}

/** The sessions measured, in order. */
function runs(): { name: string; run: DialRun }[] {
  const virtualCalls = QUICK ? 200 : 1_000;
  const realCalls = QUICK ? 40 : 200;
  const cases = (clock: DialRun['clock'], calls: number, callSeconds: number) =>
    LINES.map((lines) => ({
      name: `session-${clock === 'virtual' ? 'virtual' : 'real'}-${calls}x${callSeconds}s-C${lines}`,
      run: { calls, callSeconds, lines, clock },
    }));
  const only = process.env.BENCH_CLOCK;
  const first =
    process.env.BENCH_FIRST === '1'
      ? cases('system', realCalls, 2).map(({ name, run }) => ({
          name: `${name}-first`,
          run: { ...run, firstSession: true },
        }))
      : [];
  // A desk's first session goes before the others: the first session of the process pays its warm-up.
  return [...cases('virtual', virtualCalls, 45), ...first, ...cases('system', realCalls, 2)].filter(
    (measured) => only === undefined || measured.run.clock === only,
  );
}

async function main(): Promise<void> {
  console.log(load());
  let allOk = true;
  for (const { name, run } of runs()) {
    allOk = (await figure(name, run)) && allOk;
  }
  console.log(load());
  process.exitCode = allOk ? 0 : 1;
}

void main();
