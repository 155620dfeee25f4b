/**
 * Runs a scenario day on the REAL engine — scheduler, reconciler, policy, store, dialer, VAPI client — on a
 * virtual clock against the fake VAPI over real HTTP, and reports what happened. It has no calling logic of
 * its own: orders enter through the intake path, status events through the sync path, run-now through the
 * scheduler. Faults are real too: VAPI's errors and lost replies come from the fake over HTTP, a locked
 * database from a second SQLite connection holding the file, a crash from a desk whose timers and replies
 * die at once while VAPI and the file live on, and a restart is a new engine on the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLocalIso } from '../domain/local-time';
import { normalisePhone } from '../domain/phone';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../domain/settings';
import { durableWrite } from '../engine/durable-write';
import { createEngine, type Engine } from '../engine/engine';
import { DEFAULT_MAX_CALL_SECONDS } from '../engine/session-run';
import { clockSlotTimer } from '../engine/slot-timer';
import { VirtualClock } from '../engine/virtual-clock';
import { orderInputFromRecord, statusChangeFromRecord } from '../intake/records';
import { silentLogger, type Logger } from '../log';
import { openStore, type Store } from '../store';
import { VapiClient } from '../vapi';
import { startFakeVapi } from '../../dev/fake-vapi/server';
import { seededRandom, type FakeOutcome } from '../../dev/fake-vapi/outcomes';
import { MortalClock, mortalProvider } from './mortal-desk';
import { buildReport, type SimulationReport } from './report';
import type { Scenario } from './scenario';

export interface RunOptions {
  logger?: Logger;
  /** Keep the temporary store for inspection (its path is returned in the report's `storePath`). */
  keepStore?: boolean;
}

const SIM_KEY = 'sim-key';
const SIM_PHONE_NUMBER_ID = 'sim-phone-number';
/**
 * Real milliseconds before the client gives up on a reply that never comes (a `timeout` fault). Long enough
 * that a busy machine never times out a request the fake did answer: the day must not depend on the load.
 */
const SIM_REQUEST_TIMEOUT_MS = 3_000;
/** A locked file fails a statement at once here; the engine's own retries wait on the virtual clock. */
const SIM_BUSY_TIMEOUT_MS = 5;
/**
 * Calls in flight are read every 5 s here (the desk reads every second): a simulated day stays a few seconds
 * of real time, and scripted call lengths are multiples of 5 s, so a call's end is noticed as it happens.
 */
const SIM_POLL_INTERVAL_MS = 5_000;
/** After the last session, unresolved calls are given this long to be settled with VAPI. */
const SETTLE_AFTER_END_MS = 30 * 60_000;

/** Lets real I/O started at this virtual instant (HTTP to the fake VAPI) finish before time moves on. */
async function settleIo(inFlight: () => number): Promise<void> {
  let quietTurns = 0;
  while (quietTurns < 3) {
    await new Promise((resolve) => setImmediate(resolve));
    quietTurns = inFlight() === 0 ? quietTurns + 1 : 0;
  }
}

interface Desk {
  engine: Engine;
  store: Store;
  client: VapiClient;
  kill(): void;
}

