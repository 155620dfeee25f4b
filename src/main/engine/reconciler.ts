/**
 * One truth per call. A call row that was sent to VAPI is never judged "not dialled" or "lost" without asking
 * VAPI: the reconciler owns every unresolved call (a create whose reply was lost, a call that did not end in
 * time, calls in flight when the app died) and keeps asking — by VAPI's call id when we have it, else by our
 * own `metadata.callId` in VAPI's call list around the send time — with backoff, until VAPI says what
 * happened, and records it. Until then the call blocks its number and is never a success (policy.ts).
 *
 * Sessions use `resolve` directly before re-sending a create, and `claim` the rows they are handling so the
 * background loop never asks about the same call twice at once.
 */
import { isTerminalStatus } from '../domain/outcome';
import type { Logger } from '../log';
import type { CallProviderKind, Store, StoredCall } from '../store';
import { LIST_CALLS_MAX_LIMIT, type VapiCall } from '../vapi/types';
import type { Clock, TimerHandle } from '../clock';
import { recordEndedCall, type RecordSettings } from './call-record';
import { durableWrite } from './durable-write';
import { providerErrorFacts, type CallProvider, type ProviderErrorFacts } from './provider';

/** How far VAPI's clock and ours may disagree; lookups by send time look this far either side. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Rows sent within this span share one list request. */
const LOOKUP_GROUP_SPAN_MS = 10 * 60_000;
const MAX_LIST_PAGES = 10;
const FIRST_RECHECK_MS = 5_000;
const LONGEST_RECHECK_MS = 10 * 60_000;
/** A call VAPI says is still going is looked at again this soon, until it is past its maximum duration. */
const IN_PROGRESS_RECHECK_MS = 30_000;

/**
 * When "VAPI has no record of this create" becomes an answer: at once (after a moment for VAPI's list to
 * catch up) when VAPI answered the create with an error status; only after the request's own timeout and a
 * margin when the reply never came (VAPI may still have been working on it).
 */
export const SETTLE_AFTER_ANSWER_MS = 10_000;
export const SETTLE_AFTER_SILENCE_MS = 2 * 60_000;

export type Resolution =
  /** VAPI has the call. Ended calls are already recorded; a call still going is for the caller to follow. */
  | { kind: 'placed'; call: VapiCall }
  /** VAPI never placed it: the row is now an `error` (not an attempt) and the customer may be dialled. */
  | { kind: 'not-placed' }
  /** VAPI knows the id no more: the result is lost for good (`interrupted`: an attempt, never a success). */
  | { kind: 'lost' }
  /** Not known yet; asked again at `retryAt`. `failure` when the provider itself failed. */
  | { kind: 'unknown'; retryAt: number; failure?: ProviderErrorFacts };

export interface ReconcilerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The provider that placed calls of this kind, or why none can be asked now. */
  providerFor: (kind: CallProviderKind | null) => CallProvider | string;
  /** This desk's id, sent in every call's metadata so lookups never match another desk's call. */
  deskId: string;
  /** A call older than this (from its send) that VAPI still calls "in progress" is stuck: asked less often. */
  maxCallMs: number;
  /** The time zone and working hours the customer's answer is read against (callbacks, "kal"). */
  settings: () => RecordSettings;
  random?: () => number;
  onChange?: () => void;
}

function metadataOf(call: VapiCall): Record<string, unknown> {
  return call.assistantOverrides?.metadata ?? {};
}

export class Reconciler {
  private readonly claimed = new Set<number>();
  private timer: TimerHandle | null = null;
  private running = false;
  private ticking = false;
  /** One round of asking at a time: a session's check and the background loop never ask about a call twice. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly random: () => number;

  constructor(private readonly deps: ReconcilerDeps) {
    this.random = deps.random ?? Math.random;
  }

  /**
   * After the app stopped without a shutdown: sessions left running are closed as interrupted and every call
   * that had not ended becomes unresolved, to be asked about. Sandbox calls are lost with the app's in-process
   * fake VAPI and are marked so, in words that say it.
   */
  adoptAfterRestart(): void {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    for (const session of store.sessions.running()) {
      store.sessions.end(session.id, 'interrupted', now, 'the app stopped while this session was dialling');
      logger.log({ at: now, level: 'warn', message: `Session ${session.id} was interrupted by a restart` });
    }
    for (const call of store.calls.unfinished()) {
      if (call.provider === 'sandbox') {
        store.calls.markFailed(
          call.id,
          'interrupted',
          now,
          'sandbox call lost when the app stopped: the sandbox’s fake VAPI runs inside the app, so nobody can say how it went (no real phone rang)',
        );
      } else if (call.state !== 'unresolved') {
        store.calls.markUnresolved(
          call.id,
          'the app stopped while this call was in flight; asking VAPI how it went',
          now,
          call.providerCallId ? null : call.startedAt + SETTLE_AFTER_SILENCE_MS,
        );
      }
    }
  }

