/**
 * createDesk: assembles the engine (store, settings, provider, scheduler) behind the contract's methods and
 * events. The Electron shell, the headless host and the tests all get their desk from here.
 */
import { DeskArgumentError, type DeskEvent, type DeskEvents } from '../../shared/contract';
import type { DeskStatus } from '../../shared/desk-types';
import { databasePath } from '../data-dir';
import { atLocalTimeOnSameDay } from '../domain/local-time';
import { isWithinWorkingHours } from '../domain/schedule';
import { systemClock, type Clock } from '../clock';
import { createEngine } from '../engine/engine';
import { clockSlotTimer, nodeScheduleSlotTimer, type SlotTimer } from '../engine/slot-timer';
import { teeLogger, type Logger } from '../log';
import { openHostSecretStore, type SecretStore } from '../secrets';
import { redactingLogger } from '../shell/rotating-log';
import { backupsDirOf, DailyBackups, openDeskStore, type Store } from '../store';
import { acquireDeskLock } from './desk-lock';
import type { Desk, DeskListener } from './desk';
import { DeskSettings } from './desk-settings';
import { DeskIntake } from './desk-intake';
import { IntakeWorker } from '../intake/worker/intake-client';
import { LiveState } from './live-state';
import { ProviderChoice, type SandboxOptions } from './provider-choice';
import { StoreHealth } from './store-health';
import { actionHandlers } from './action-handlers';
import { CourierWriteback } from './courier-writeback';
import { reportHandlers } from './report-handlers';
import { startCallRetention } from './retention';
import { Foresight } from './foresight';
import { VapiCheckBook } from './vapi-check';
import { vapiHandlers } from './vapi-handlers';
import { intakeHandlers } from './intake-handlers';
import { schedulerHandlers } from './scheduler-handlers';
import { settingsHandlers } from './settings-handlers';
import { callDetail, failedOutlook, forecastView, todaySummary } from './views';
import { viewHandlers } from './view-handlers';
import { ViewWorker } from './view-pages/view-client';

export type { Desk } from './desk';

export interface DeskOptions {
  dataDir: string;
  /** The wall clock by default; tests and demos pass a virtual or shifted one. */
  clock?: Clock;
  /** Where log lines go besides the live view (the shell's rotating file). */
  logger?: Logger;
  /**
   * Where the VAPI key and order-source credentials live (the shell passes safeStorage); by default the
   * headless host's encrypted file (OS keyring or key file, see secrets/host-secrets.ts).
   */
  secrets?: SecretStore;
  /** better-sqlite3 addon for this runtime (Electron passes its own build). */
  nativeBinding?: string;
  sandbox?: SandboxOptions;
  /** node-schedule on the wall clock; slots armed on `clock` when a clock is given. */
  slotTimer?: SlotTimer;
  /** How often calls in flight are read back from the provider. */
  pollIntervalMs?: number;
  /** How long closing waits for calls in flight before leaving them to the next start's reconciler. */
  closeGraceMs?: number;
  /**
   * Start the list reader (a worker thread) as the desk opens and plan the queue, so the console's first
   * Queue is ready when it opens (the host and the app; off by default, for tests and the CLI).
   */
  prepareViews?: boolean;
}

const STATUS_COALESCE_MS = 150;
const CLOSE_GRACE_MS = 10_000;

