/**
 * One calling session: takes the policy's plan and dials with up to `concurrency` calls in flight, follows
 * every call to its end (one list request for all of them) and records it.
 *
 * Never twice: each call row is written BEFORE the provider is asked to dial; a create that got no usable
 * answer is never re-sent before the reconciler has asked VAPI whether it placed the call; a call that does
 * not end in time is handed to the reconciler, blocking its number, and the session moves on.
 * Never lose a turn to a passing fault: rate limits, VAPI errors and network failures pause the whole session
 * (ProviderGate) and it resumes while working hours last; a refusal for the whole account stops it at once.
 * No call starts outside working hours: when they end mid-session no more calls start; those in flight finish.
 */
import type { CallInFlight, LiveSession } from '../../shared/desk-types';
import type { QueueEntry, SessionPlan } from '../domain/policy';
import { isCallableType } from '../domain/order';
import { isWithinWorkingHours } from '../domain/schedule';
import { formatHhMm } from '../domain/local-time';
import type { CallingSettings } from '../domain/settings';
import type { Logger } from '../log';
import type { CallProviderKind, SessionState, SessionTrigger, Store } from '../store';
import type { CreateCallRequest, VapiCall } from '../vapi/types';
import { CallTracker, DEFAULT_POLL_INTERVAL_MS } from './call-tracker';
import { answerOf, recordEndedCall } from './call-record';
import { classifyEndedCall } from '../domain/outcome';
import type { Clock } from '../clock';
import { durableWrite } from './durable-write';
import { pauseReasonFor, ProviderGate } from './provider-gate';
import { providerErrorFacts, type CallProvider } from './provider';
import { SETTLE_AFTER_ANSWER_MS, SETTLE_AFTER_SILENCE_MS, type Reconciler } from './reconciler';

/** VAPI's default `maxDurationSeconds`: no call lasts longer unless the assistant says so. */
export const DEFAULT_MAX_CALL_SECONDS = 600;
/** Ringing, queueing and VAPI's own bookkeeping on top of the longest call. */
const FOLLOW_MARGIN_MS = 2 * 60_000;
/** How long an answered call's analysis is waited for after the end (VAPI fills it in a few seconds later). */
export const ANSWER_WAIT_MS = 60_000;
/** How long to wait for a line when VAPI blocked a create and none of our calls is about to end. */
const LINE_WAIT_MS = 2_000;

export interface SessionRunDeps {
  store: Store;
  clock: Clock;
  provider: CallProvider;
  /** Which provider this session dials with (recorded on each call for the reconciler). */
  providerKind: CallProviderKind;
  reconciler: Reconciler;
  /** Sent in every call's metadata with the row id: how the reconciler recognises our calls. */
  deskId: string;
  logger: Logger;
  settings: CallingSettings;
  /** How often calls in flight are read back from the provider. */
  pollIntervalMs?: number;
  /** The assistant's maximum call duration; a call is followed this long plus a margin. */
  maxCallSeconds?: number;
  /** The desk's VAPI phone number id: keeps list reads to the desk's own calls. */
  phoneNumberId?: string;
  random?: () => number;
  /** Called whenever the live view changes (a call starts, moves on, ends; a pause starts or ends). */
  onChange?: () => void;
}

/** What the live view shows of a call in flight and of the session: the contract's own shapes. */
export type InFlightCall = CallInFlight;
export type SessionProgress = LiveSession;

/** How one create request went. */
type Placement =
  | { kind: 'accepted'; call: VapiCall }
  /** VAPI's lines are all busy: nothing placed; send again when one frees. */
  | { kind: 'blocked' }
  /** A definite refusal: nothing placed (the row is an error, not an attempt). */
  | { kind: 'refused' }
  /** No usable answer: VAPI may have placed it (the row is unresolved). */
  | { kind: 'uncertain' };

function liveState(status: VapiCall['status']): InFlightCall['state'] {
  if (status === 'queued' || status === 'scheduled') return 'queued';
  if (status === 'ringing') return 'ringing';
  return status === 'ended' ? 'ended' : 'in-progress';
}