  /** Starts the background loop: asks about each unresolved call when it is due. */
  start(): void {
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
  }

  /** A new unresolved call, or a claim released: look at the schedule again. */
  wake(): void {
    if (this.running) this.arm();
  }

  /** A session is handling this row: the background loop leaves it alone. */
  claim(callId: number): void {
    this.claimed.add(callId);
  }

  release(callId: number): void {
    this.claimed.delete(callId);
    this.wake();
  }

  /** Asks about every unresolved call now (before a session plans), whatever its schedule. */
  async checkAll(): Promise<void> {
    await this.exclusive(() => this.checkRows(this.unclaimed(), true));
  }

  /** Asks VAPI about one row now. */
  async resolve(callId: number): Promise<Resolution> {
    return this.exclusive(async (): Promise<Resolution> => {
      const row = this.deps.store.calls.get(callId);
      if (!row || row.state === 'ended') {
        return row?.outcome === 'error' ? { kind: 'not-placed' } : { kind: 'lost' };
      }
      const [resolution] = await this.resolveRows([row]);
      return resolution!;
    });
  }

  /** Runs `work` after every round already asked for; rows are read inside it, after the previous round. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private unclaimed(): StoredCall[] {
    return this.deps.store.calls.unresolved().filter((row) => !this.claimed.has(row.id));
  }

  private arm(): void {
    this.timer?.cancel();
    this.timer = null;
    if (!this.running || this.ticking) return;
    const next = this.unclaimed()[0];
    if (!next) return;
    const wait = Math.max(0, (next.checkAfter ?? 0) - this.deps.clock.now());
    this.timer = this.deps.clock.setTimeout(() => void this.tick(), wait);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.ticking = true;
    try {
      await this.exclusive(() => this.checkRows(this.unclaimed(), false));
    } catch (error) {
      this.log(
        'error',
        `Checking unresolved calls failed: ${error instanceof Error ? error.message : error}`,
      );
    } finally {
      this.ticking = false;
      this.arm();
    }
  }

  private async checkRows(rows: StoredCall[], all: boolean): Promise<void> {
    const now = this.deps.clock.now();
    const due = all ? rows : rows.filter((row) => (row.checkAfter ?? 0) <= now);
    if (due.length === 0) return;
    await this.resolveRows(due);
    this.deps.onChange?.();
  }

  private async resolveRows(rows: StoredCall[]): Promise<Resolution[]> {
    const byProvider = new Map<CallProviderKind | null, StoredCall[]>();
    for (const row of rows) byProvider.set(row.provider, [...(byProvider.get(row.provider) ?? []), row]);
    const resolutions = new Map<number, Resolution>();
    for (const [kind, group] of byProvider) {
      const provider = this.deps.providerFor(kind);
      if (typeof provider === 'string') {
        for (const row of group) resolutions.set(row.id, await this.later(row, provider));
        continue;
      }
      const found = await this.lookUp(provider, group);
      for (const row of group) {
        resolutions.set(row.id, await this.resolveOne(provider, row, found));
      }
    }
    return rows.map((row) => resolutions.get(row.id)!);
  }

  /**
   * Finds VAPI's calls for many rows with one list request per span of send times: by VAPI's id where we
   * have it, else by our metadata. A row missing from the list is read on its own if it has an id; a failure
   * is kept per row.
   */
  private async lookUp(
    provider: CallProvider,
    rows: StoredCall[],
  ): Promise<Map<number, VapiCall | ProviderErrorFacts>> {
    const found = new Map<number, VapiCall | ProviderErrorFacts>();
    const sorted = [...rows].sort((a, b) => a.startedAt - b.startedAt);
    while (sorted.length > 0) {
      const first = sorted[0]!.startedAt;
      const group = sorted.filter((row) => row.startedAt - first <= LOOKUP_GROUP_SPAN_MS);
      sorted.splice(0, group.length);
      const byCallId = new Map(group.map((row) => [String(row.id), row]));
      const byProviderId = new Map(
        group.filter((row) => row.providerCallId).map((row) => [row.providerCallId!, row]),
      );
      try {
        for (const call of await this.listAround(provider, first, group.at(-1)!.startedAt)) {
          const metadata = metadataOf(call);
          // Calls from another desk on the same account carry another deskId (or none, before deskIds).
          const ours = metadata.deskId === undefined || metadata.deskId === this.deps.deskId;
          const row = byProviderId.get(call.id) ?? (ours ? byCallId.get(String(metadata.callId)) : undefined);
          if (row && (!row.providerCallId || row.providerCallId === call.id)) found.set(row.id, call);
        }
      } catch (error) {
        for (const row of group) found.set(row.id, providerErrorFacts(error));
      }
    }
    return found;
  }

