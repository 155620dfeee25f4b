/**
 * One calling session of the real engine (scheduler, policy, store, dialler, VAPI client) against the fake
 * VAPI over HTTP, on a virtual clock (a day in seconds, as the simulator runs; the fake in this process, on
 * that clock) or on the system clock (the fake in a process of its own, `npm run fake-vapi`, as VAPI is
 * another machine: its work does not run on the desk's event loop): N orders, every call answered after
 * `callSeconds`, an account of `lines` lines (the fake's concurrency limit, which VAPI reports on each
 * create), the desk's default settings otherwise — "calls at once" stays at its default (10), the poll
 * interval at DEFAULT_POLL_INTERVAL_MS unless the run says. The fake answers at once (no network latency). Returns how long the session took, from its start
 * to its end as the store recorded them, and what the provider saw.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_PLACED_PATH, startFakeVapi, type PlacedCall } from '../../src/dev/fake-vapi/server';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../../src/main/domain/settings';
import { systemClock, type Clock } from '../../src/main/clock';
import { createEngine } from '../../src/main/engine/engine';
import type { CallProvider } from '../../src/main/engine/provider';
import { clockSlotTimer } from '../../src/main/engine/slot-timer';
import { VirtualClock } from '../../src/main/engine/virtual-clock';
import { orderInputFromRecord } from '../../src/main/intake/records';
import { silentLogger } from '../../src/main/log';
import { openStore } from '../../src/main/store';
import { VapiClient } from '../../src/main/vapi';
import type { VapiCall } from '../../src/main/vapi/types';
import { providerErrorFacts } from '../../src/main/engine/provider';

export interface DialRun {
  calls: number;
  callSeconds: number;
  lines: number;
  clock: 'virtual' | 'system';
  /** How often calls in flight are read; DEFAULT_POLL_INTERVAL_MS (the desk's) when not given. */
  pollIntervalMs?: number;
  /**
   * The desk's first session on this account: it has never heard VAPI's line limit, so its first create goes
   * alone to learn it. Otherwise the desk knows the limit as VAPI said it on an earlier create (every session
   * after a desk's first), as the desk keeps it (EngineDeps.lineLimit).
   */
  firstSession?: boolean;
}

export interface DialResult {
  /** From the session's start to its end, on the session's clock. */
  seconds: number;
  /** ceil(N / C) · d: every line busy from the first second to the last. */
  boundSeconds: number;
  created: number;
  /** Creates VAPI refused for want of a free line. */
  blocked: number;
  mostUp: number;
}

/** The fake VAPI a session dials: its address, the calls it placed, and how to stop it. */
interface BenchVapi {
  url: string;
  /** Each call it placed and when it was created, on its clock, in order. */
  placedCalls(): Promise<{ id: string; at: number }[]>;
  /** Requests it has not answered yet (0 for a fake in another process). */
  inFlight(): number;
  close(): Promise<void>;
}

const KEY = 'bench-key';

async function fakeHere(clock: Clock, run: DialRun): Promise<BenchVapi> {
  const fake = await startFakeVapi({
    clock,
    apiKey: KEY,
    callSeconds: run.callSeconds,
    concurrencyLimit: run.lines,
  });
  return {
    url: fake.url,
    placedCalls: () => Promise.resolve(fake.created().map(({ id, at }) => ({ id, at }))),
    inFlight: () => fake.inFlight,
    close: () => fake.close(),
  };
}

