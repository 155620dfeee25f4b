/**
 * createDesk: assembles the engine (store, settings, provider, scheduler) behind the contract's methods and
 * events. The Electron shell, the headless host and the tests all get their desk from here.
 */
import { join } from 'node:path';
import { DeskArgumentError, type DeskEvent, type DeskEvents } from '../../shared/contract';
import type { DeskStatus } from '../../shared/desk-types';
import { databasePath } from '../data-dir';
import { isWithinWorkingHours } from '../domain/schedule';
import { systemClock, type Clock } from '../engine/clock';
import { Scheduler } from '../engine/scheduler';
import { clockSlotTimer, nodeScheduleSlotTimer, type SlotTimer } from '../engine/slot-timer';
import { teeLogger, type Logger } from '../log';
import { FileSecretStore } from '../secrets/file-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { openStore, type Store } from '../store';
import { acquireDeskLock } from './desk-lock';
import type { Desk, DeskListener } from './desk';
import { DeskSettings } from './desk-settings';
import { DeskIntake } from './desk-intake';
import { IntakeWorker } from '../intake/worker/intake-client';
import { LiveState } from './live-state';
import { ProviderChoice, type SandboxOptions } from './provider-choice';
import { recoverAfterRestart } from './recovery';
import { callDetail, historyItems, orderViews, queueView, todaySummary } from './views';

export type { Desk } from './desk';

export interface DeskOptions {
  dataDir: string;
  /** The wall clock by default; tests and demos pass a virtual or shifted one. */
  clock?: Clock;
  /** Where log lines go besides the live view (the shell's rotating file). */
  logger?: Logger;
  /** Where the VAPI key and order-source credentials live (the shell passes safeStorage). */
  secrets?: SecretStore;
  /** better-sqlite3 addon for this runtime (Electron passes its own build). */
  nativeBinding?: string;
  sandbox?: SandboxOptions;
  /** node-schedule on the wall clock; slots armed on `clock` when a clock is given. */
  slotTimer?: SlotTimer;
  /** How often calls in flight are read back from the provider. */
  pollIntervalMs?: number;
}

const STATUS_COALESCE_MS = 150;
const CLOSE_GRACE_MS = 5_000;

