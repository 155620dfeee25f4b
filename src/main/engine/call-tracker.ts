/**
 * Follows every call a session has in flight with ONE list request per poll (VAPI's `GET /call` filtered by
 * `updatedAtGe`, by `createdAtGe` the oldest followed call's, and by the desk's phone number) instead of one
 * read per call, so a call's end is noticed within one short interval even with fifty lines busy. A call the
 * list has not shown for a while is read on its own (`GET /call/:id`), so a list that lags or is cut at its
 * limit never loses one. A call is followed until its deadline at most; then its follower hears `lost` and
 * hands it to the reconciler.
 *
 * When to read: every call is read at each whole interval of its age (followed at t, read at t + I, t + 2I,
 * …), and one list serves all the calls whose turn falls within a quarter interval of the first one's (the
 * later turn decides, so none is read before its turn), with at least a quarter interval between two reads:
 * a turn that comes sooner than that after a read is read a quarter interval after it (a moment late), not
 * at the call's next turn (a whole interval late, and its line out of step from then on).
 * Two reads are never more than an interval and a half apart, nor closer than a quarter interval. Why
 * not one fixed beat: a call's end is seen late by however far the beat's phase is from the call's start,
 * up to a whole interval per call. Calls that started together (a session's lines refilled at once) are read
 * together at their own phase, so the lines refill in step and a session of equal calls keeps to its bound.
 *
 * A call's age is counted from its start as VAPI records it (`createdAt`), not from when the desk had the
 * create's answer: that answer comes a round trip later, and later still for the last of fifty creates sent
 * together, so counting from it reads each call late by its own answer's delay, and calls placed together
 * fall into different reads. VAPI's clock is not the desk's: the tracker keeps a bound on the difference
 * (offset = VAPI's clock − the desk's ≥ createdAt − the instant the desk followed the call, for every call
 * followed, since VAPI stamped createdAt before it answered) and counts each call from createdAt − that
 * bound, in the desk's time. A read sent at that instant plus whole intervals reaches VAPI no earlier than
 * the call's age turns that many intervals, whatever the skew, and never later than counting from the answer.
 */
import type { Logger } from '../log';
import { LIST_CALLS_MAX_LIMIT, type VapiCall } from '../vapi/types';
import type { Clock } from '../clock';
import { pauseReasonFor, type ProviderGate } from './provider-gate';
import { providerErrorFacts, type CallProvider } from './provider';
import { isTerminalStatus } from '../domain/outcome';

/** One default for how often calls in flight are read, used by the desk, the simulator and the tests. */
export const DEFAULT_POLL_INTERVAL_MS = 1_000;
/** Updates are asked for from a little before the newest one seen: VAPI's list may lag a moment. */
const WATERMARK_OVERLAP_MS = 5_000;
/** A followed call the list has not shown for this long is read on its own. */
const STALE_AFTER_MS = 10_000;
/** Individual reads per poll, at most: the list does the bulk of the work. */
const MAX_SINGLE_READS_PER_POLL = 5;

export type FollowEnd = { ended: VapiCall } | { lost: string };

interface Followed {
  providerCallId: string;
  /** VAPI's createdAt (its clock), when it gave one: the list asks for no call created before the oldest. */
  createdAt: number | null;
  /**
   * When the call started on the desk's clock (VAPI's createdAt less the offset bound; when following began
   * if VAPI gave no createdAt): the call's turns are whole intervals after it.
   */
  since: number;
  /** When the last read that covered this call was sent (`since` before the first). */
  readAt: number;
  deadline: number;
  lastSeenAt: number;
  lastStatus: string | null;
  onUpdate: (call: VapiCall) => void;
  done: (end: FollowEnd) => void;
}

export interface CallTrackerDeps {
  clock: Clock;
  provider: CallProvider;
  logger: Logger;
  pollIntervalMs?: number;
  /** Keeps list answers to the desk's own calls. */
  phoneNumberId?: string;
  /** Read failures pause the session's creates too; successes end the pause. */
  gate?: ProviderGate;
}

