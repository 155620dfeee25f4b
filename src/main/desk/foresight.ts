/**
 * What comes next, for the desk's views: the forecast of the rest of today (domain/forecast.ts) with the
 * session dialling now taken into account, whether run-now has anyone to call (and how many, for the live
 * confirmation), the numbers of the running session (the Queue's "in this session"), and the live board.
 *
 * Both plan from the callable orders that can still be called and their call summaries
 * (store/call-summaries.ts stillCallableForPlanning), never from every order or every call, so their cost
 * and memory do not grow with the history.
 *
 * Planning is not free on a big desk (tens of ms per plan for 10,000 orders), and the status is asked for
 * often: results are kept until the data changes (`changed()`), the clock passes the moment they can change,
 * or, while a session dials and changes the data every few hundred milliseconds, ten seconds have passed
 * (a forecast of 10,000 orders takes a few hundred ms: npm run bench -- forecast).
 */
import type { DayForecast, LiveBoard, LiveSession } from '../../shared/desk-types';
import { dueNow, forecastDay, whenWords, type RunningSession } from '../domain/forecast';
import type { PlanHistory, PlanOrder } from '../domain/policy';
import type { CallingSettings } from '../domain/settings';
import type { Clock } from '../clock';
import type { Store, StoredCall } from '../store';
import { runningSessionOf } from './view-pages/plan-inputs';
import { liveBoard } from './live-board';
import { SessionQueue, type SessionNumbers, type SessionPlans } from './session-queue';

export interface ForesightDeps {
  store: Store;
  settings: () => CallingSettings;
  clock: Clock;
  scheduler: {
    readonly running: boolean;
    progress(): LiveSession | null;
    runNowRefusal(): string | null;
  } & SessionPlans;
  /** Why live calls cannot be placed now (Live — incomplete), or null. */
  liveProblem: () => string | null;
  /** VAPI's concurrency limit as it last said it, or null. */
  vapiLineLimit: () => number | null;
}

export interface RunNowDecision {
  allowed: boolean;
  reason: string | null;
  /** Numbers a run now would call (when it may start). */
  due?: number;
  /** The refusal is the desk's own (not the scheduler's): the desk records it. */
  byDesk: boolean;
}

const IDLE_TTL_MS = 30_000;
const BUSY_TTL_MS = 10_000;

interface Kept<T> {
  version: number;
  at: number;
  validUntil: number;
  value: T;
}

export class Foresight {
  readonly sessions: SessionQueue;
  private version = 0;
  private due: Kept<{ numbers: number; nextDueAt: number | null }> | null = null;
  private day: Kept<DayForecast & { calledLaterToday: Set<string> }> | null = null;
  private calls: { key: string; calls: StoredCall[] } | null = null;

  constructor(private readonly deps: ForesightDeps) {
    this.sessions = new SessionQueue(deps.store, deps.scheduler);
  }

  /** Orders, calls, sessions or settings changed. */
  changed(): void {
    this.version += 1;
  }

  private fresh<T>(kept: Kept<T> | null, busy: boolean): kept is Kept<T> {
    if (!kept) return false;
    const now = this.deps.clock.now();
    if (now >= kept.validUntil) return false;
    return kept.version === this.version || (busy && now - kept.at < BUSY_TTL_MS);
  }

  /** The running session's calls, read again only when one starts or ends. */
  private sessionCalls(session: LiveSession): StoredCall[] {
    const key = [
      session.id,
      session.completed,
      session.errors,
      session.unresolved,
      session.inFlight.map((call) => call.callId).join(','),
    ].join('|');
    if (this.calls?.key !== key) {
      this.calls = { key, calls: this.deps.store.calls.list({ sessionId: session.id }) };
    }
    return this.calls.calls;
  }

  /** The running session's planned numbers on a line and still waiting; null without one. */
  sessionNumbers(): SessionNumbers | null {
    const session = this.deps.scheduler.progress();
    return session ? this.sessions.numbers(session, this.sessionCalls(session)) : null;
  }

