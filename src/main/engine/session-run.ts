/**
 * One calling session: takes the policy's plan and dials on as many lines as the VAPI account has, follows
 * every call to its end (one list request for all of them) and records it.
 *
 * Lines (DialLines): the first create goes out alone; VAPI's answer says the account's line limit
 * (`subscriptionLimits.concurrencyLimit`, and `remainingConcurrentCalls` when other calls hold some), and the
 * session then keeps that many calls up. When the desk already knows the limit (VAPI said it on an earlier
 * create: `lineLimit`), no create goes alone: that many go out at once, so a round's lines start together
 * (a create alone first puts the rest a round trip and more behind it). A create refused as over the limit
 * (the account's limit went down, other calls hold lines) is handled as ever: the session holds only the
 * calls it has up, and the create is sent again the moment a line frees. The desk's "calls at once" setting is the default for when VAPI does
 * not say (the sandbox without a limit, an answer without `subscriptionLimits`): VAPI's own figure wins either
 * way, so no line idles under a low setting and no create is wasted over a high one. A line frees the moment
 * its call ends — the customer's answer is waited for and recorded while the next call rings.
 *
 * Never twice: each call row is written BEFORE the provider is asked to dial; a create that got no usable
 * answer is never re-sent before the reconciler has asked VAPI whether it placed the call; a call that does
 * not end in time is handed to the reconciler, blocking its number, and the session moves on.
 * Never lose a turn to a passing fault: rate limits, VAPI errors and network failures pause the whole session
 * (ProviderGate) and it resumes while working hours last; a refusal for the whole account stops it at once.
 * No call starts outside working hours: when they end mid-session no more calls start; those in flight finish.
 */
import type { CallInFlight, LiveSession } from '../../shared/desk-types';
import type { PlanOrder, QueueEntry, SessionPlan } from '../domain/policy';
import { isCallableType, type Order } from '../domain/order';
import { isWithinWorkingHours } from '../domain/schedule';
import { formatHhMm } from '../domain/local-time';
import type { CallingSettings } from '../domain/settings';
import type { Logger } from '../log';
import type { CallProviderKind, SessionState, SessionTrigger, Store } from '../store';
import type { CreateCallRequest, VapiCall, VapiSubscriptionLimits } from '../vapi/types';
import { CallTracker, DEFAULT_POLL_INTERVAL_MS, type FollowEnd } from './call-tracker';
import { answerOf, recordEndedCall, type EndedCallResult } from './call-record';
import { classifyEndedCall, isTerminalStatus } from '../domain/outcome';
import type { Clock, TimerHandle } from '../clock';
import { durableWrite, durableWriteEach, type EachWritten } from './durable-write';
import { pauseReasonFor, ProviderGate } from './provider-gate';
import { providerErrorFacts, type CallProvider } from './provider';
import { SETTLE_AFTER_ANSWER_MS, SETTLE_AFTER_SILENCE_MS, type Reconciler } from './reconciler';

/** VAPI's default `maxDurationSeconds`: no call lasts longer unless the assistant says so. */
export const DEFAULT_MAX_CALL_SECONDS = 600;
/** Ringing, queueing and VAPI's own bookkeeping on top of the longest call. */
const FOLLOW_MARGIN_MS = 2 * 60_000;
/** How long an answered call's analysis is waited for after the end (VAPI fills it in a few seconds later). */
export const ANSWER_WAIT_MS = 60_000;
/**
 * How long a create VAPI blocked waits before it is sent again when no call of this session can free a line
 * (other calls hold the account's lines), or when one just did and VAPI may not have counted it free yet.
 */
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
  /** The account's line limit as VAPI last said it, when known: the first creates go out together. */
  lineLimit?: number;
  /** Told the account's line limit whenever VAPI says it (for the next session's `lineLimit`). */
  onLineLimit?: (limit: number) => void;
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