  /** Every call created in [from - skew, to + skew], page by page (VAPI lists newest first). */
  private async listAround(provider: CallProvider, from: number, to: number): Promise<VapiCall[]> {
    const calls: VapiCall[] = [];
    let upperBound = to + CLOCK_SKEW_MS;
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const batch = await provider.listCalls({
        createdAtGe: from - CLOCK_SKEW_MS,
        createdAtLe: upperBound,
        limit: LIST_CALLS_MAX_LIMIT,
      });
      calls.push(...batch);
      if (batch.length < LIST_CALLS_MAX_LIMIT) break;
      const oldest = Math.min(...batch.map((call) => Date.parse(call.createdAt)));
      if (!Number.isFinite(oldest) || oldest >= upperBound) break;
      upperBound = oldest;
    }
    return calls;
  }

  private async resolveOne(
    provider: CallProvider,
    row: StoredCall,
    found: Map<number, VapiCall | ProviderErrorFacts>,
  ): Promise<Resolution> {
    const now = this.deps.clock.now();
    let call: VapiCall;
    const listed = found.get(row.id);
    if (listed && !('id' in listed)) {
      return this.later(row, `VAPI could not be asked: ${listed.message}`, listed);
    }
    if (listed && row.providerCallId) {
      call = listed;
    } else if (row.providerCallId) {
      try {
        call = await provider.getCall(row.providerCallId);
      } catch (error) {
        const facts = providerErrorFacts(error);
        if (facts.kind === 'not-found') return this.lost(row);
        return this.later(row, `VAPI could not be asked: ${facts.message}`, facts);
      }
    } else {
      const match = found.get(row.id);
      if (match && !('id' in match))
        return this.later(row, `VAPI could not be asked: ${match.message}`, match);
      if (!match) {
        const settleAt = row.settleAt ?? row.startedAt + SETTLE_AFTER_SILENCE_MS;
        if (now < settleAt)
          return this.later(row, 'waiting for VAPI’s call list to show this call', undefined, settleAt);
        await this.write(`call ${row.id} was not placed`, () =>
          this.deps.store.calls.markFailed(
            row.id,
            'error',
            now,
            'VAPI has no record of this call (checked its call list): nobody was dialled',
          ),
        );
        this.log('info', `Call ${row.id} to ${row.phoneE164}: VAPI has no record of it; nobody was dialled`);
        return { kind: 'not-placed' };
      }
      call = match;
      await this.write(`VAPI's id for call ${row.id}`, () =>
        this.deps.store.calls.adoptProviderId(row.id, call.id, call.raw),
      );
      this.log('info', `Call ${row.id} to ${row.phoneE164}: found in VAPI's call list (${call.id})`);
    }
    if (isTerminalStatus(call.status)) {
      const result = await this.write(`the result of call ${row.id}`, () =>
        recordEndedCall(this.deps.store, row.id, call, now, this.deps.settings()),
      );
      this.log(
        'info',
        `Call ${row.id} to ${row.phoneE164} settled with VAPI: ${result.outcome}${result.successful ? ' (successful)' : ''}`,
      );
      return { kind: 'placed', call };
    }
    const stuck = now - row.startedAt >= this.deps.maxCallMs;
    await this.scheduleAgain(
      row,
      stuck
        ? `VAPI still reports this call as ${call.status} long after its maximum duration`
        : `VAPI reports this call as ${call.status}`,
      stuck ? undefined : now + IN_PROGRESS_RECHECK_MS,
    );
    return { kind: 'placed', call };
  }

  private async lost(row: StoredCall): Promise<Resolution> {
    const note =
      row.provider === 'sandbox'
        ? 'sandbox call lost: the sandbox’s fake VAPI no longer knows it (no real phone rang)'
        : 'VAPI no longer knows this call id; its result is lost (counted as an attempt, never a success)';
    await this.write(`call ${row.id} lost`, () =>
      this.deps.store.calls.markFailed(row.id, 'interrupted', this.deps.clock.now(), note),
    );
    this.log('warn', `Call ${row.id} to ${row.phoneE164}: ${note}`);
    return { kind: 'lost' };
  }

  private async later(
    row: StoredCall,
    note: string,
    failure?: ProviderErrorFacts,
    at?: number,
  ): Promise<Resolution> {
    const retryAt = await this.scheduleAgain(row, note, at);
    return failure ? { kind: 'unknown', retryAt, failure } : { kind: 'unknown', retryAt };
  }

  /** Backoff: 5 s doubling to 10 minutes, with jitter, unless a time is given. */
  private async scheduleAgain(row: StoredCall, note: string, at?: number): Promise<number> {
    const ceiling = Math.min(LONGEST_RECHECK_MS, FIRST_RECHECK_MS * 2 ** row.checks);
    const retryAt = at ?? this.deps.clock.now() + Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    await this.write(`when to check call ${row.id} again`, () =>
      this.deps.store.calls.scheduleCheck(row.id, retryAt, note),
    );
    return retryAt;
  }

  private write<T>(what: string, write: () => T): Promise<T> {
    return durableWrite(this.deps, what, write);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.deps.logger.log({ at: this.deps.clock.now(), level, message });
  }
}
