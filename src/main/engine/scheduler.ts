/**
 * The scheduler: fires a session at every slot while it runs, takes run-now requests inside working hours,
 * and guarantees there is never more than one session at a time. A slot that comes while a session is still
 * dialling is skipped and recorded; a slot missed while the machine slept is caught up or recorded as missed.
 */
import { planSession, type PlanOrder, type QueueEntry } from '../domain/policy';
import {
  REFUSAL_OUTSIDE_HOURS,
  catchUpDecision,
  isWithinWorkingHours,
  nextSlots,
  runNowRefusal,
  slotsBetween,
} from '../domain/schedule';
import { formatHhMm } from '../domain/local-time';
import type { CallingSettings } from '../domain/settings';
import type { Logger } from '../log';
import { readPlanningInput, type CallProviderKind, type SessionTrigger, type Store } from '../store';
import { CallbackTimer } from './callback-timer';
import type { Clock } from '../clock';
import { durableWrite } from './durable-write';
import type { CallProvider } from './provider';
import type { Reconciler } from './reconciler';
import { SessionRun, type SessionProgress, type SessionRunDeps } from './session-run';
import type { ArmedSlots, SlotTimer } from './slot-timer';

/** The provider a session dials with, and what the session records and filters by. */
export interface DialingProvider {
  provider: CallProvider;
  kind: CallProviderKind;
  /** The VAPI phone number calls go out from (keeps list reads to the desk's own calls). */
  phoneNumberId?: string;
}

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  slotTimer: SlotTimer;
  /** Read at every session start, so edited settings apply to the next session. */
  settings: () => CallingSettings;
  /** The provider to dial with (sandbox or live), chosen at every session start; throws why not. */
  provider: () => DialingProvider;
  /** Settles calls whose fate is unknown; asked about all of them before every session plans. */
  reconciler: Reconciler;
  /** Sent in every call's metadata: how the reconciler recognises this desk's calls. */
  deskId: string;
  /** Runs before every session (order sync); a failure is logged by it and never stops the session. */
  beforeSession?: () => Promise<void>;
  /** A slot that fires later than this is treated as missed (the machine slept). */
  lateSlotToleranceMs?: number;
  catchUpGraceMinutes?: () => number;
  sessionOptions?: Pick<SessionRunDeps, 'pollIntervalMs' | 'maxCallSeconds' | 'random'>;
  /**
   * The account's line limit as VAPI last said it (the desk keeps it), or null: a session that knows it sends
   * that many creates at once. This engine's own sessions' figure, when newer, wins.
   */
  lineLimit?: () => number | null;
  onChange?: () => void;
}

export type RunRequestResult = { started: true; sessionId: number } | { started: false; reason: string };

export class Scheduler {
  private armed: ArmedSlots | null = null;
  /** The account's line limit as VAPI said it on this engine's last create that said it. */
  private lineLimitSeen: number | null = null;
  private session: SessionRun | null = null;
  /** True from the moment a session is decided until it has ended (including the sync before it). */
  private busy = false;
  private sessionDone: Promise<void> = Promise.resolve();
  /** Slot instants already run, skipped or recorded as missed: a late timer and a resume never handle one twice. */
  private readonly handledSlots = new Set<number>();
  private readonly callbacks: CallbackTimer;

  constructor(private readonly deps: SchedulerDeps) {
    this.callbacks = new CallbackTimer({
      store: deps.store,
      clock: deps.clock,
      onDue: () => this.onCallbackDue(),
    });
  }

  get running(): boolean {
    return this.armed !== null;
  }

  get sessionRunning(): boolean {
    return this.busy;
  }

  start(): void {
    if (this.armed) return;
    const settings = this.armSlots();
    this.callbacks.arm();
    this.log('info', `Scheduler started: sessions at ${settings.slots.join(', ')} (${settings.timezone})`);
    this.changed();
  }

  /** Stops future slots. A session already dialling goes on (stop it with stopSession). */
  stop(): void {
    if (!this.armed) return;
    this.armed.cancel();
    this.armed = null;
    this.callbacks.cancel();
    this.log('info', 'Scheduler stopped');
    this.changed();
  }

  /** Re-arms the slots after a settings change or a resume, keeping the running state. */
  rearm(): void {
    if (!this.armed) return;
    this.armed.cancel();
    this.armSlots();
  }

