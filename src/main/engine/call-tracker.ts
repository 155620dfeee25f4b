/**
 * Follows every call a session has in flight with ONE list request per poll (VAPI's `GET /call` filtered by
 * `updatedAtGe` and the desk's phone number) instead of one read per call, so a call's end is noticed within
 * one short interval even with fifty lines busy. A call the list has not shown for a while is read on its own
 * (`GET /call/:id`), so a list that lags or is cut at its limit never loses one. A call is followed until its
 * deadline at most; then its follower hears `lost` and hands it to the reconciler.
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
  private polling = false;
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
    const createdAt = parseIso(call.createdAt);
    if (createdAt !== null) this.watermark = Math.min(this.watermark ?? createdAt, createdAt);
    return new Promise((resolve) => {
      this.followed.set(call.id, {
        providerCallId: call.id,
        deadline,
        lastSeenAt: this.deps.clock.now(),
        lastStatus: call.status,
        onUpdate,
        done: resolve,
      });
      if (!this.polling) void this.poll();
    });
  }

  /** Stops following: every follower hears `lost` (the desk is closing; the reconciler takes over). */
  close(reason: string): void {
    this.closed = true;
    for (const entry of [...this.followed.values()]) this.finish(entry, { lost: reason });
  }

  private finish(entry: Followed, end: FollowEnd): void {
    this.followed.delete(entry.providerCallId);
    entry.done(end);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    let waitMs = this.pollIntervalMs;
    try {
      while (this.followed.size > 0 && !this.closed) {
        await this.deps.clock.sleep(waitMs);
        if (this.closed) break;
        waitMs = (await this.readOnce()) ? this.pollIntervalMs : this.backoffMs();
        this.expire();
      }
    } finally {
      this.polling = false;
    }
  }

  private backoffMs(): number {
    const pause = this.deps.gate?.pause();
    const untilResume = pause ? pause.until - this.deps.clock.now() : 0;
    return Math.max(this.pollIntervalMs, untilResume);
  }

  /** One round of reading; false when the provider failed. */
  private async readOnce(): Promise<boolean> {
    const now = this.deps.clock.now();
    try {
      if (this.followed.size > 1) {
        const calls = await this.deps.provider.listCalls({
          updatedAtGe: (this.watermark ?? now) - WATERMARK_OVERLAP_MS,
          ...(this.deps.phoneNumberId ? { phoneNumberId: this.deps.phoneNumberId } : {}),
          limit: LIST_CALLS_MAX_LIMIT,
        });
        for (const call of calls) this.deliver(call);
      }
      const stale = [...this.followed.values()]
        .filter((entry) => this.followed.size === 1 || now - entry.lastSeenAt >= STALE_AFTER_MS)
        .slice(0, MAX_SINGLE_READS_PER_POLL);
      for (const entry of stale) await this.readSingle(entry);
      // A good read does not end a pause of the creates: only a create (or a lookup) that succeeds does.
      return true;
    } catch (error) {
      this.readFailed(error);
      return false;
    }
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