export async function createDesk(
  options: DeskOptions,
): Promise<Desk & { resumeAfterSleep(sleptAt: number, graceMinutes?: number): Promise<void> }> {
  const clock = options.clock ?? systemClock;
  const lock = acquireDeskLock(options.dataDir);
  let store: Store;
  try {
    store = openStore(databasePath(options.dataDir), { nativeBinding: options.nativeBinding });
  } catch (error) {
    lock.release();
    throw error;
  }
  const secrets = options.secrets ?? new FileSecretStore(join(options.dataDir, 'secrets.json'));
  const settings = new DeskSettings(store, secrets);
  const listeners = new Map<DeskEvent, Set<(payload: never) => void>>();
  const emit = <E extends DeskEvent>(event: E, payload: DeskEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) (listener as DeskListener<E>)(payload);
  };
  const live = new LiveState((line) => emit('log', line));
  const logger = options.logger ? teeLogger(live, options.logger) : live;
  const providers = new ProviderChoice(settings, clock, options.sandbox);
  await providers.start();
  const intakeWorker = new IntakeWorker({
    databaseFile: databasePath(options.dataDir),
    nativeBinding: options.nativeBinding,
  });
  const intake = new DeskIntake(store, settings, clock, logger, live, intakeWorker);

  let statusTimer: ReturnType<Clock['setTimeout']> | null = null;
  let dataChanged = false;
  const changed = () => {
    dataChanged = true;
    if (statusTimer) return;
    statusTimer = clock.setTimeout(() => {
      statusTimer = null;
      emit('status', status());
      if (dataChanged) emit('dataChanged', { what: ['orders', 'calls', 'sessions'] });
      dataChanged = false;
    }, STATUS_COALESCE_MS);
  };

  const scheduler = new Scheduler({
    store,
    clock,
    logger,
    slotTimer: options.slotTimer ?? (options.clock ? clockSlotTimer(clock) : nodeScheduleSlotTimer),
    settings: () => settings.calling(),
    provider: () => {
      const problem = providers.liveProblem();
      if (problem) throw new Error(problem);
      return providers.current();
    },
    beforeSession: () => intake.syncBeforeSession(),
    catchUpGraceMinutes: () => settings.shell().catchUpGraceMinutes,
    sessionOptions: { pollIntervalMs: options.pollIntervalMs ?? 3_000 },
    onChange: changed,
  });

  await recoverAfterRestart({ store, clock, provider: providers.current(), logger });
  if (settings.schedulerWanted()) scheduler.start();

  function status(): DeskStatus {
    const calling = settings.calling();
    const now = clock.now();
    const refusal = scheduler.runNowRefusal();
    const progress = scheduler.progress();
    return {
      now,
      timezone: calling.timezone,
      mode: providers.mode,
      schedulerRunning: scheduler.running,
      withinWorkingHours: isWithinWorkingHours(now, calling),
      workingHours: calling.workingHours,
      slots: calling.slots,
      nextRuns: scheduler.nextRuns(4),
      runNow: { allowed: refusal === null, reason: refusal },
      session: progress,
      lastSync: live.lastSync,
      attention: live.attention(),
      log: live.recentLog(),
    };
  }

  const desk = {
    status: async () => status(),
    queue: async () => {
      const now = clock.now();
      const plannedFor = scheduler.runNowRefusal() === null ? now : (scheduler.nextRuns(1)[0] ?? now);
      return queueView(store, settings.calling(), plannedFor);
    },
    today: async () => todaySummary(store, settings.calling(), clock.now()),
    orders: async ({ search }) => orderViews(store, settings.calling(), clock.now(), search),
    history: async (query) => historyItems(store, query),
    call: async ({ id }) => callDetail(store, id),
    settings: async () => settings.view(),
    startScheduler: async () => {
      settings.setSchedulerWanted(true);
      scheduler.start();
      return status();
    },
    stopScheduler: async () => {
      settings.setSchedulerWanted(false);
      scheduler.stop();
      return status();
    },
    runNow: async () => scheduler.runNow(),
    stopSession: async () => {
      scheduler.stopSession();
      return status();
    },
    previewCsv: async (file) => intake.preview(file),
    importCsv: async (file) => {
      const result = await intake.importFile(file);
      changed();
      return result;
    },
    syncNow: async () => {
      const result = await intake.syncNow();
      changed();
      return result;
    },
    saveSettings: async (update) => {
      const view = settings.save(update);
      if (update.calling) scheduler.rearm();
      logger.log({
        at: clock.now(),
        level: 'info',
        message: `Settings saved (${Object.keys(update).join(', ')})`,
      });
      emit('dataChanged', { what: ['settings'] });
      changed();
      return view;
    },
    on: <E extends DeskEvent>(event: E, listener: DeskListener<E>) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    resumeAfterSleep: (sleptAt: number, graceMinutes?: number) =>
      scheduler.resumeAfterSleep(sleptAt, graceMinutes ?? settings.shell().catchUpGraceMinutes),
    close: async () => {
      scheduler.stop();
      scheduler.stopSession();
      // Calls still ringing are followed for a moment; any left are settled by recovery at the next start.
      let graceTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        scheduler.whenIdle(),
        new Promise((resolve) => (graceTimer = setTimeout(resolve, CLOSE_GRACE_MS))),
      ]);
      clearTimeout(graceTimer);
      statusTimer?.cancel();
      await intake.close();
      await providers.close();
      store.close();
      lock.release();
    },
  } satisfies Desk & { resumeAfterSleep(sleptAt: number, graceMinutes?: number): Promise<void> };
  return desk;
}

export { DeskArgumentError };
export { DeskLockedError } from './desk-lock';
