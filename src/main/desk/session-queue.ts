/**
 * Which numbers the session dialling now has still to call. The engine does not publish its queue, so the
 * desk re-makes the session's plan once, as soon as it sees the session (the plan it started with: the same
 * policy, the same cache, the history without the session's own calls), and from then on tells each planned
 * number's state from the session's calls: on a line (the engine's in-flight list), done (a call that was
 * placed), or still waiting.
 *
 * Known gap: a number whose create VAPI refused for a passing fault is put back in the engine's queue; its
 * refused call (an error) makes it look done here until it is dialled again.
 */
import type { LiveSession, QueueCall, QueueOrder } from '../../shared/desk-types';
import { planSession, summariseCalls, type QueueEntry } from '../domain/policy';
import type { CallingSettings } from '../domain/settings';
import type { WaitingNumber } from '../domain/forecast';
import type { Store, StoredCall } from '../store';
import { readPlanInputs } from './view-pages/plan-inputs';

export interface PlannedNumber extends WaitingNumber {
  kind: 'new' | 'retry';
  orders: QueueOrder[];
}

/** A planned call as the Queue lists it (its place in the list is the page's). */
export function queueCallOf(entry: QueueEntry): Omit<QueueCall, 'position' | 'inSession'> {
  return {
    phoneE164: entry.phoneE164,
    kind: entry.kind,
    orders: entry.orders.map((due) => ({
      awb: due.order.awb,
      customer: due.order.customer,
      type: due.order.type,
      attemptNumber: due.attemptNumber,
    })),
  };
}

export interface SessionNumbers {
  sessionId: number;
  startedAt: number;
  /** Planned numbers on a line now, in plan order. */
  dialling: PlannedNumber[];
  /** Planned numbers not dialled yet, in plan order. */
  waiting: PlannedNumber[];
}

export class SessionQueue {
  private snapshot: { sessionId: number; planned: PlannedNumber[] } | null = null;

  constructor(
    private readonly store: Store,
    private readonly settings: () => CallingSettings,
  ) {}

  /** Takes the plan of a session not seen before; cheap for one already seen. */
  observe(session: LiveSession | null): void {
    if (!session || this.snapshot?.sessionId === session.id) return;
    const { db } = this.store;
    const { orders, calls } = db.transaction(() => readPlanInputs(db))();
    const plan = planSession({
      orders,
      // A session's calls all carry its start.
      history: summariseCalls(calls.filter((call) => call.sessionStartedAt !== session.startedAt)),
      settings: this.settings(),
      sessionStart: session.startedAt,
      onlyCallbacks: session.trigger === 'callback',
    });
    this.snapshot = {
      sessionId: session.id,
      planned: plan.queue.map((entry) => ({
        ...queueCallOf(entry),
        awbs: entry.orders.map((due) => due.order.awb),
      })),
    };
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