function parseIso(text: string | undefined): number | null {
  if (!text) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

export class CallTracker {
  private readonly followed = new Map<string, Followed>();
  private watermark: number | null = null;
  /** The greatest lower bound seen of VAPI's clock less the desk's (see the header); null before a call. */
  private offsetLow: number | null = null;
  private polling = false;
  /** Wakes the poll loop's sleep (a call started being followed). */
  private interrupt: (() => void) | null = null;
  private closed = false;
  private readonly pollIntervalMs: number;

  constructor(private readonly deps: CallTrackerDeps) {
    this.pollIntervalMs = deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  get size(): number {
    return this.followed.size;
  }

  /**
   * Resolves with the ended call, or `lost` when it has not ended by `deadline` (or the tracker closed).
   * `onUpdate` hears every reading whose status changed.
   */
  follow(call: VapiCall, deadline: number, onUpdate: (call: VapiCall) => void): Promise<FollowEnd> {
    if (this.closed) return Promise.resolve({ lost: 'the session stopped following calls' });
    const now = this.deps.clock.now();
    const createdAt = parseIso(call.createdAt);
    if (createdAt !== null) {
      this.watermark = Math.min(this.watermark ?? createdAt, createdAt);
      this.offsetLow = Math.max(this.offsetLow ?? Number.NEGATIVE_INFINITY, createdAt - now);
    }
    const since = createdAt !== null && this.offsetLow !== null ? createdAt - this.offsetLow : now;
    return new Promise((resolve) => {
      this.followed.set(call.id, {
        providerCallId: call.id,
        createdAt,
        since: Math.min(now, since),
        readAt: Math.min(now, since),
        deadline,
        lastSeenAt: this.deps.clock.now(),
        lastStatus: call.status,
        onUpdate,
        done: resolve,
      });
      if (!this.polling) void this.poll();
      else this.interrupt?.();
    });
  }

  /** Stops following: every follower hears `lost` (the desk is closing; the reconciler takes over). */
  close(reason: string): void {
    this.closed = true;
    this.interrupt?.();
    for (const entry of [...this.followed.values()]) this.finish(entry, { lost: reason });
  }

  private finish(entry: Followed, end: FollowEnd): void {
    this.followed.delete(entry.providerCallId);
    entry.done(end);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    let lastReadAt = Number.NEGATIVE_INFINITY;
    /** After a failed read: when to read again, whatever calls are followed meanwhile. */
    let retryAt: number | null = null;
    try {
      while (this.followed.size > 0 && !this.closed) {
        const due = await this.sleepUntil(retryAt ?? this.nextReadAt(lastReadAt));
        if (this.closed) break;
        // A call followed meanwhile may have an earlier turn (or join this one): work the next read out again.
        if (!due) continue;
        lastReadAt = this.deps.clock.now();
        retryAt = (await this.readOnce()) ? null : lastReadAt + this.backoffMs();
        this.expire();
      }
    } finally {
      this.polling = false;
    }
  }

  /** Sleeps until `at`; resolves false early when a call starts being followed. */
  private sleepUntil(at: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(
        () => {
          this.interrupt = null;
          resolve(true);
        },
        Math.max(0, at - this.deps.clock.now()),
      );
      this.interrupt = () => {
        this.interrupt = null;
        timer.cancel();
        resolve(false);
      };
    });
  }

  /** The next read (see the header): the first call's next turn, or the latest turn within a quarter of it. */
  private nextReadAt(lastReadAt: number): number {
    const interval = this.pollIntervalMs;
    const gap = interval / 4;
    const earliest = Math.max(lastReadAt + gap, this.deps.clock.now());
    // Each call's next turn after the last read that covered it; a turn that falls too soon after the last
    // read is read as soon as two reads may be that close, not a whole interval later.
    const turns = [...this.followed.values()].map((entry) => {
      const periods = Math.floor((entry.readAt - entry.since) / interval) + 1;
      return Math.max(entry.since + periods * interval, earliest);
    });
    const first = Math.min(...turns);
    return Math.max(...turns.filter((turn) => turn <= first + gap));
  }

  private backoffMs(): number {
    const pause = this.deps.gate?.pause();
    const untilResume = pause ? pause.until - this.deps.clock.now() : 0;
    return Math.max(this.pollIntervalMs, untilResume);
  }

  /** One round of reading; false when the provider failed. */
  private async readOnce(): Promise<boolean> {
    const now = this.deps.clock.now();
    for (const entry of this.followed.values()) entry.readAt = now;
    try {
      const alone = this.followed.size === 1;
      if (!alone) {
        const oldest = this.oldestCreatedAt();
        const calls = await this.deps.provider.listCalls({
          updatedAtGe: (this.watermark ?? now) - WATERMARK_OVERLAP_MS,
          ...(oldest !== null ? { createdAtGe: oldest } : {}),
          ...(this.deps.phoneNumberId ? { phoneNumberId: this.deps.phoneNumberId } : {}),
          limit: LIST_CALLS_MAX_LIMIT,
        });
        for (const call of calls) this.deliver(call);
      }
      const stale = [...this.followed.values()]
        .filter((entry) => alone || now - entry.lastSeenAt >= STALE_AFTER_MS)
        .slice(0, MAX_SINGLE_READS_PER_POLL);
      for (const entry of stale) await this.readSingle(entry);
      // A good read does not end a pause of the creates: only a create (or a lookup) that succeeds does.
      return true;
    } catch (error) {
      this.readFailed(error);
      return false;
    }
  }

  /**
   * The oldest followed call's createdAt, on VAPI's own clock (so no skew applies): no call created before it
   * is followed, so the list need not carry the calls of earlier rounds that ended a moment ago. Null when a
   * followed call has no createdAt.
   */
  private oldestCreatedAt(): number | null {
    let oldest = Number.POSITIVE_INFINITY;
    for (const entry of this.followed.values()) {
      if (entry.createdAt === null) return null;
      oldest = Math.min(oldest, entry.createdAt);
    }
    return Number.isFinite(oldest) ? oldest : null;
  }

  private async readSingle(entry: Followed): Promise<void> {
    try {
      this.deliver(await this.deps.provider.getCall(entry.providerCallId));
    } catch (error) {
      const facts = providerErrorFacts(error);
      if (facts.kind !== 'not-found') throw error;
      this.finish(entry, { lost: 'VAPI no longer knows this call' });
    }
  }

  private deliver(call: VapiCall): void {
    const updatedAt = parseIso(call.updatedAt);
    if (updatedAt !== null) this.watermark = Math.max(this.watermark ?? updatedAt, updatedAt);
    const entry = this.followed.get(call.id);
    if (!entry) return;
    entry.lastSeenAt = this.deps.clock.now();
    if (call.status !== entry.lastStatus) {
      entry.lastStatus = call.status;
      entry.onUpdate(call);
    }
    if (isTerminalStatus(call.status)) this.finish(entry, { ended: call });
  }

  private readFailed(error: unknown): void {
    const facts = providerErrorFacts(error);
    this.deps.logger.log({
      at: this.deps.clock.now(),
      level: 'warn',
      message: `Could not read calls in flight back from the provider: ${facts.detail}`,
    });
    if (facts.stopsCalling) this.deps.gate?.stop(facts.message);
    else this.deps.gate?.failed(pauseReasonFor(facts.kind), facts.retryAfterMs);
  }

  private expire(): void {
    const now = this.deps.clock.now();
    for (const entry of [...this.followed.values()]) {
      if (now >= entry.deadline) this.finish(entry, { lost: 'the call had not ended by its deadline' });
    }
  }
}