export class SessionRun {
  readonly id: number;
  private readonly queue: QueueEntry[];
  private readonly inFlight = new Map<number, InFlightCall>();
  private counts = { completed: 0, successful: 0, failed: 0, errors: 0, unresolved: 0 };
  private stopRequested = false;
  private closedByHours = false;
  private readonly gate: ProviderGate;
  private readonly tracker: CallTracker;
  private lineFreed: (() => void)[] = [];

  private constructor(
    private readonly deps: SessionRunDeps,
    private readonly plan: SessionPlan,
    readonly trigger: SessionTrigger,
    id: number,
  ) {
    this.id = id;
    this.queue = [...plan.queue];
    this.gate = new ProviderGate({ clock: deps.clock, random: deps.random, onChange: () => this.changed() });
    this.tracker = new CallTracker({
      clock: deps.clock,
      provider: deps.provider,
      logger: deps.logger,
      pollIntervalMs: deps.pollIntervalMs,
      phoneNumberId: deps.phoneNumberId,
      gate: this.gate,
    });
  }

  /** Records the session's start (waiting out a locked database) and returns it ready to run. */
  static async open(deps: SessionRunDeps, plan: SessionPlan, trigger: SessionTrigger): Promise<SessionRun> {
    const id = await durableWrite(deps, 'the start of a session', () =>
      deps.store.sessions.start({
        startedAt: plan.sessionStart,
        trigger,
        planned: plan.queue.length,
        newCalls: plan.queue.filter((entry) => entry.kind === 'new').length,
        retryCalls: plan.queue.filter((entry) => entry.kind === 'retry').length,
        skipped: plan.skipCounts,
      }),
    );
    return new SessionRun(deps, plan, trigger, id);
  }

  get startedAt(): number {
    return this.plan.sessionStart;
  }

  progress(): SessionProgress {
    return {
      id: this.id,
      startedAt: this.plan.sessionStart,
      trigger: this.trigger,
      planned: this.plan.queue.length,
      ...this.counts,
      inFlight: [...this.inFlight.values()],
      paused: this.gate.pause(),
      stoppedBecause: this.gate.stopped,
    };
  }

  /** Stops starting calls; calls already ringing are followed to their end and recorded. */
  stop(): void {
    this.stopRequested = true;
    this.gate.release();
  }

  /** Stops following: calls in flight are handed to the reconciler (the desk is closing). */
  abandonCallsInFlight(reason: string): void {
    this.stop();
    this.tracker.close(reason);
  }