/**
 * The lines a session dials on (see the header): how many calls it may have up at VAPI, how many it has, and
 * who waits for one. A dial task holds a line from its create until its call ends.
 */
class DialLines {
  /** Lines the session may hold: the setting until VAPI says its limit. */
  private limit: number;
  /** VAPI has said how many lines the account has. */
  private told = false;
  /** No create has been answered yet: one goes out alone, its answer says how many may follow. */
  private probing = true;
  /** Dial tasks holding a line (from their create until their call ends). */
  private held = 0;
  /** Calls of this session VAPI accepted that have not ended: the lines it counts as ours. */
  private up = 0;
  private lastEndAt = Number.NEGATIVE_INFINITY;
  private takers: (() => void)[] = [];
  private blocked: (() => void)[] = [];

  constructor(
    private readonly setting: number,
    private readonly clock: Clock,
    known?: number,
  ) {
    this.limit = setting;
    if (known !== undefined && Number.isInteger(known) && known >= 1) {
      // VAPI said it before: no create needs to go alone to learn it (its answers still correct it).
      this.limit = known;
      this.probing = false;
    }
  }

  /** Resolves true with a line, or false as soon as `stillWanted` says no (checked whenever a line frees). */
  async take(stillWanted: () => boolean): Promise<boolean> {
    for (;;) {
      if (!stillWanted()) return false;
      if (this.held < (this.probing ? 1 : this.limit)) {
        this.held += 1;
        return true;
      }
      await new Promise<void>((resolve) => this.takers.push(resolve));
    }
  }

  /** A dial task gives its line back (its call ended, or it placed nothing). */
  release(): void {
    this.held -= 1;
    this.wakeTakers();
  }

  /** VAPI accepted a create: its `subscriptionLimits` say how many lines the account has free. */
  accepted(limits: VapiSubscriptionLimits | undefined, onLimit?: (limit: number) => void): void {
    this.up += 1;
    this.probing = false;
    const ours =
      limits?.remainingConcurrentCalls === undefined ? undefined : this.up + limits.remainingConcurrentCalls;
    const told = limits?.concurrencyLimit ?? ours;
    if (limits?.concurrencyLimit !== undefined) onLimit?.(limits.concurrencyLimit);
    if (told !== undefined) {
      this.told = true;
      this.limit = Math.max(1, Math.min(told, ours ?? told));
    } else if (!this.told) {
      this.limit = this.setting;
    }
    this.wakeTakers();
  }

  /** A create was answered without placing a call (refused, or not known): the others need not wait. */
  answered(): void {
    if (!this.probing) return;
    this.probing = false;
    this.wakeTakers();
  }

  /** VAPI blocked a create: every line is busy, so the session holds no more than it has up now. */
  full(): void {
    this.probing = false;
    this.limit = Math.max(1, this.up);
  }

  /** One of the session's calls ended (or stopped being followed): its line is free at VAPI. */
  callEnded(): void {
    this.up -= 1;
    this.lastEndAt = this.clock.now();
    this.blocked[0]?.();
  }

  /**
   * A blocked create waits for a line: the next call of this session to end. When none is up (other calls
   * hold the lines) or one ended a moment ago (VAPI may still count it), it tries again after LINE_WAIT_MS.
   */
  async waitForLine(): Promise<void> {
    const backstop = this.up === 0 || this.clock.now() - this.lastEndAt < LINE_WAIT_MS;
    await new Promise<void>((resolve) => {
      let timer: TimerHandle | null = null;
      const wake = () => {
        timer?.cancel();
        const at = this.blocked.indexOf(wake);
        if (at >= 0) this.blocked.splice(at, 1);
        resolve();
      };
      if (backstop) timer = this.clock.setTimeout(wake, LINE_WAIT_MS);
      this.blocked.push(wake);
    });
  }

  /** Everyone waiting looks again (the session is stopping). */
  wakeAll(): void {
    this.wakeTakers();
    for (const wake of [...this.blocked]) wake();
  }

