/**
 * Session-level backpressure: a rate limit, a VAPI outage or a network failure pauses the whole session
 * instead of costing each customer in the queue their turn. After a failure the session waits (Retry-After
 * when VAPI said, else exponential backoff with jitter), then lets ONE request through as a probe; the others
 * follow only once it succeeds. A refusal for the whole account (key, credits, subscription) closes the gate
 * for good: the session stops starting calls with one clear reason.
 */
import type { Clock } from '../clock';

const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;
/** A Retry-After longer than this is clamped, so that a stray header cannot park a session for an hour. */
const MAX_PAUSE_MS = 5 * 60_000;

export interface GatePause {
  /** The instant the session tries again. */
  until: number;
  /** What the operator reads: "VAPI is rate-limiting", "VAPI is unreachable", ... */
  reason: string;
}

export interface GateDeps {
  clock: Clock;
  random?: () => number;
  /** Told whenever the gate pauses, resumes or stops (the live view shows it). */
  onChange?: () => void;
}

/** The pause for the n-th failure in a row (n ≥ 1): doubling, capped, with equal jitter. */
export function backoffForFailure(failures: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class ProviderGate {
  private pausedUntil = 0;
  private pauseReason = '';
  private failuresInRow = 0;
  private probeOut = false;
  private stopReason: string | null = null;
  private verdictWaiters: (() => void)[] = [];
  private readonly random: () => number;

  constructor(private readonly deps: GateDeps) {
    this.random = deps.random ?? Math.random;
  }

  /** Why calling stopped for good (an account-level refusal), or null. */
  get stopped(): string | null {
    return this.stopReason;
  }

  /** The pause the live view shows, while one lasts or a probe is out after it. */
  pause(): GatePause | null {
    if (this.failuresInRow === 0 || this.stopReason) return null;
    return { until: this.pausedUntil, reason: this.pauseReason };
  }

  /**
   * Waits until a request may go to the provider. Resolves true with a turn (report its outcome with
   * `succeeded` / `failed`, or `release` it unused), false when calling stopped or `stillWanted` says no.
   */
  async turn(stillWanted: () => boolean = () => true): Promise<boolean> {
    for (;;) {
      if (this.stopReason || !stillWanted()) return false;
      const wait = this.pausedUntil - this.deps.clock.now();
      if (wait > 0) {
        await this.deps.clock.sleep(wait);
        continue;
      }
      if (this.failuresInRow === 0) return true;
      if (!this.probeOut) {
        this.probeOut = true;
        return true;
      }
      await new Promise<void>((resolve) => this.verdictWaiters.push(resolve));
    }
  }

  succeeded(): void {
    const wasPaused = this.failuresInRow > 0;
    this.failuresInRow = 0;
    this.probeOut = false;
    this.wakeWaiters();
    if (wasPaused) this.deps.onChange?.();
  }

  /** A passing fault: pause everyone (Retry-After when given, else backoff). */
  failed(reason: string, retryAfterMs: number | null): void {
    const now = this.deps.clock.now();
    // Requests that were already on their way when the pause began fail together: one incident, one step of
    // backoff. Only a request sent after the pause (the probe) failing again makes the next pause longer.
    if (now >= this.pausedUntil) this.failuresInRow += 1;
    this.probeOut = false;
    const pause =
      retryAfterMs !== null
        ? Math.min(MAX_PAUSE_MS, retryAfterMs)
        : backoffForFailure(this.failuresInRow, this.random);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    this.pauseReason = reason;
    this.wakeWaiters();
    this.deps.onChange?.();
  }

  /** A turn taken and not used (the number was no longer due). */
  release(): void {
    if (!this.probeOut) return;
    this.probeOut = false;
    this.wakeWaiters();
  }

  /** Every further request would be refused alike: nothing more is sent. */
  stop(reason: string): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.wakeWaiters();
    this.deps.onChange?.();
  }

  private wakeWaiters(): void {
    const waiters = this.verdictWaiters;
    this.verdictWaiters = [];
    for (const wake of waiters) wake();
  }
}

/** The operator's words for why VAPI could not be used just now. */
export function pauseReasonFor(kind: string): string {
  switch (kind) {
    case 'rate-limit':
      return 'VAPI is rate-limiting';
    case 'server':
      return 'VAPI is having trouble on its side';
    case 'timeout':
      return 'VAPI is not answering in time';
    case 'network':
      return 'VAPI cannot be reached';
    default:
      return 'VAPI is not answering properly';
  }
}