  async run(): Promise<SessionState> {
    const { settings, logger, clock } = this.deps;
    this.log('info', `Session ${this.id} (${this.trigger}) started: ${this.plan.queue.length} calls planned`);
    const workers = Array.from({ length: Math.max(1, settings.concurrency) }, () => this.worker());
    // A worker that fails (the store went away, a bug) must not end the session while others still have
    // calls in flight: wait for all of them, then record what broke.
    const failures = (await Promise.allSettled(workers)).filter(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    for (const failure of failures) {
      const reason = failure.reason instanceof Error ? failure.reason.message : String(failure.reason);
      this.log('error', `Session ${this.id}: a dialling worker failed: ${reason}`);
    }
    const state: SessionState =
      this.stopRequested || this.gate.stopped ? 'stopped' : this.closedByHours ? 'closed' : 'completed';
    const note = this.gate.stopped
      ? `calling stopped: ${this.gate.stopped}; ${this.queue.length} calls not started`
      : this.closedByHours
        ? `working hours ended; ${this.queue.length} calls not started`
        : null;
    await durableWrite(this.deps, `the end of session ${this.id}`, () =>
      this.deps.store.sessions.end(this.id, state, clock.now(), note),
    );
    logger.log({
      at: clock.now(),
      level: 'info',
      message: `Session ${this.id} ${state}: ${this.counts.completed} calls, ${this.counts.successful} successful, ${this.counts.failed} failed, ${this.counts.errors} errors, ${this.counts.unresolved} unresolved`,
    });
    this.changed();
    return state;
  }

  private mayStartCall(): boolean {
    if (this.stopRequested || this.gate.stopped) return false;
    if (!isWithinWorkingHours(this.deps.clock.now(), this.deps.settings)) {
      if (!this.closedByHours) {
        this.closedByHours = true;
        this.log(
          'warn',
          `Working hours ended: session ${this.id} starts no more calls (${this.queue.length} left)`,
        );
      }
      return false;
    }
    return true;
  }

  private async worker(): Promise<void> {
    while (this.queue.length > 0 && this.mayStartCall()) {
      await this.dial(this.queue.shift()!);
    }
  }

  /** Drops orders that stopped being callable since the plan was made (a sync marked them Delivered). */
  private stillDue(entry: QueueEntry): QueueEntry | null {
    const orders = entry.orders.filter((due) => {
      const current = this.deps.store.orders.get(due.order.awb);
      return current !== undefined && isCallableType(current.type) && current.phoneE164 === entry.phoneE164;
    });
    return orders.length > 0 ? { ...entry, orders } : null;
  }

  /**
   * Places one queue entry's call and follows it to its end, hand-over or definite refusal. A create VAPI
   * blocked for lack of a line is sent again when one frees; one whose fate is uncertain is looked up before
   * anything is sent again.
   */
  private async dial(entry: QueueEntry): Promise<void> {
    let row: { id: number; live: InFlightCall } | null = null;
    try {
      for (;;) {
        if (!(await this.gate.turn(() => this.mayStartCall()))) {
          if (row) await this.giveUp(row.id, 'not placed: the session stopped starting calls');
          return;
        }
        const due = this.stillDue(entry);
        if (!due) {
          this.gate.release();
          if (row) await this.giveUp(row.id, 'not placed: the order is no longer due');
          return;
        }
        row ??= await this.openRow(due);
        const placement = await this.place(due, row.id);
        if (placement.kind === 'accepted') return await this.follow(row.id, row.live, placement.call);
        if (placement.kind === 'refused') return;
        if (placement.kind === 'blocked') {
          await this.waitForLine();
          continue;
        }
        const settled = await this.settleUncertain(row.id);
        if (settled === 'not-placed') {
          this.forget(row.id);
          row = null;
          continue;
        }
        if (settled !== null) return await this.follow(row.id, row.live, settled);
        this.counts.unresolved += 1;
        return;
      }
    } finally {
      if (row) this.forget(row.id);
    }
  }

  private async openRow(entry: QueueEntry): Promise<{ id: number; live: InFlightCall }> {
    const { store, clock } = this.deps;
    const id = await durableWrite(this.deps, `the call to ${entry.phoneE164} before dialling`, () =>
      store.calls.insertPending({
        sessionId: this.id,
        sessionStartedAt: this.plan.sessionStart,
        phoneE164: entry.phoneE164,
        kind: entry.kind,
        orders: entry.orders.map((due) => ({ awb: due.order.awb, attemptNumber: due.attemptNumber })),
        startedAt: clock.now(),
        provider: this.deps.providerKind,
      }),
    );
    const live: InFlightCall = {
      callId: id,
      phoneE164: entry.phoneE164,
      awbs: entry.orders.map((due) => due.order.awb),
      customer: entry.orders[0]!.order.customer,
      attemptNumber: Math.max(...entry.orders.map((due) => due.attemptNumber)),
      state: 'pending',
      startedAt: clock.now(),
    };
    this.inFlight.set(id, live);
    this.deps.reconciler.claim(id);
    this.changed();
    return { id, live };
  }

  /** The row leaves the live view and the reconciler may look at it again. */
  private forget(id: number): void {
    if (!this.inFlight.delete(id)) return;
    this.deps.reconciler.release(id);
    for (const wake of this.lineFreed.splice(0)) wake();
    this.changed();
  }

  private async giveUp(id: number, why: string): Promise<void> {
    await durableWrite(this.deps, `call ${id} not placed`, () =>
      this.deps.store.calls.markFailed(id, 'error', this.deps.clock.now(), why),
    );
  }

  /** Sends the create once and sorts its answer. */
  private async place(entry: QueueEntry, id: number): Promise<Placement> {
    const { store, clock, provider } = this.deps;
    try {
      const call = await provider.createCall(this.callRequest(entry, id), {
        stillWanted: () => this.mayStartCall(),
      });
      this.gate.succeeded();
      // The call exists now. A write that keeps failing is not "not dialled": the row stays pending, and
      // the reconciler finds the call by its metadata.
      await durableWrite(this.deps, `VAPI's id for call ${id}`, () =>
        store.transaction(() => {
          store.calls.markAccepted(id, call.id, 'queued', call.raw);
          // The desk is doing what the customer asked: their callback action is done.
          if (entry.callback) {
            const note = `called back by the desk at ${formatHhMm(clock.now(), this.deps.settings.timezone)}`;
            for (const due of entry.orders)
              store.actions.closeOpen(due.order.awb, 'callback', clock.now(), note);
          }
        }),
      ).catch((error: unknown) =>
        this.log('error', `Call ${id}: VAPI placed it (${call.id}) but it could not be recorded: ${error}`),
      );
      return { kind: 'accepted', call };
    } catch (error) {
      const facts = providerErrorFacts(error);
      const who = `${entry.phoneE164} (${entry.orders.map((due) => due.order.awb).join(', ')})`;
      if (facts.kind === 'concurrency-limit') {
        this.gate.succeeded();
        return { kind: 'blocked' };
      }
      if (facts.mayHaveDialled) {
        this.log(
          'warn',
          `Call to ${who}: no usable answer from VAPI (${facts.detail}); asking VAPI before anything is sent again`,
        );
        const settleAt =
          clock.now() + (facts.status !== null ? SETTLE_AFTER_ANSWER_MS : SETTLE_AFTER_SILENCE_MS);
        await durableWrite(this.deps, `call ${id} unresolved`, () =>
          store.calls.markUnresolved(
            id,
            `VAPI gave no usable answer (${facts.message}); checking whether it placed the call`,
            settleAt,
            settleAt,
          ),
        );
        this.inFlightState(id, 'unresolved');
        this.gate.failed(pauseReasonFor(facts.kind), facts.retryAfterMs);
        return { kind: 'uncertain' };
      }
      this.log('error', `Call to ${who} not placed: ${facts.detail}`);
      await this.giveUp(id, facts.message);
      this.counts.errors += 1;
      if (facts.stopsCalling) {
        this.gate.stop(facts.message);
        this.log('error', `Session ${this.id} stops calling: ${facts.message}`);
      } else if (facts.retryable) {
        this.gate.failed(pauseReasonFor(facts.kind), facts.retryAfterMs);
        // Nothing was placed and the fault passes: the customer keeps their turn after the pause.
        this.queue.unshift(entry);
      } else {
        this.gate.succeeded();
      }
      return { kind: 'refused' };
    }
  }

  /**
   * Asks VAPI (through the reconciler) whether an uncertain create placed the call: the call, or
   * 'not-placed' (then it may be sent again), or null when this session cannot learn it in time (the
   * reconciler keeps asking; the number stays blocked).
   */
  private async settleUncertain(id: number): Promise<VapiCall | 'not-placed' | null> {
    for (;;) {
      if (!(await this.gate.turn(() => this.mayStartCall()))) return null;
      const resolution = await this.deps.reconciler.resolve(id);
      // A lookup that worked ends this turn but says nothing about creates: only a create ends the pause.
      switch (resolution.kind) {
        case 'placed':
          this.gate.release();
          return resolution.call;
        case 'not-placed':
          this.gate.release();
          this.counts.errors += 1;
          return 'not-placed';
        case 'lost':
          this.gate.release();
          this.counts.completed += 1;
          this.counts.failed += 1;
          return null;
        case 'unknown':
          if (resolution.failure) {
            this.gate.failed(pauseReasonFor(resolution.failure.kind), resolution.failure.retryAfterMs);
          } else {
            this.gate.release();
            await this.deps.clock.sleep(Math.max(0, resolution.retryAt - this.deps.clock.now()));
          }
      }
    }
  }

  /** Follows an accepted call to its end; hands it to the reconciler if it does not end in time. */
  private async follow(id: number, live: InFlightCall, call: VapiCall): Promise<void> {
    const { store, clock } = this.deps;
    const maxCallMs = (this.deps.maxCallSeconds ?? DEFAULT_MAX_CALL_SECONDS) * 1000;
    const deadline = live.startedAt + maxCallMs + FOLLOW_MARGIN_MS;
    live.state = liveState(call.status);
    this.changed();
    const end =
      call.status === 'ended'
        ? { ended: call }
        : await this.tracker.follow(call, deadline, (update) => {
            const state = liveState(update.status);
            live.state = state;
            this.changed();
            try {
              store.calls.markProgress(id, state, update.raw);
            } catch {
              // Progress is for the live view; the end is what must be recorded (durably, below).
            }
          });
    if ('lost' in end) {
      await durableWrite(this.deps, `call ${id} handed to the reconciler`, () =>
        store.calls.markUnresolved(
          id,
          `${end.lost}; VAPI is asked again until it says how the call went`,
          clock.now(),
        ),
      );
      this.counts.unresolved += 1;
      this.log('warn', `Call ${id} to ${live.phoneE164}: ${end.lost}; handed to the reconciler`);
      return;
    }
    const ended = await this.withAnswer(end.ended);
    const result = await durableWrite(this.deps, `the result of call ${id}`, () =>
      recordEndedCall(store, id, ended, clock.now(), this.deps.settings),
    );
    if (result.outcome === 'error') {
      // VAPI took the request but could not start the call (a call.start error): nobody was dialled.
      this.counts.errors += 1;
    } else {
      this.counts.completed += 1;
      if (result.successful) this.counts.successful += 1;
      else this.counts.failed += 1;
    }
  }

  /**
   * VAPI fills in the analysis (the customer's answer) a moment after the end: an answered call is read
   * again until its answer can be read, for at most ANSWER_WAIT_MS, rather than judged without it. A call
   * still without an answer then counts as unclear: an attempt, never a success.
   */
  private async withAnswer(call: VapiCall): Promise<VapiCall> {
    const { clock, provider, settings } = this.deps;
    const giveUpAt = clock.now() + ANSWER_WAIT_MS;
    let current = call;
    while (
      answerOf(current, settings, clock.now()) === null &&
      classifyEndedCall(current).outcome === 'answered'
    ) {
      if (clock.now() >= giveUpAt) {
        this.log(
          'warn',
          `Call ${call.id}: no answer readable from VAPI's analysis after ${ANSWER_WAIT_MS / 1000} s; counted as unclear`,
        );
        break;
      }
      await clock.sleep(this.deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
      current = await provider.getCall(call.id).catch(() => current);
    }
    return current;
  }

  /** Waits until one of our calls ends (a line frees), or a moment when none is in flight. */
  private async waitForLine(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = this.deps.clock.setTimeout(resolve, LINE_WAIT_MS);
      this.lineFreed.push(() => {
        timer.cancel();
        resolve();
      });
    });
  }

  private inFlightState(id: number, state: InFlightCall['state']): void {
    const live = this.inFlight.get(id);
    if (live) live.state = state;
    this.changed();
  }

  private callRequest(entry: QueueEntry, callId: number): CreateCallRequest {
    const first = entry.orders[0]!.order;
    const awbs = entry.orders.map((due) => due.order.awb);
    const cod = entry.orders.reduce((sum, due) => sum + (due.order.codAmount ?? 0), 0);
    return {
      customerNumber: entry.phoneE164,
      customerName: first.customer,
      variableValues: {
        customerName: first.customer,
        awb: awbs.join(', '),
        awbCount: String(awbs.length),
        orderType: first.type,
        address: first.address,
        pincode: first.pincode,
        codAmount: cod > 0 ? String(cod) : '0',
      },
      metadata: { deskId: this.deps.deskId, callId, sessionId: this.id, awbs: awbs.join(',') },
    };
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.deps.logger.log({ at: this.deps.clock.now(), level, message });
  }

  private changed(): void {
    this.deps.onChange?.();
  }
}