export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<SimulationReport> {
  const at = (local: string) => parseLocalIso(local, scenario.timezone)!;
  const settings: CallingSettings = {
    ...DEFAULT_CALLING_SETTINGS,
    ...scenario.settings,
    timezone: scenario.timezone,
  };
  const clock = new VirtualClock(at(scenario.start));
  const dir = mkdtempSync(join(tmpdir(), 'acs-sim-'));
  const file = join(dir, 'simulation.sqlite');
  const logger = options.logger ?? silentLogger;
  // The order source and the "other program" that locks the file: connections of their own.
  const intake = openStore(file, { busyTimeoutMs: SIM_BUSY_TIMEOUT_MS });
  const locker = openStore(file);

  const byNumber = (list: string[]) =>
    list.map((phone) => {
      const checked = normalisePhone(phone, settings.phoneRegion);
      return checked.ok ? checked.e164 : phone;
    });
  const outcomes: Record<string, FakeOutcome[]> = {};
  for (const [phone, list] of Object.entries(scenario.outcomes)) {
    outcomes[byNumber([phone])[0]!] = list as FakeOutcome[];
  }
  const fake = await startFakeVapi({
    clock,
    callSeconds: scenario.callSeconds,
    outcomes,
    stuck: byNumber(scenario.stuck),
    timezone: scenario.timezone,
    apiKey: SIM_KEY,
  });
  for (const fault of scenario.faults.createCall ?? []) {
    const timing = { from: at(fault.from), to: at(fault.to), dialled: fault.effect === 'dialled' };
    if (typeof fault.status === 'number')
      fake.addFault({ endpoint: 'createCall', status: fault.status, ...timing });
    else fake.addFault({ endpoint: 'createCall', kind: fault.status, ...timing });
  }
  for (const fault of scenario.faults.getCall ?? []) {
    for (const endpoint of ['getCall', 'listCalls'] as const) {
      fake.addFault({ endpoint, status: fault.status, from: at(fault.from), to: at(fault.to) });
    }
  }

  // Retry jitter from a fixed seed: the same scenario gives the same day every run.
  const random = seededRandom(20261124);
  let desk: Desk | null = null;
  const startDesk = (): Desk => {
    const deskClock = new MortalClock(clock);
    const store = openStore(file, { busyTimeoutMs: SIM_BUSY_TIMEOUT_MS });
    const client = new VapiClient({
      baseUrl: fake.url,
      apiKey: SIM_KEY,
      assistantId: 'sim-assistant',
      phoneNumberId: SIM_PHONE_NUMBER_ID,
      clock: deskClock,
      requestTimeoutMs: SIM_REQUEST_TIMEOUT_MS,
      random,
    });
    const provider = mortalProvider(client);
    const engine = createEngine({
      store,
      clock: deskClock,
      logger,
      slotTimer: clockSlotTimer(deskClock),
      settings: () => settings,
      provider: () => ({ provider, kind: 'live', phoneNumberId: SIM_PHONE_NUMBER_ID }),
      providerFor: () => provider,
      // The simulated assistant lets a scripted call run its course: calls are cut off only past VAPI's
      // default maximum when the scenario scripts longer ones.
      maxCallSeconds: Math.max(DEFAULT_MAX_CALL_SECONDS, scenario.callSeconds),
      pollIntervalMs: SIM_POLL_INTERVAL_MS,
      random,
    });
    engine.scheduler.start();
    return {
      engine,
      store,
      client,
      kill: () => {
        deskClock.kill();
        provider.kill();
        engine.reconciler.stop();
        store.close();
      },
    };
  };

  const intakeWrite = (what: string, write: () => unknown) =>
    void durableWrite({ clock, logger }, what, write);
  for (const record of scenario.orders) {
    clock.setTimeout(
      () =>
        intakeWrite(`order ${record.awb}`, () =>
          intake.orders.upsertMany([orderInputFromRecord(record, settings.phoneRegion)], clock.now()),
        ),
      at(record.at) - clock.now(),
    );
  }
  for (const event of scenario.events) {
    clock.setTimeout(
      () =>
        intakeWrite(`status of ${event.awb}`, () =>
          intake.orders.applyStatusChanges([statusChangeFromRecord(event)], clock.now()),
        ),
      at(event.at) - clock.now(),
    );
  }
  for (const fault of scenario.faults.store ?? []) {
    clock.setTimeout(() => locker.db.exec('BEGIN EXCLUSIVE'), at(fault.from) - clock.now());
    clock.setTimeout(() => locker.db.exec('COMMIT'), at(fault.to) - clock.now());
  }
  for (const crash of scenario.crashes) {
    clock.setTimeout(
      () => {
        desk?.kill();
        desk = null;
      },
      at(crash.at) - clock.now(),
    );
    clock.setTimeout(() => (desk = startDesk()), at(crash.restartAt) - clock.now());
  }
  for (const request of scenario.manualRuns) {
    clock.setTimeout(() => void desk?.engine.scheduler.runNow(), at(request) - clock.now());
  }

  const inFlight = () => (desk?.client.inFlight ?? 0) + fake.inFlight;
  const settle = () => settleIo(inFlight);
  try {
    desk = startDesk();
    await clock.advanceTo(at(scenario.end), settle);
    desk?.engine.scheduler.stop();
    // A session still dialling at the end of the scenario is followed to its end so every call is recorded,
    // and calls whose fate is unknown get a while to be settled with VAPI.
    const settleBy = clock.now() + SETTLE_AFTER_END_MS;
    while (desk?.engine.scheduler.sessionRunning || (desk && desk.store.calls.unresolved().length > 0)) {
      const next = clock.nextTimerAt();
      if (next === null || (!desk.engine.scheduler.sessionRunning && next > settleBy)) break;
      await clock.advanceTo(next, settle);
    }
    return buildReport(intake, scenario, settings, fake.created(), options.keepStore ? dir : null);
  } finally {
    desk?.kill();
    await fake.close();
    intake.close();
    locker.close();
    if (!options.keepStore) rmSync(dir, { recursive: true, force: true });
  }
}
