/**
 * The calling engine assembled: the scheduler (slots, run-now, sessions) and the reconciler (calls whose fate
 * is unknown) on one store and one clock. The desk, the simulator and the engine tests all build it here, so
 * that a simulated day runs exactly the code the desk runs, restarts included.
 */
import { randomUUID } from 'node:crypto';
import type { CallingSettings } from '../domain/settings';
import type { Logger } from '../log';
import type { CallProviderKind, Store } from '../store';
import type { Clock } from '../clock';
import type { CallProvider } from './provider';
import { Reconciler } from './reconciler';
import { Scheduler, type DialingProvider, type SchedulerDeps } from './scheduler';
import { DEFAULT_MAX_CALL_SECONDS } from './session-run';
import type { SlotTimer } from './slot-timer';

export interface EngineDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  slotTimer: SlotTimer;
  settings: () => CallingSettings;
  /** The provider new sessions dial with; throws with the operator's words when none may be used. */
  provider: () => DialingProvider;
  /** The provider that placed calls of a kind (to settle them), or why it cannot be asked now. */
  providerFor: (kind: CallProviderKind | null) => CallProvider | string;
  beforeSession?: () => Promise<void>;
  catchUpGraceMinutes?: () => number;
  lateSlotToleranceMs?: number;
  pollIntervalMs?: number;
  maxCallSeconds?: number;
  /** The account's line limit as VAPI last said it, or null (see SchedulerDeps.lineLimit). */
  lineLimit?: () => number | null;
  random?: () => number;
  onChange?: () => void;
}

export interface Engine {
  scheduler: Scheduler;
  reconciler: Reconciler;
  deskId: string;
  /** Stops slots and sessions; waits up to `graceMs` for calls in flight. Returns how many were left. */
  close(graceMs: number): Promise<number>;
}

/** This desk's identity in every call's metadata, made once per store and kept. */
export function deskIdentity(store: Store): string {
  const known = store.settings.getJson<string>('deskId');
  if (known) return known;
  const made = randomUUID();
  store.settings.setJson('deskId', made);
  return made;
}

/**
 * Builds the engine on a store. Calls a previous run left in flight (a crash, a kill) become unresolved and
 * the reconciler starts asking VAPI about them at once; the scheduler is left for the caller to start.
 */
export function createEngine(deps: EngineDeps): Engine {
  const deskId = deskIdentity(deps.store);
  const maxCallSeconds = deps.maxCallSeconds ?? DEFAULT_MAX_CALL_SECONDS;
  const reconciler = new Reconciler({
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    providerFor: deps.providerFor,
    deskId,
    maxCallMs: maxCallSeconds * 1000,
    settings: deps.settings,
    random: deps.random,
    onChange: () => {
      // A settled call may carry a callback request the scheduler must time.
      scheduler.callbacksChanged();
      deps.onChange?.();
    },
  });
  const schedulerDeps: SchedulerDeps = {
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    slotTimer: deps.slotTimer,
    settings: deps.settings,
    provider: deps.provider,
    reconciler,
    deskId,
    beforeSession: deps.beforeSession,
    catchUpGraceMinutes: deps.catchUpGraceMinutes,
    lateSlotToleranceMs: deps.lateSlotToleranceMs,
    sessionOptions: { pollIntervalMs: deps.pollIntervalMs, maxCallSeconds, random: deps.random },
    lineLimit: deps.lineLimit,
    onChange: deps.onChange,
  };
  const scheduler = new Scheduler(schedulerDeps);
  reconciler.adoptAfterRestart();
  reconciler.start();

  return {
    scheduler,
    reconciler,
    deskId,
    async close(graceMs) {
      scheduler.stop();
      scheduler.stopSession();
      const waitingFor = scheduler.callsInFlight();
      if (waitingFor > 0) {
        deps.logger.log({
          at: deps.clock.now(),
          level: 'info',
          message: `Waiting up to ${Math.round(graceMs / 1000)} s for ${waitingFor} call(s) in flight to end`,
        });
      }
      let graceTimer: NodeJS.Timeout | undefined;
      // Real time: the desk is closing now, whatever the engine's clock says.
      await Promise.race([
        scheduler.whenIdle(),
        new Promise((resolve) => (graceTimer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(graceTimer);
      const left = scheduler.callsInFlight();
      if (left > 0) {
        scheduler.abandonSession('the desk closed while the call was in flight');
        deps.logger.log({
          at: deps.clock.now(),
          level: 'warn',
          message: `${left} call(s) still in flight at close: they are settled with VAPI at the next start`,
        });
        await scheduler.whenIdle();
      }
      reconciler.stop();
      return left;
    },
  };
}