/** `npm run fake-vapi` in a child process, on the system clock. */
async function fakeElsewhere(run: DialRun): Promise<BenchVapi> {
  const root = join(__dirname, '..', '..');
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    [
      join(root, 'src', 'dev', 'fake-vapi', 'cli.ts'),
      ...[
        '--api-key',
        KEY,
        '--call-seconds',
        String(run.callSeconds),
        '--concurrency-limit',
        String(run.lines),
      ],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /https?:\/\/\S+/.exec(seen);
      if (found) resolve(found[0]);
    });
    child.once('exit', (code) => reject(new Error(`the fake VAPI exited (${code}): ${seen}`)));
  });
  return {
    url,
    placedCalls: async () => {
      const reply = await fetch(`${url}${FAKE_PLACED_PATH}`, { headers: { authorization: `Bearer ${KEY}` } });
      return ((await reply.json()) as PlacedCall[]).map(({ id, at }) => ({ id, at }));
    },
    inFlight: () => 0,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * BENCH_TRACE=1: where each round's time goes. Rounds are the placed calls in order of creation, C at a time
 * (the lines refilled together). Per round, in ms from the session's start: the first create sent, the last
 * create sent, the latest the fake received one (its createdAt: the call's clock starts there), the latest
 * answer to a create, the latest end at the fake (createdAt + d), the latest read that saw a call of the
 * round ended (sent, answered), and the next round's first create. The losses: how long after the last end
 * the read that saw it was sent, its round trip, and from that answer to the next round's creates.
 */
class RoundTrace {
  private readonly creates = new Map<string, { sent: number; answered: number }>();
  /** When the desk first had an answer saying each call ended, and when that read was sent. */
  private readonly seenEnded = new Map<string, { sent: number; answered: number }>();

  constructor(private readonly clock: Clock) {}

  created(id: string, sent: number): void {
    this.creates.set(id, { sent, answered: this.clock.now() });
  }

  read(sent: number, calls: VapiCall[]): void {
    const answered = this.clock.now();
    for (const call of calls) {
      if (call.status === 'ended' && !this.seenEnded.has(call.id))
        this.seenEnded.set(call.id, { sent, answered });
    }
  }

  print(placed: { id: string; at: number }[], sessionStart: number, run: DialRun): void {
    const d = run.callSeconds * 1000;
    const rel = (at: number) => Math.round(at - sessionStart);
    const max = (values: number[]) => Math.max(...values);
    const min = (values: number[]) => Math.min(...values);
    console.log(
      '  round: 1st create sent, last sent | fake got last (sent→got max) | last answered | last end at fake | read that saw it sent (after end) → answered | next round 1st create (after answer)',
    );
    const rounds: { id: string; at: number }[][] = [];
    for (let i = 0; i < placed.length; i += run.lines) rounds.push(placed.slice(i, i + run.lines));
    rounds.forEach((round, index) => {
      const creates = round.map((call) => this.creates.get(call.id)!).filter(Boolean);
      const sentFirst = min(creates.map((c) => c.sent));
      const sentLast = max(creates.map((c) => c.sent));
      const transit = max(round.map((call) => call.at - (this.creates.get(call.id)?.sent ?? call.at)));
      const lastEnd = max(round.map((call) => call.at + d));
      const seen = round.map((call) => this.seenEnded.get(call.id)).filter((s) => s !== undefined);
      const seenLast = seen.reduce((a, b) => (b.answered > a.answered ? b : a), seen[0]!);
      const next = rounds[index + 1];
      const nextFirst = next ? min(next.map((call) => this.creates.get(call.id)?.sent ?? Infinity)) : null;
      console.log(
        `  ${index + 1}: ${rel(sentFirst)}, ${rel(sentLast)} | ${rel(max(round.map((c) => c.at)))} (${Math.round(transit)}) | ${rel(max(creates.map((c) => c.answered)))} | ${rel(lastEnd)} | ${rel(seenLast.sent)} (+${Math.round(seenLast.sent - lastEnd)}) → ${rel(seenLast.answered)} (rtt ${Math.round(seenLast.answered - seenLast.sent)})${nextFirst === null ? '' : ` | ${rel(nextFirst)} (+${Math.round(nextFirst - seenLast.answered)})`}`,
      );
    });
  }
}

/** The most calls up at once, from when each was placed and how long each lasts. */
function mostAtOnce(placedAt: number[], callMs: number): number {
  const edges = placedAt.flatMap((at) => [
    [at, 1],
    [at + callMs, -1],
  ]);
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let up = 0;
  let most = 0;
  for (const [, step] of edges) {
    up += step!;
    most = Math.max(most, up);
  }
  return most;
}

/** Asia/Kolkata working hours that hold whenever the bench runs on the system clock. */
const ALL_DAY: Pick<CallingSettings, 'workingHours'> = { workingHours: { start: '00:00', end: '23:59' } };

export async function dialSession(run: DialRun): Promise<DialResult> {
  const virtual = run.clock === 'virtual' ? new VirtualClock(Date.UTC(2026, 10, 24, 4, 30)) : null;
  const clock: Clock = virtual ?? systemClock;
  const dir = mkdtempSync(join(tmpdir(), 'acs-bench-dial-'));
  const store = openStore(join(dir, 'desk.sqlite'));
  const fake = virtual ? await fakeHere(virtual, run) : await fakeElsewhere(run);
  const client = new VapiClient({
    baseUrl: fake.url,
    apiKey: KEY,
    assistantId: 'bench-assistant',
    phoneNumberId: 'bench-phone-number',
    clock,
  });
  let blocked = 0;
  // BENCH_LOG=1: every request to the fake, with when it was sent and answered (ms on the session's clock).
  const began = clock.now();
  const traced = <T>(what: string, request: () => Promise<T>): Promise<T> => {
    if (!process.env.BENCH_LOG) return request();
    const sent = clock.now() - began;
    const done = (outcome: string) => console.log(`${sent} → ${clock.now() - began} ms ${what} ${outcome}`);
    return request().then(
      (value) => (done('ok'), value),
      (error: unknown) => (done(String(error)), Promise.reject(error as Error)),
    );
  };
  const trace = process.env.BENCH_TRACE ? new RoundTrace(clock) : null;
  const provider: CallProvider = {
    createCall: (request, options) => {
      const sent = clock.now();
      return traced('create', () => client.createCall(request, options)).then(
        (call) => (trace?.created(call.id, sent), call),
        (error: unknown) => {
          if (providerErrorFacts(error).kind === 'concurrency-limit') blocked += 1;
          throw error;
        },
      );
    },
    getCall: (id) => {
      const sent = clock.now();
      return traced(`get ${id}`, () => client.getCall(id)).then((call) => (trace?.read(sent, [call]), call));
    },
    listCalls: (query) => {
      const sent = clock.now();
      return traced('list', () => client.listCalls(query)).then((calls) => (trace?.read(sent, calls), calls));
    },
  };
  const settings: CallingSettings = { ...DEFAULT_CALLING_SETTINGS, ...ALL_DAY };
  const engine = createEngine({
    store,
    clock,
    logger: process.env.BENCH_LOG
      ? { log: (entry) => console.log(new Date(entry.at).toISOString(), entry.level, entry.message) }
      : silentLogger,
    slotTimer: clockSlotTimer(clock),
    settings: () => settings,
    provider: () => ({ provider, kind: 'live', phoneNumberId: 'bench-phone-number' }),
    providerFor: () => provider,
    pollIntervalMs: run.pollIntervalMs,
    lineLimit: run.firstSession ? undefined : () => run.lines,
  });
  try {
    store.orders.upsertMany(
      Array.from({ length: run.calls }, (_, index) =>
        orderInputFromRecord(
          {
            awb: `AWB${index}`,
            customer: `Customer ${index}`,
            phone: `9${String(700_000_000 + index)}`,
            type: 'OFD',
          },
          settings.phoneRegion,
        ),
      ),
      clock.now(),
    );
    const started = await engine.scheduler.runNow();
    if (!started.started) throw new Error(`the session did not start: ${started.reason}`);
    if (virtual) {
      const settle = async () => {
        let quiet = 0;
        while (quiet < 3) {
          await new Promise((resolve) => setImmediate(resolve));
          quiet = client.inFlight + fake.inFlight() === 0 ? quiet + 1 : 0;
        }
      };
      for (;;) {
        // Requests started at this instant are answered before time moves on.
        await settle();
        const next = virtual.nextTimerAt();
        if (!engine.scheduler.sessionRunning || next === null) break;
        await virtual.advanceTo(next, settle);
      }
    }
    await engine.scheduler.whenIdle();
    const session = store.sessions.get(started.sessionId);
    if (!session?.endedAt) throw new Error('the session did not end');
    const placed = await fake.placedCalls();
    const placedAt = placed.map((call) => call.at);
    trace?.print(placed, session.startedAt, run);
    return {
      seconds: (session.endedAt - session.startedAt) / 1000,
      boundSeconds: Math.ceil(run.calls / run.lines) * run.callSeconds,
      created: placedAt.length,
      blocked,
      mostUp: mostAtOnce(placedAt, run.callSeconds * 1000),
    };
  } finally {
    engine.scheduler.stop();
    engine.reconciler.stop();
    await fake.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
