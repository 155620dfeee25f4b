/**
 * One calling session: takes the policy's plan, dials with up to `concurrency` calls in flight, follows every
 * call to its end and records it. Each call row is written BEFORE the provider is asked to dial. No call
 * starts outside working hours: when they end mid-session the session stops starting calls and lets the
 * ones in flight finish. A provider failure is logged and costs the session one number, never the session.
 */
import type { CallInFlight, LiveSession } from '../../shared/desk-types';
import type { QueueEntry, SessionPlan } from '../domain/policy';
import { isCallableType } from '../domain/order';
import { isWithinWorkingHours } from '../domain/schedule';
import type { CallingSettings } from '../domain/settings';
import type { Logger } from '../log';
import type { SessionState, SessionTrigger, Store } from '../store';
import type { VapiCall } from '../vapi/types';
import type { Clock } from './clock';
import { followCall, type FollowDeps } from './call-follower';
import { providerErrorFacts, type CallProvider } from './provider';

export interface SessionRunDeps {
  store: Store;
  clock: Clock;
  provider: CallProvider;
  logger: Logger;
  settings: CallingSettings;
  /** How often a call in flight is read back from the provider. */
  pollIntervalMs?: number;
  /** A call still not ended after this long is marked interrupted. */
  maxFollowMs?: number;
  /** How long to wait before asking again when the provider's concurrency limit is full. */
  concurrencyBackoffMs?: number;
  /** Called whenever the live view changes (a call starts, moves on, ends). */
  onChange?: () => void;
}

/** What the live view shows of a call in flight and of the session: the contract's own shapes. */
export type InFlightCall = CallInFlight;
export type SessionProgress = LiveSession;

export class SessionRun {
  readonly id: number;
  private readonly queue: QueueEntry[];
  private readonly inFlight = new Map<number, InFlightCall>();
  private counts = { completed: 0, successful: 0, failed: 0, errors: 0 };
  private stopRequested = false;
  /** Numbers already put back once after a transient provider failure (each gets one more try per session). */
  private readonly requeued = new Set<string>();
  private closedByHours = false;
  private readonly follow: FollowDeps;

