/**
 * A real engine for tests: a store in a temp file, the fake VAPI over HTTP, the VAPI client and a scheduler,
 * all on one virtual clock, with `advanceTo` that lets real I/O settle between timers (as the simulator does).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../src/dev/fake-vapi/server';
import { parseLocalIso } from '../../src/main/domain/local-time';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../../src/main/domain/settings';
import type { CallProvider } from '../../src/main/engine/provider';
import { Scheduler } from '../../src/main/engine/scheduler';
import { clockSlotTimer } from '../../src/main/engine/slot-timer';
import { VirtualClock } from '../../src/main/engine/virtual-clock';
import type { LogEntry } from '../../src/main/log';
import { openStore, type Store } from '../../src/main/store';
import { VapiClient } from '../../src/main/vapi';

export const TZ = 'Asia/Kolkata';
export const local = (text: string): number => parseLocalIso(text, TZ)!;

export interface Harness {
  clock: VirtualClock;
  store: Store;
  storeFile: string;
  fake: FakeVapi;
  client: VapiClient;
  scheduler: Scheduler;
  settings: CallingSettings;
  logs: LogEntry[];
  advanceTo(localTime: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: {
  start: string;
  settings?: Partial<CallingSettings>;
  fake?: Partial<FakeVapiOptions>;
  provider?: (client: VapiClient, context: { fake: FakeVapi; clock: VirtualClock }) => CallProvider;
  storeFile?: string;
}): Promise<Harness> {
  const clock = new VirtualClock(local(options.start));
  const storeFile = options.storeFile ?? join(mkdtempSync(join(tmpdir(), 'acs-engine-')), 'desk.sqlite');
  const store = openStore(storeFile);
  const fake = await startFakeVapi({ clock, apiKey: 'test-key', callSeconds: 45, ...options.fake });
  const client = new VapiClient({
    baseUrl: fake.url,
    apiKey: 'test-key',
    assistantId: 'assistant',
    phoneNumberId: 'phone-number',
    clock,
    random: () => 0.5,
  });
  const settings: CallingSettings = { ...DEFAULT_CALLING_SETTINGS, ...options.settings };
  const logs: LogEntry[] = [];
  const provider = options.provider ? options.provider(client, { fake, clock }) : client;
  const scheduler = new Scheduler({
    store,
    clock,
    logger: { log: (entry) => logs.push(entry) },
    slotTimer: clockSlotTimer(clock),
    settings: () => settings,
    provider: () => provider,
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
    scheduler,
    settings,
    logs,
    advanceTo: (localTime) => clock.advanceTo(local(localTime), settle),
    close: async () => {
      scheduler.stop();
      await fake.close();
      store.close();
    },
  };
}