  /** The engine's progress with the live board added. */
  liveSession(): LiveSession | null {
    const session = this.deps.scheduler.progress();
    if (!session) return null;
    const calls = this.sessionCalls(session);
    const numbers = this.sessions.numbers(session, calls)!;
    const board: LiveBoard = liveBoard({
      session,
      calls,
      waiting: numbers.waiting.length,
      lineLimit: this.deps.settings().concurrency,
      vapiLineLimit: this.deps.vapiLineLimit(),
      now: this.deps.clock.now(),
      customerOf: (call) => {
        const first = call.awbs[0];
        return (first && this.deps.store.orders.get(first)?.customer) || '';
      },
    });
    return { ...session, board };
  }

  /**
   * The callable orders that can still be called and their call summaries (store/call-summaries.ts
   * stillCallableForPlanning: run now and the forecast report no other; on a desk of months the others are
   * nearly all), in one snapshot with, while a session dials, what the forecast assumes of it: its waiting
   * numbers and its calls not ended yet.
   */
  private history(withSession: boolean): {
    orders: readonly PlanOrder[];
    history: PlanHistory;
    running: RunningSession | null;
  } {
    const { store } = this.deps;
    const numbers = withSession ? this.sessionNumbers() : null;
    const { maxAttempts } = this.deps.settings();
    return store.transaction(() => ({
      ...store.callSummaries.stillCallableForPlanning(maxAttempts),
      running: runningSessionOf(store.callSummaries, numbers),
    }));
  }

  /** Whether a run now may start, and if not why: the scheduler's reasons, then Live — incomplete, then nobody due. */
  runNow(): RunNowDecision {
    const engine = this.deps.scheduler.runNowRefusal();
    if (engine) return { allowed: false, reason: engine, byDesk: false };
    const problem = this.deps.liveProblem();
    if (problem) return { allowed: false, reason: problem, byDesk: true };
    const now = this.deps.clock.now();
    const due = this.fresh(this.due, false)
      ? this.due
      : this.keepDue(now, dueNow({ ...this.history(false), settings: this.deps.settings(), now }));
    const { numbers, nextDueAt } = due.value;
    if (numbers > 0) return { allowed: true, reason: null, due: numbers, byDesk: false };
    const next =
      nextDueAt === null
        ? ''
        : ` (the next is due at ${whenWords(nextDueAt, now, this.deps.settings().timezone)})`;
    return { allowed: false, reason: `nobody is due now${next}`, due: 0, byDesk: true };
  }

  /** Keeps run now's answer (how many are due now, when the next is) while it holds. */
  private keepDue(
    now: number,
    value: { numbers: number; nextDueAt: number | null },
  ): Kept<{ numbers: number; nextDueAt: number | null }> {
    // Nobody due stays true until the next number's cooldown ends; somebody due, until the data changes.
    const validUntil = Math.min(
      now + IDLE_TTL_MS,
      value.numbers === 0 ? (value.nextDueAt ?? Infinity) : Infinity,
    );
    this.due = { version: this.version, at: now, validUntil, value };
    return this.due;
  }

  /** The rest of today. */
  forecast(): DayForecast & { calledLaterToday: Set<string> } {
    const now = this.deps.clock.now();
    const busy = this.deps.scheduler.progress() !== null;
    if (!this.fresh(this.day, busy)) {
      const value = forecastDay({
        ...this.history(true),
        settings: this.deps.settings(),
        now,
        schedulerRunning: this.deps.scheduler.running,
      });
      // The next session ahead, or a cooldown ending, changes the picture by the clock alone.
      const moments = [
        ...value.sessions.map((session) => session.at),
        ...value.notToday.map((group) => group.eligibleAt ?? Infinity),
        value.nextDueAt ?? Infinity,
      ].filter((at) => at > now);
      const validUntil = Math.min(now + IDLE_TTL_MS, ...moments);
      this.day = { version: this.version, at: now, validUntil, value };
      // Without a session dialling, the forecast's first plan is run now's: no second read for the status.
      if (!busy) this.keepDue(now, { numbers: value.dueNow, nextDueAt: value.nextDueAt });
    }
    return this.day.value;
  }
}