  private wakeTakers(): void {
    for (const wake of this.takers.splice(0)) wake();
  }
}

/**
 * Resolves once the work already queued on the event loop has run (a macrotask later): what a freed line set
 * going (the next row written, the next create sent) goes before what follows this.
 */
function afterQueuedWork(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A queue entry as planned (what the policy read of each order), and as dialled (each order in full, now). */
type PlannedEntry = QueueEntry<PlanOrder>;
type DueEntry = QueueEntry<Order>;

export class SessionRun {
  readonly id: number;
  private readonly queue: PlannedEntry[];
  private readonly inFlight = new Map<number, InFlightCall>();
  private counts = { completed: 0, successful: 0, failed: 0, errors: 0, unresolved: 0 };
  private stopRequested = false;
  private closedByHours = false;
  private readonly gate: ProviderGate;
  private readonly tracker: CallTracker;
  private readonly lines: DialLines;
  /** Calls waiting for their rows to be written, together (openRow). */
  private rowsToOpen: {
    entry: DueEntry;
    resolve: (row: { id: number; live: InFlightCall }) => void;
    reject: (error: unknown) => void;
  }[] = [];
  /** Ended calls waiting for their results to be written, together (writeEnd). */
  private endsToWrite: {
    id: number;
    ended: VapiCall;
    resolve: (result: EndedCallResult) => void;
    reject: (error: unknown) => void;
  }[] = [];

  private constructor(
    private readonly deps: SessionRunDeps,
    private readonly plan: SessionPlan<PlanOrder>,
    readonly trigger: SessionTrigger,
    id: number,
  ) {
    this.id = id;
    this.queue = [...plan.queue];
    this.gate = new ProviderGate({ clock: deps.clock, random: deps.random, onChange: () => this.changed() });
    this.lines = new DialLines(Math.max(1, deps.settings.concurrency), deps.clock, deps.lineLimit);
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
  static async open(
    deps: SessionRunDeps,
    plan: SessionPlan<PlanOrder>,
    trigger: SessionTrigger,
  ): Promise<SessionRun> {
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

  /** The queue the session was planned with, in dial order (the desk lists the numbers not dialled yet). */
  get plannedQueue(): readonly PlannedEntry[] {
    return this.plan.queue;
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
    this.lines.wakeAll();
  }

  /** Stops following: calls in flight are handed to the reconciler (the desk is closing). */
  abandonCallsInFlight(reason: string): void {
    this.stop();
    this.tracker.close(reason);
  }

  async run(): Promise<SessionState> {
    const { logger, clock } = this.deps;
    this.log('info', `Session ${this.id} (${this.trigger}) started: ${this.plan.queue.length} calls planned`);
    // A call that fails (the store went away, a bug) must not end the session while others still have
    // calls in flight: wait for all of them, then record what broke.
    const failures: unknown[] = [];
    const calls = new Set<Promise<void>>();
    for (;;) {
      if (this.queue.length === 0) {
        if (calls.size === 0) break;
        // A call still going may give its customer's turn back (a passing fault): wait for the next to end.
        await Promise.race(calls);
        continue;
      }
      if (!(await this.lines.take(() => this.mayStartCall()))) break;
      const entry = this.queue.shift();
      if (!entry) {
        this.lines.release();
        continue;
      }
      const call: Promise<void> = this.dial(entry)
        .catch((error: unknown) => void failures.push(error))
        .finally(() => calls.delete(call));
      calls.add(call);
    }
    await Promise.all(calls);
    for (const failure of failures) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      this.log('error', `Session ${this.id}: a call failed unexpectedly: ${reason}`);
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

  /**
   * The entry's orders as they stand now, in full: those that stopped being callable since the plan was made
   * (a sync marked them Delivered, the phone changed) are dropped.
   */
  private stillDue(entry: PlannedEntry): DueEntry | null {
    const orders: DueEntry['orders'] = [];
    for (const due of entry.orders) {
      const current = this.deps.store.orders.get(due.order.awb);
      if (current !== undefined && isCallableType(current.type) && current.phoneE164 === entry.phoneE164) {
        orders.push({ order: current, attemptNumber: due.attemptNumber });
      }
    }
    return orders.length > 0 ? { ...entry, orders } : null;
  }

  /**
   * Places one queue entry's call on the line the session gave it and follows it to its end, hand-over or
   * definite refusal. The line frees as soon as the call ends; the call is recorded after. A create VAPI
   * blocked for lack of a line is sent again when one frees; one whose fate is uncertain is looked up before
   * anything is sent again.
   */
  private async dial(entry: PlannedEntry): Promise<void> {
    let row: { id: number; live: InFlightCall } | null = null;
    let holdsLine = true;
    const freeLine = () => {
      if (holdsLine) this.lines.release();
      holdsLine = false;
    };
    try {
      let call: VapiCall | null = null;
      while (call === null) {
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
        if (placement.kind === 'accepted') {
          this.lines.accepted(placement.call.subscriptionLimits, this.deps.onLineLimit);
          call = placement.call;
        } else if (placement.kind === 'blocked') {
          this.lines.full();
          await this.lines.waitForLine();
        } else if (placement.kind === 'refused') {
          this.lines.answered();
          return;
        } else {
          this.lines.answered();
          const settled = await this.settleUncertain(row.id);
          if (settled === 'not-placed') {
            this.forget(row.id);
            row = null;
            continue;
          }
          if (settled === null) {
            this.counts.unresolved += 1;
            return;
          }
          this.lines.accepted(undefined);
          call = settled;
        }
      }
      const placed = row!;
      const end = await this.followToEnd(placed.live, call).finally(() => {
        this.lines.callEnded();
        freeLine();
      });
      // The freed line's next create leaves first (its row written, its request sent): the next call rings
      // while this one is recorded, instead of waiting for the records of every call that ended with it.
      await afterQueuedWork();
      await this.recordEnd(placed.id, placed.live, end);
    } finally {
      freeLine();
      if (row) this.forget(row.id);
    }
  }

  /**
   * Writes the call's row before it is dialled. The rows of calls that start together (a round's lines
   * freed by one poll, the lines after the first create) are written in ONE transaction, then every create
   * goes: one commit (one fsync) for a round instead of one per call, and no create of the round waits for
   * the others' commits. Each row is still committed before its own create is sent.
   */
  private openRow(entry: DueEntry): Promise<{ id: number; live: InFlightCall }> {
    return new Promise((resolve, reject) => {
      this.rowsToOpen.push({ entry, resolve, reject });
      // After the work already queued (the other lines being taken, all microtasks) and before any I/O.
      if (this.rowsToOpen.length === 1) process.nextTick(() => void this.openRows());
    });
  }

  private async openRows(): Promise<void> {
    const batch = this.rowsToOpen.splice(0);
    const { store, clock } = this.deps;
    const startedAt = clock.now();
    const pending = (entry: DueEntry) => ({
      sessionId: this.id,
      sessionStartedAt: this.plan.sessionStart,
      phoneE164: entry.phoneE164,
      kind: entry.kind,
      orders: entry.orders.map((due) => ({ awb: due.order.awb, attemptNumber: due.attemptNumber })),
      startedAt,
      provider: this.deps.providerKind,
    });
    let written: EachWritten<number>[];
    try {
      const what = batch.length === 1 ? `the call to ${batch[0]!.entry.phoneE164}` : `${batch.length} calls`;
      // One row that cannot be written fails its own call, not the round.
      written = await durableWriteEach(this.deps, `${what} before dialling`, batch, ({ entry }) =>
        store.calls.insertPending(pending(entry)),
      );
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ entry, resolve, reject }, index) => {
      const row = written[index]!;
      if ('error' in row) {
        reject(row.error);
        return;
      }
      const id = row.value;
      const live: InFlightCall = {
        callId: id,
        phoneE164: entry.phoneE164,
        awbs: entry.orders.map((due) => due.order.awb),
        customer: entry.orders[0]!.order.customer,
        attemptNumber: Math.max(...entry.orders.map((due) => due.attemptNumber)),
        state: 'pending',
        startedAt,
      };
      this.inFlight.set(id, live);
      this.deps.reconciler.claim(id);
      resolve({ id, live });
    });
    this.changed();
  }

  /** The row leaves the live view and the reconciler may look at it again. */
  private forget(id: number): void {
    if (!this.inFlight.delete(id)) return;
    this.deps.reconciler.release(id);
    this.changed();
  }

  private async giveUp(id: number, why: string): Promise<void> {
    await durableWrite(this.deps, `call ${id} not placed`, () =>
      this.deps.store.calls.markFailed(id, 'error', this.deps.clock.now(), why),
    );
  }

  /** Sends the create once and sorts its answer. */
  private async place(entry: DueEntry, id: number): Promise<Placement> {
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

  /** Follows an accepted call until VAPI says it ended, or `lost` when it does not end in time. */
  private async followToEnd(live: InFlightCall, call: VapiCall): Promise<FollowEnd> {
    const { store } = this.deps;
    const maxCallMs = (this.deps.maxCallSeconds ?? DEFAULT_MAX_CALL_SECONDS) * 1000;
    const deadline = live.startedAt + maxCallMs + FOLLOW_MARGIN_MS;
    live.state = liveState(call.status);
    this.changed();
    if (call.status === 'ended') return { ended: call };
    return this.tracker.follow(call, deadline, (update) => {
      const state = liveState(update.status);
      live.state = state;
      this.changed();
      // The end is written once, with the result (recordEnd): not also as progress, with the whole call JSON.
      if (isTerminalStatus(update.status)) return;
      try {
        store.calls.markProgress(live.callId, state, update.raw);
      } catch {
        // Progress is for the live view; the end is what must be recorded (durably, in recordEnd).
      }
    });
  }

  /** Records how a call ended, with the customer's answer; a call not ended in time goes to the reconciler. */
  private async recordEnd(id: number, live: InFlightCall, end: FollowEnd): Promise<void> {
    const { store, clock } = this.deps;
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
    const result = await this.writeEnd(id, ended);
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
   * Writes an ended call's result. The ends seen by one read (a round's lines ending together) are written in
   * ONE transaction (one commit, one fsync), as the rows of calls that start together are (openRows): each
   * call's result, its answer and its actions still go together, and one result that cannot be written fails
   * its own call only.
   */
  private writeEnd(id: number, ended: VapiCall): Promise<EndedCallResult> {
    return new Promise((resolve, reject) => {
      this.endsToWrite.push({ id, ended, resolve, reject });
      // A macrotask later: the other calls the same read saw ended get here first (each after its next create
      // left: afterQueuedWork in dial).
      if (this.endsToWrite.length === 1) setImmediate(() => void this.writeEnds());
    });
  }

  private async writeEnds(): Promise<void> {
    const batch = this.endsToWrite.splice(0);
    const { store, clock } = this.deps;
    let written: EachWritten<EndedCallResult>[];
    try {
      const what =
        batch.length === 1 ? `the result of call ${batch[0]!.id}` : `the results of ${batch.length} calls`;
      written = await durableWriteEach(this.deps, what, batch, ({ id, ended }) =>
        recordEndedCall(store, id, ended, clock.now(), this.deps.settings),
      );
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, index) => {
      const row = written[index]!;
      if ('error' in row) reject(row.error);
      else resolve(row.value);
    });
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

  private inFlightState(id: number, state: InFlightCall['state']): void {
    const live = this.inFlight.get(id);
    if (live) live.state = state;
    this.changed();
  }

  private callRequest(entry: DueEntry, callId: number): CreateCallRequest {
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
