/**
 * Runs a scenario day on the REAL engine — scheduler, policy, store, dialer, VAPI client — on a virtual clock
 * against the fake VAPI over real HTTP, and reports what happened. It has no calling logic of its own: orders
 * enter through the intake path, status events through the sync path, run-now through the scheduler.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLocalIso } from '../domain/local-time';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../domain/settings';
import { clockSlotTimer } from '../engine/slot-timer';
import { Scheduler } from '../engine/scheduler';
import { VirtualClock } from '../engine/virtual-clock';
import { orderInputFromRecord, statusChangeFromRecord } from '../intake/records';
import { silentLogger, type Logger } from '../log';
import { openStore } from '../store';
import { VapiClient } from '../vapi';
import { startFakeVapi } from '../../dev/fake-vapi/server';
import { seededRandom } from '../../dev/fake-vapi/outcomes';
import { normalisePhone } from '../domain/phone';
import { buildReport, type SimulationReport } from './report';
import type { Scenario } from './scenario';

export interface RunOptions {
  logger?: Logger;
  /** Keep the temporary store for inspection (its path is returned in the report's `storePath`). */
  keepStore?: boolean;
}

/** Lets real I/O started at this virtual instant (HTTP to the fake VAPI) finish before time moves on. */
async function settleIo(inFlight: () => number): Promise<void> {
  let quietTurns = 0;
  while (quietTurns < 3) {
    await new Promise((resolve) => setImmediate(resolve));
    quietTurns = inFlight() === 0 ? quietTurns + 1 : 0;
  }
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
  const store = openStore(join(dir, 'simulation.sqlite'));
  const logger = options.logger ?? silentLogger;

  const outcomes: Record<string, Scenario['outcomes'][string]> = {};
  for (const [phone, list] of Object.entries(scenario.outcomes)) {
    const checked = normalisePhone(phone, settings.phoneRegion);
    outcomes[checked.ok ? checked.e164 : phone] = list;
  }
  const fake = await startFakeVapi({ clock, callSeconds: scenario.callSeconds, outcomes, apiKey: 'sim-key' });
  for (const fault of scenario.faults.createCall ?? []) {
    fake.addFault({ endpoint: 'createCall', status: fault.status, from: at(fault.from), to: at(fault.to) });
  }
  for (const fault of scenario.faults.getCall ?? []) {
    fake.addFault({ endpoint: 'getCall', status: fault.status, from: at(fault.from), to: at(fault.to) });
  }
  const client = new VapiClient({
    baseUrl: fake.url,
    apiKey: 'sim-key',
    assistantId: 'sim-assistant',
    phoneNumberId: 'sim-phone-number',
    clock,
    // Retry jitter from a fixed seed: the same scenario gives the same day every run.
    random: seededRandom(20261124),
  });

  const scheduler = new Scheduler({
    store,
    clock,
    logger,
    slotTimer: clockSlotTimer(clock),
    settings: () => settings,
    provider: () => client,
  });

  for (const record of scenario.orders) {
    clock.setTimeout(
      () => store.orders.upsertMany([orderInputFromRecord(record, settings.phoneRegion)], clock.now()),
      at(record.at) - clock.now(),
    );
  }
  for (const event of scenario.events) {
    clock.setTimeout(
      () => store.orders.applyStatusChanges([statusChangeFromRecord(event)], clock.now()),
      at(event.at) - clock.now(),
    );
  }
  for (const request of scenario.manualRuns) {
    clock.setTimeout(() => void scheduler.runNow(), at(request) - clock.now());
  }

  try {
    scheduler.start();
    const settle = () => settleIo(() => client.inFlight + fake.inFlight);
    await clock.advanceTo(at(scenario.end), settle);
    scheduler.stop();
    // A session still dialling at the end of the scenario is followed to its end so every call is recorded.
    while (scheduler.sessionRunning) {
      const next = clock.nextTimerAt();
      if (next === null) break;
      await clock.advanceTo(next, settle);
    }
    return buildReport(store, scenario, settings, options.keepStore ? dir : null);
  } finally {
    await fake.close();
    store.close();
    if (!options.keepStore) rmSync(dir, { recursive: true, force: true });
  }
}