  /** A call ended with a callback request (or one was settled): the callback timer looks again. */
  callbacksChanged(): void {
    if (this.armed) this.callbacks.arm();
  }

  /** A customer's callback time has come: a session that dials only the callbacks due, if one may start now. */
  private onCallbackDue(): void {
    const now = this.deps.clock.now();
    // A running session, or hours over: the callback stays due and the next session that plans takes it.
    if (!this.armed || this.busy || !isWithinWorkingHours(now, this.deps.settings())) return;
    void this.startSession(now, 'callback');
  }

  /** Arms the slots of the current settings; returns those settings. */
  private armSlots(): CallingSettings {
    const settings = this.deps.settings();
    this.armed = this.deps.slotTimer.arm(settings, (slot) => this.onSlot(slot));
    return settings;
  }

  nextRuns(count = 4): number[] {
    return this.armed ? nextSlots(this.deps.clock.now(), this.deps.settings(), count) : [];
  }

  runNowRefusal(): string | null {
    return runNowRefusal(this.deps.clock.now(), this.deps.settings(), this.busy);
  }

  progress(): SessionProgress | null {
    return this.session?.progress() ?? null;
  }

  /** The plan the running session started with: its queue in dial order; null without a session. */
  runningPlan(): { sessionId: number; queue: readonly QueueEntry<PlanOrder>[] } | null {
    return this.session ? { sessionId: this.session.id, queue: this.session.plannedQueue } : null;
  }

  /** A manual run: refused (and recorded) outside working hours or while a session runs. */
  async runNow(): Promise<RunRequestResult> {
    const now = this.deps.clock.now();
    const reason = this.runNowRefusal();
    if (reason) {
      this.recordSkippedRun({ at: now, trigger: 'manual', reason });
      this.log('warn', `Run now refused: ${reason}`);
      this.changed();
      return { started: false, reason };
    }
    return this.startSession(now, 'manual');
  }

  stopSession(): void {
    if (!this.session) return;
    this.session.stop();
    this.log('info', `Session ${this.session.id} stopping: no new calls; calls in flight finish`);
  }

  /** The desk is closing: no new calls, and calls still in flight are left to the reconciler at next start. */
  abandonSession(reason: string): void {
    this.session?.abandonCallsInFlight(reason);
  }

  /** Calls of the running session still in flight (for the shutdown message). */
  callsInFlight(): number {
    return this.session?.progress().inFlight.length ?? 0;
  }

  /** Resolves when no session is running. */
  whenIdle(): Promise<void> {
    return this.sessionDone;
  }

  /** After the machine wakes: re-arm the slots and catch up (or record) the slots it slept through. */
  async resumeAfterSleep(sleptAt: number, graceMinutes: number): Promise<void> {
    if (!this.armed) return;
    this.rearm();
    const now = this.deps.clock.now();
    const missedSlots = slotsBetween(sleptAt, now, this.deps.settings());
    await this.catchUp(missedSlots, graceMinutes);
  }

  private async catchUp(missedSlots: number[], graceMinutes: number): Promise<void> {
    const now = this.deps.clock.now();
    const unhandled = missedSlots.filter((slot) => !this.handledSlots.has(slot));
    unhandled.forEach((slot) => this.markHandled(slot));
    const decision = catchUpDecision({
      missedSlots: unhandled,
      now,
      settings: this.deps.settings(),
      graceMinutes,
      sessionRunning: this.busy,
    });
    for (const missed of decision.missed) {
      this.recordSkippedRun({
        at: missed.slot,
        trigger: 'scheduled',
        reason: missed.reason,
      });
      this.log('warn', `Slot ${this.hhmm(missed.slot)} ${missed.reason}`);
    }
    this.changed();
    if (decision.run !== null) {
      this.log('info', `Catching up the ${this.hhmm(decision.run)} slot missed while the computer slept`);
      await this.startSession(now, 'catch-up');
    }
  }

  private markHandled(slot: number): void {
    this.handledSlots.add(slot);
    // Only the last day or so matters for duplicates; keep the set small on a machine that runs for months.
    const horizon = this.deps.clock.now() - 2 * 24 * 60 * 60_000;
    for (const old of this.handledSlots) if (old < horizon) this.handledSlots.delete(old);
  }

