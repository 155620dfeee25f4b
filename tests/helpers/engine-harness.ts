/**
 * A real engine for tests: a store in a temp file, the fake VAPI over HTTP, the VAPI client and the engine
 * (scheduler and reconciler, as the desk and the simulator build it), all on one virtual clock, with
 * `advanceTo` that lets real I/O settle between timers (as the simulator does).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../src/dev/fake-vapi/server';
import { parseLocalIso } from '../../src/main/domain/local-time';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../../src/main/domain/settings';
import { createEngine, type Engine } from '../../src/main/engine/engine';
import type { CallProvider } from '../../src/main/engine/provider';
import type { Reconciler } from '../../src/main/engine/reconciler';
import type { Scheduler } from '../../src/main/engine/scheduler';
import { clockSlotTimer, type SlotTimer } from '../../src/main/engine/slot-timer';
import { VirtualClock } from '../../src/main/engine/virtual-clock';
import type { LogEntry } from '../../src/main/log';
import { MortalClock, mortalProvider } from '../../src/main/simulator/mortal-desk';
import { openStore, type OpenDatabaseOptions, type Store } from '../../src/main/store';
import { VapiClient } from '../../src/main/vapi';

export const TZ = 'Asia/Kolkata';
export const local = (text: string): number => parseLocalIso(text, TZ)!;

export interface Harness {
  clock: VirtualClock;
  store: Store;
  storeFile: string;
  fake: FakeVapi;
  client: VapiClient;
  engine: Engine;
  scheduler: Scheduler;
  reconciler: Reconciler;
  settings: CallingSettings;
  logs: LogEntry[];
  advanceTo(localTime: string): Promise<void>;
  /** Lets real I/O finish at the current virtual instant. */
  settle(): Promise<void>;
  /** The desk dies as under `kill -9`: its timers and VAPI's replies never reach it again; the file closes. */
  kill(): void;
  close(): Promise<void>;
}

export async function startHarness(options: {
  start: string;
  settings?: Partial<CallingSettings>;
  fake?: Partial<FakeVapiOptions>;
  client?: Partial<ConstructorParameters<typeof VapiClient>[0]>;
  provider?: (client: VapiClient, context: { fake: FakeVapi; clock: VirtualClock }) => CallProvider;
  storeFile?: string;
  store?: OpenDatabaseOptions;
  /** Another harness's fake VAPI, to restart a desk against the same provider. */
  sharedFake?: FakeVapi;
  clock?: VirtualClock;
  maxCallSeconds?: number;
  pollIntervalMs?: number;
  /** The account's line limit as the desk last heard it from VAPI (EngineDeps.lineLimit). */
  lineLimit?: () => number | null;
  /** A slot timer of the test's own (late or missed timers); slots on the virtual clock otherwise. */
  slotTimer?: (clock: VirtualClock) => SlotTimer;
}): Promise<Harness> {
  const clock = options.clock ?? new VirtualClock(local(options.start));
  const deskClock = new MortalClock(clock);
  const storeFile = options.storeFile ?? join(mkdtempSync(join(tmpdir(), 'acs-engine-')), 'desk.sqlite');
  const store = openStore(storeFile, options.store);
  const fake =
    options.sharedFake ??
    (await startFakeVapi({ clock, apiKey: 'test-key', callSeconds: 45, ...options.fake }));
  const client = new VapiClient({
    baseUrl: fake.url,
    apiKey: 'test-key',
    assistantId: 'assistant',
    phoneNumberId: 'phone-number',
    clock: deskClock,
    random: () => 0.5,
    ...options.client,
  });
  const settings: CallingSettings = { ...DEFAULT_CALLING_SETTINGS, ...options.settings };
  const logs: LogEntry[] = [];
  const provider = mortalProvider(options.provider ? options.provider(client, { fake, clock }) : client);
  const engine = createEngine({
    store,
    clock: deskClock,
    logger: { log: (entry) => logs.push(entry) },
    slotTimer: options.slotTimer ? options.slotTimer(clock) : clockSlotTimer(deskClock),
    settings: () => settings,
    provider: () => ({ provider, kind: 'live', phoneNumberId: 'phone-number' }),
    providerFor: () => provider,
    maxCallSeconds: options.maxCallSeconds,
    pollIntervalMs: options.pollIntervalMs,
    lineLimit: options.lineLimit,
    random: () => 0.5,
  });
  const settle = async () => {
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = client.inFlight + fake.inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return {
    clock,
    store,
    storeFile,
    fake,
    client,
    engine,
    scheduler: engine.scheduler,
    reconciler: engine.reconciler,
    settings,
    logs,
    advanceTo: (localTime) => clock.advanceTo(local(localTime), settle),
    settle,
    kill: () => {
      deskClock.kill();
      provider.kill();
      engine.reconciler.stop();
      store.close();
    },
    close: async () => {
      engine.scheduler.stop();
      engine.reconciler.stop();
      deskClock.kill();
      if (!options.sharedFake) await fake.close();
      if (store.db.open) store.close();
    },
  };
}