  constructor(
    private readonly deps: SessionRunDeps,
    private readonly plan: SessionPlan,
    readonly trigger: SessionTrigger,
  ) {
    this.queue = [...plan.queue];
    this.id = deps.store.sessions.start({
      startedAt: plan.sessionStart,
      trigger,
      planned: plan.queue.length,
      newCalls: plan.queue.filter((entry) => entry.kind === 'new').length,
      retryCalls: plan.queue.filter((entry) => entry.kind === 'retry').length,
      skipped: plan.skipCounts,
    });
    this.follow = {
      store: deps.store,
      clock: deps.clock,
      provider: deps.provider,
      logger: deps.logger,
      pollIntervalMs: deps.pollIntervalMs ?? 5_000,
      maxFollowMs: deps.maxFollowMs ?? 60 * 60_000,
    };
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
    };
  }

  /** Stops starting calls; calls already ringing are followed to their end and recorded. */
  stop(): void {
    this.stopRequested = true;
  }

  async run(): Promise<SessionState> {
    const { settings, logger, clock } = this.deps;
    logger.log({
      at: clock.now(),
      level: 'info',
      message: `Session ${this.id} (${this.trigger}) started: ${this.plan.queue.length} calls planned`,
    });
    const workers = Array.from({ length: Math.max(1, settings.concurrency) }, () => this.worker());
    // A worker that fails (the store went away, a bug) must not end the session while others still have
    // calls in flight: wait for all of them, then record what broke.
    const failures = (await Promise.allSettled(workers)).filter(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    for (const failure of failures) {
      const reason = failure.reason instanceof Error ? failure.reason.message : String(failure.reason);
      logger.log({
        at: clock.now(),
        level: 'error',
        message: `Session ${this.id}: a dialling worker failed: ${reason}`,
      });
    }
    const state: SessionState = this.stopRequested ? 'stopped' : this.closedByHours ? 'closed' : 'completed';
    const note = this.closedByHours ? `working hours ended; ${this.queue.length} calls not started` : null;
    this.deps.store.sessions.end(this.id, state, clock.now(), note);
    logger.log({
      at: clock.now(),
      level: 'info',
      message: `Session ${this.id} ${state}: ${this.counts.completed} calls, ${this.counts.successful} successful, ${this.counts.failed} failed, ${this.counts.errors} errors`,
    });
    this.changed();
    return state;
  }

  private mayStartCall(): boolean {
    if (this.stopRequested) return false;
    if (!isWithinWorkingHours(this.deps.clock.now(), this.deps.settings)) {
      if (!this.closedByHours) {
        this.closedByHours = true;
        this.deps.logger.log({
          at: this.deps.clock.now(),
          level: 'warn',
          message: `Working hours ended: session ${this.id} starts no more calls (${this.queue.length} left)`,
        });
      }
      return false;
    }
    return true;
  }

  private async worker(): Promise<void> {
    while (this.queue.length > 0 && this.mayStartCall()) {
      const entry = this.stillDue(this.queue.shift()!);
      if (entry) await this.dial(entry);
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

  private async dial(entry: QueueEntry): Promise<void> {
    const { store, clock } = this.deps;
    const callId = store.calls.insertPending({
      sessionId: this.id,
      sessionStartedAt: this.plan.sessionStart,
      phoneE164: entry.phoneE164,
      kind: entry.kind,
      orders: entry.orders.map((due) => ({ awb: due.order.awb, attemptNumber: due.attemptNumber })),
      startedAt: clock.now(),
    });
    const live: InFlightCall = {
      callId,
      phoneE164: entry.phoneE164,
      awbs: entry.orders.map((due) => due.order.awb),
      customer: entry.orders[0]!.order.customer,
      attemptNumber: Math.max(...entry.orders.map((due) => due.attemptNumber)),
      state: 'pending',
      startedAt: clock.now(),
    };
    this.inFlight.set(callId, live);
    this.changed();
    try {
      const accepted = await this.createCall(entry, callId);
      if (!accepted) return;
      const result = await followCall(this.follow, callId, accepted.id, (state) => {
        live.state = state;
        this.changed();
      });
      if (result.outcome === 'error') {
        // VAPI took the request but could not start the call (a call.start error): nobody was dialled.
        this.counts.errors += 1;
      } else {
        this.counts.completed += 1;
        if (result.successful) this.counts.successful += 1;
        else this.counts.failed += 1;
      }
    } finally {
      this.inFlight.delete(callId);
      store.sessions.saveCounts(this.id, this.counts);
      this.changed();
    }
  }

  /** Asks the provider to dial; waits out its concurrency limit; records an error when no call exists. */
  private async createCall(entry: QueueEntry, callId: number): Promise<VapiCall | null> {
    const { store, clock, provider, logger } = this.deps;
    for (;;) {
      try {
        const call = await provider.createCall(callRequest(entry, callId, this.id), {
          stillWanted: () => this.mayStartCall(),
        });
        store.calls.markAccepted(callId, call.id, 'queued', call.raw);
        return call;
      } catch (error) {
        const facts = providerErrorFacts(error);
        if (facts.kind === 'concurrency-limit' && this.mayStartCall()) {
          await clock.sleep(this.deps.concurrencyBackoffMs ?? 10_000);
          continue;
        }
        logger.log({
          at: clock.now(),
          level: 'error',
          message: `Call to ${entry.phoneE164} (${entry.orders.map((due) => due.order.awb).join(', ')}) not placed: ${facts.message}`,
        });
        if (facts.mayHaveDialled) {
          // We cannot know whether the phone rang: count it as an attempt so the cooldown protects the customer.
          store.calls.markFailed(callId, 'interrupted', clock.now(), facts.message);
          this.counts.completed += 1;
          this.counts.failed += 1;
        } else {
          store.calls.markFailed(callId, 'error', clock.now(), facts.message);
          this.counts.errors += 1;
          if (facts.retryable && !this.requeued.has(entry.phoneE164)) {
            // A passing fault (rate limit, 5xx, network) should not cost the customer this session: try the
            // number once more after the rest of the queue. The error row stays; it is not an attempt.
            this.requeued.add(entry.phoneE164);
            this.queue.push(entry);
          }
        }
        return null;
      }
    }
  }

  private changed(): void {
    this.deps.onChange?.();
  }
}

function callRequest(entry: QueueEntry, callId: number, sessionId: number) {
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
    metadata: { callId, sessionId, awbs: awbs.join(',') },
  };
}
