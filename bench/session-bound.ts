/**
 * Benchmark: does a session dial at the provider's bound? N calls of d seconds on an account of C lines take
 * at best ceil(N/C)·d; the target is 1.05 × that. The real engine against the fake VAPI (bench/support/
 * dial-session.ts): N = 1,000 calls of 45 s on the virtual clock, and N = 200 calls of 2 s on the system
 * clock, for C = 5, 10 and 50, with the desk's "calls at once" at its default (10) — VAPI's limit decides —
 * and the desk's default poll interval (1 s).
 *
 * A call's end is seen at the next poll. On the virtual clock a round's calls start right after the poll that
 * saw the last round end, and whole-second calls end on a poll: nothing is lost. On the system clock the
 * poll's phase against a call's end is arbitrary, so each round loses about half a poll interval: with 2 s
 * calls and a 1 s poll that is ~25 % over the bound, whatever the engine does. The same runs with a 0.2 s poll
 * (the host's setting for short sandbox calls) show the engine's own overhead.
 * `BENCH_QUICK=1` runs smaller sessions (N / 5) for a quick look; `BENCH_CLOCK=virtual` (or `system`) runs
 * only those. The 1,000-call virtual sessions take minutes of real time: the fake VAPI renders every call
 * it ever placed on each list request (src/dev/fake-vapi/server.ts listCalls), so each poll grows with the
 * session; the figures are virtual time and do not depend on it.
 */
import { loadavg } from 'node:os';
import { dialSession, type DialRun } from './support/dial-session';
import { report } from './report-line';

const QUICK = process.env.BENCH_QUICK === '1';
const LINES = [5, 10, 50];

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

/** The sessions measured, in order: each with a target unless it only shows what a setting changes. */
function runs(): { name: string; run: DialRun; targeted: boolean }[] {
  const virtualCalls = QUICK ? 200 : 1_000;
  const realCalls = QUICK ? 40 : 200;
  const cases = (
    clock: DialRun['clock'],
    calls: number,
    callSeconds: number,
    pollIntervalMs: number | undefined,
  ) =>
    LINES.map((lines) => ({
      name: `session-${clock === 'virtual' ? 'virtual' : 'real'}-${calls}x${callSeconds}s-C${lines}${pollIntervalMs ? `-poll-${pollIntervalMs / 1000}s` : ''}`,
      run: { calls, callSeconds, lines, clock, pollIntervalMs },
      targeted: pollIntervalMs === undefined,
    }));
  const only = process.env.BENCH_CLOCK;
  return [
    ...cases('virtual', virtualCalls, 45, undefined),
    ...cases('system', realCalls, 2, undefined),
    ...cases('system', realCalls, 2, 200),
  ].filter((measured) => only === undefined || measured.run.clock === only);
}

async function main(): Promise<void> {
  console.log(load());
  let allOk = true;
  for (const { name, run, targeted } of runs()) {
    const ok = await figure(name, run);
    if (targeted) allOk = allOk && ok;
  }
  console.log(load());
  process.exitCode = allOk ? 0 : 1;
}

void main();
