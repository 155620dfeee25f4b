/**
 * Which numbers the session dialling now has still to call. The engine keeps the plan the session started
 * with (Scheduler.runningPlan); the desk takes its queue once, as soon as it sees the session, and from then
 * on tells each planned number's state from the session's calls: on a line (the engine's in-flight list),
 * done (a call that was placed), or still waiting. Nothing is planned again here.
 *
 * Known gap: a number whose create VAPI refused for a passing fault is put back in the engine's queue; its
 * refused call (an error) makes it look done here until it is dialled again.
 */
import type { LiveSession } from '../../shared/desk-types';
import type { PlanOrder, QueueEntry } from '../domain/policy';
import type { WaitingNumber } from '../domain/forecast';
import type { Store, StoredCall } from '../store';

/** A planned call: its number, the orders it covers, and the attempt it is for each. */
export interface PlannedNumber extends WaitingNumber {
  kind: 'new' | 'retry';
  orders: { awb: string; attemptNumber: number }[];
}

/** Where the running session's plan comes from: the engine's scheduler. */
export interface SessionPlans {
  /** The plan the running session started with (its queue in dial order), or null without one. */
  runningPlan(): { sessionId: number; queue: readonly QueueEntry<PlanOrder>[] } | null;
}

export interface SessionNumbers {
  sessionId: number;
  startedAt: number;
  /** Planned numbers on a line now, in plan order. */
  dialling: PlannedNumber[];
  /** Planned numbers not dialled yet, in plan order. */
  waiting: PlannedNumber[];
}

/** A planned call as the session queue lists it. */
export function plannedNumberOf(entry: QueueEntry<PlanOrder>): PlannedNumber {
  const orders = entry.orders.map((due) => ({ awb: due.order.awb, attemptNumber: due.attemptNumber }));
  return { phoneE164: entry.phoneE164, kind: entry.kind, awbs: orders.map((due) => due.awb), orders };
}

export class SessionQueue {
  private snapshot: { sessionId: number; planned: PlannedNumber[] } | null = null;

  constructor(
    private readonly store: Store,
    private readonly plans: SessionPlans,
  ) {}

  /** Takes the plan of a session not seen before; cheap for one already seen. */
  observe(session: LiveSession | null): void {
    if (!session || this.snapshot?.sessionId === session.id) return;
    const plan = this.plans.runningPlan();
    // The session ended between the two questions: nothing of it is waiting.
    const queue = plan?.sessionId === session.id ? plan.queue : [];
    this.snapshot = { sessionId: session.id, planned: queue.map(plannedNumberOf) };
  }

  /**
   * The session's planned numbers by state, given its calls so far (`calls`, any order). Null without a
   * session.
   */
  numbers(session: LiveSession | null, calls?: readonly StoredCall[]): SessionNumbers | null {
    if (!session) return null;
    this.observe(session);
    const sessionCalls = calls ?? this.store.calls.list({ sessionId: session.id });
    const onLine = new Set(session.inFlight.map((call) => call.phoneE164));
    const called = new Set(sessionCalls.map((call) => call.phoneE164));
    // VAPI refused the account: the session starts no more calls, so nobody is waiting any more.
    const stopped = session.stoppedBecause !== null;
    const dialling: PlannedNumber[] = [];
    const waiting: PlannedNumber[] = [];
    for (const number of this.snapshot?.planned ?? []) {
      if (onLine.has(number.phoneE164)) dialling.push(number);
      else if (!called.has(number.phoneE164) && !stopped) waiting.push(number);
    }
    return { sessionId: session.id, startedAt: session.startedAt, dialling, waiting };
  }
}