  private onSlot(slot: number): void {
    if (this.handledSlots.has(slot)) return;
    const now = this.deps.clock.now();
    if (now - slot > (this.deps.lateSlotToleranceMs ?? 5 * 60_000)) {
      void this.catchUp([slot], this.deps.catchUpGraceMinutes?.() ?? 30);
      return;
    }
    this.markHandled(slot);
    if (this.busy) {
      const reason = 'a session was still dialling';
      this.recordSkippedRun({ at: slot, trigger: 'scheduled', reason });
      this.log('warn', `Slot ${this.hhmm(slot)} skipped: ${reason}`);
      this.changed();
      return;
    }
    if (!isWithinWorkingHours(slot, this.deps.settings())) {
      this.recordSkippedRun({
        at: slot,
        trigger: 'scheduled',
        reason: REFUSAL_OUTSIDE_HOURS,
      });
      this.log('warn', `Slot ${this.hhmm(slot)} skipped: ${REFUSAL_OUTSIDE_HOURS}`);
      this.changed();
      return;
    }
    void this.startSession(slot, 'scheduled');
  }

  private async startSession(sessionStart: number, trigger: SessionTrigger): Promise<RunRequestResult> {
    this.busy = true;
    let finished!: () => void;
    this.sessionDone = new Promise((resolve) => (finished = resolve));
    this.changed();
    try {
      if (this.deps.beforeSession) await this.deps.beforeSession();
      // Calls whose fate is unknown are asked about first: the plan must know which numbers they reached.
      await this.deps.reconciler.checkAll().catch((error: unknown) => {
        this.log(
          'warn',
          `Could not check unresolved calls before planning: ${error instanceof Error ? error.message : error}`,
        );
      });
      const settings = this.deps.settings();
      const dialing = this.deps.provider();
      const plan = planSession({
        // The callable orders and their call summaries: never the whole history (store/plan-input.ts).
        ...readPlanningInput(this.deps.store),
        settings,
        sessionStart,
        onlyCallbacks: trigger === 'callback',
      });
      if (trigger === 'callback' && plan.queue.length === 0) {
        // Those who asked were reached meanwhile, or may no longer be called: no session to record.
        this.busy = false;
        finished();
        this.changed();
        return { started: false, reason: 'no callback is due' };
      }
      const run = await SessionRun.open(
        {
          store: this.deps.store,
          clock: this.deps.clock,
          provider: dialing.provider,
          providerKind: dialing.kind,
          phoneNumberId: dialing.phoneNumberId,
          reconciler: this.deps.reconciler,
          deskId: this.deps.deskId,
          logger: this.deps.logger,
          settings,
          lineLimit: this.lineLimitSeen ?? this.deps.lineLimit?.() ?? undefined,
          onLineLimit: (limit) => (this.lineLimitSeen = limit),
          onChange: () => this.changed(),
          ...this.deps.sessionOptions,
        },
        plan,
        trigger,
      );
      this.session = run;
      const done = run.run().catch((error: unknown) => {
        this.log(
          'error',
          `Session ${run.id} failed unexpectedly: ${error instanceof Error ? error.message : error}`,
        );
      });
      void done.finally(() => {
        this.session = null;
        this.busy = false;
        finished();
        this.callbacksChanged();
        this.changed();
      });
      return { started: true, sessionId: run.id };
    } catch (error) {
      this.busy = false;
      finished();
      const message = error instanceof Error ? error.message : String(error);
      this.log('error', `Session could not start: ${message}`);
      this.changed();
      return { started: false, reason: message };
    }
  }

  /** A run that did not happen, recorded even when another program holds the database for a moment. */
  private recordSkippedRun(run: { at: number; trigger: SessionTrigger; reason: string }): void {
    durableWrite(this.deps, `a ${run.trigger} run that did not happen`, () =>
      this.deps.store.sessions.recordSkippedRun(run),
    ).catch((error: unknown) =>
      this.log('error', `Could not record a skipped run: ${error instanceof Error ? error.message : error}`),
    );
  }

  private hhmm(instant: number): string {
    return formatHhMm(instant, this.deps.settings().timezone);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.deps.logger.log({ at: this.deps.clock.now(), level, message });
  }

  private changed(): void {
    this.deps.onChange?.();
  }
}