export async function createDesk(
  options: DeskOptions,
): Promise<Desk & { resumeAfterSleep(sleptAt: number, graceMinutes?: number): Promise<void> }> {
  const clock = options.clock ?? systemClock;
  const lock = acquireDeskLock(options.dataDir);
  const listeners = new Map<DeskEvent, Set<(payload: never) => void>>();
  const emit = <E extends DeskEvent>(event: E, payload: DeskEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) (listener as DeskListener<E>)(payload);
  };
  const live = new LiveState((line) => emit('log', line));
  // Secrets are blanked from every line, in the live view and the log alike: an error quoting a source's
  // answer may quote the credentials it refused. The settings (and so the secrets) open after the store.
  let secretValues = (): readonly string[] => [];
  const alerts = redactingLogger(options.logger ? teeLogger(live, options.logger) : live, () =>
    secretValues(),
  );
  // Store failures at run time: one alert per kind, the scheduler stopped, repeats kept out of the log.
  let onStoreFatal = (): void => undefined;
  const health = new StoreHealth({
    file: databasePath(options.dataDir),
    logger: alerts,
    now: () => clock.now(),
    onFatal: () => onStoreFatal(),
  });
  const logger = health.quiet(alerts);
  const info = (message: string) => logger.log({ at: clock.now(), level: 'info', message });
  let store: Store;
  try {
    store = await openDeskStore(databasePath(options.dataDir), {
      nativeBinding: options.nativeBinding,
      now: clock.now(),
      onError: (error) => health.report(error),
      onBackup: (backup) => info(`Backed up the database to ${backup.file} before upgrading its schema`),
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const secrets =
    options.secrets ??
    (await openHostSecretStore({
      dataDir: options.dataDir,
      log: (level, message) => logger.log({ at: clock.now(), level, message }),
    }).catch((error: unknown) => {
      store.close();
      lock.release();
      throw error;
    }));
  const settings = new DeskSettings(store, secrets);
  let reading = false;
  secretValues = () => {
    // Reading a secret that cannot be decrypted logs a line, which would read the secrets again.
    if (reading) return [];
    reading = true;
    try {
      return settings.secretValues();
    } finally {
      reading = false;
    }
  };
  const checks = new VapiCheckBook(store);
  const providers = new ProviderChoice(settings, clock, options.sandbox, checks);
  await providers.start();
  const intakeWorker = new IntakeWorker({
    databaseFile: databasePath(options.dataDir),
    nativeBinding: options.nativeBinding,
  });
  const intake = new DeskIntake(store, settings, clock, logger, live, intakeWorker);
  // The Queue, Orders and History lists are read in a worker thread with its own connection.
  const views = new ViewWorker({ databaseFile: store.file, nativeBinding: options.nativeBinding });

  let statusTimer: ReturnType<Clock['setTimeout']> | null = null;
  let dataChanged = false;
  let foresight: Foresight | null = null;
  const changed = () => {
    foresight?.changed();
    dataChanged = true;
    if (statusTimer) return;
    statusTimer = clock.setTimeout(() => {
      statusTimer = null;
      emit('status', status());
      if (dataChanged) emit('dataChanged', { what: ['orders', 'calls', 'sessions'] });
      dataChanged = false;
    }, STATUS_COALESCE_MS);
  };

  const engine = createEngine({
    store,
    clock,
    logger,
    slotTimer: options.slotTimer ?? (options.clock ? clockSlotTimer(clock) : nodeScheduleSlotTimer),
    settings: () => settings.calling(),
    provider: () => providers.dialing(),
    providerFor: (kind) => providers.forCallsOf(kind),
    beforeSession: () => intake.syncBeforeSession(),
    catchUpGraceMinutes: () => settings.shell().catchUpGraceMinutes,
    pollIntervalMs: options.pollIntervalMs,
    // VAPI's line limit as the live client last heard it: a session sends that many creates at once instead
    // of one alone first (a stale figure is corrected by VAPI's refusal, as an over-limit create always is).
    lineLimit: () => checks.limitsSeen()?.concurrencyLimit ?? null,
    onChange: changed,
  });
  const { scheduler } = engine;
  foresight = new Foresight({
    store,
    settings: () => settings.calling(),
    clock,
    scheduler,
    liveProblem: () => providers.liveProblem(),
    vapiLineLimit: () => checks.limitsSeen()?.concurrencyLimit ?? null,
  });
  const ahead = foresight;
  const settingsView = () => {
    const view = settings.view();
    return { ...view, vapi: { ...view.vapi, check: providers.lastCheck() } };
  };

  onStoreFatal = () => {
    scheduler.stop();
    scheduler.stopSession();
  };
  const backups = new DailyBackups({
    db: store.db,
    dir: backupsDirOf(store.file),
    keep: () => settings.backups().keep,
    clock,
    onTaken: (backup, removed) =>
      info(`Daily backup: ${backup.file}${removed.length > 0 ? ` (${removed.length} older removed)` : ''}`),
    onFailed: (error) => {
      if (health.report(error) === null) {
        logger.log({ at: clock.now(), level: 'warn', message: `Daily backup failed: ${String(error)}` });
      }
    },
  });
  backups.start();
  const retention = startCallRetention({ store, clock, logger, settings });
  if (settings.schedulerWanted()) scheduler.start();
  const writeback = new CourierWriteback({ store, clock, logger, settings, changed });
  writeback.start();
  const lists = viewHandlers({
    views,
    settings: () => settings.calling(),
    clock,
    scheduler,
    liveProblem: () => providers.liveProblem(),
    foresight: ahead,
  });
  if (options.prepareViews) void lists.queue({ limit: 1 }).catch(() => undefined);

  function status(): DeskStatus {
    const calling = settings.calling();
    const now = clock.now();
    const runNow = ahead.runNow();
    const progress = ahead.liveSession();
    return {
      now,
      timezone: calling.timezone,
      mode: providers.deskMode(),
      liveMissing: providers.liveMissing(),
      schedulerRunning: scheduler.running,
      withinWorkingHours: isWithinWorkingHours(now, calling),
      workingHours: calling.workingHours,
      slots: calling.slots,
      nextRuns: scheduler.nextRuns(4),
      runNow: {
        allowed: runNow.allowed,
        reason: runNow.reason,
        ...(runNow.due !== undefined ? { due: runNow.due } : {}),
      },
      session: progress,
      lastSync: live.lastSync,
      attention: live.attention(),
      log: live.recentLog(),
    };
  }

  const desk = {
    status: async () => status(),
    ...lists,
    today: async () => {
      const now = clock.now();
      const summary = todaySummary(store, settings.calling(), now);
      const forecast = ahead.forecast();
      const since = atLocalTimeOnSameDay(now, '00:00', settings.calling().timezone);
      const outlook = failedOutlook(store.calls.list({ since }), forecast, ahead.sessionNumbers());
      return { ...summary, forecast: forecastView(forecast), failedOutlook: outlook };
    },
    call: async ({ id }) => callDetail(store, id),
    ...settingsHandlers({
      settings,
      settingsView,
      scheduler,
      writeback,
      clock,
      logger,
      settingsChanged: () => emit('dataChanged', { what: ['settings'] }),
      changed,
    }),
    ...actionHandlers({ store, clock, logger, changed, writeback, calling: () => settings.calling() }),
    ...reportHandlers({ store, clock, settings }),
    ...vapiHandlers({ settings, providers, checks, clock, logger, settingsView, changed }),
    ...schedulerHandlers({
      scheduler,
      settings,
      health,
      foresight: ahead,
      store,
      clock,
      logger,
      changed,
      status,
    }),
    ...intakeHandlers({ intake, changed }),
    on: <E extends DeskEvent>(event: E, listener: DeskListener<E>) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    resumeAfterSleep: (sleptAt: number, graceMinutes?: number) =>
      scheduler.resumeAfterSleep(sleptAt, graceMinutes ?? settings.shell().catchUpGraceMinutes),
    close: async () => {
      // Calls still ringing are followed for a moment; any left are settled with VAPI at the next start.
      await engine.close(options.closeGraceMs ?? CLOSE_GRACE_MS);
      await writeback.stop();
      statusTimer?.cancel();
      await intake.close();
      await views.close();
      await providers.close();
      await backups.stop();
      await retention.stop();
      store.close();
      lock.release();
    },
  } satisfies Desk & { resumeAfterSleep(sleptAt: number, graceMinutes?: number): Promise<void> };
  return desk;
}

export { DeskArgumentError };
export { DeskLockedError } from './desk-lock';
