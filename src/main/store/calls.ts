/**
 * Call history: one row per call, written as `pending` BEFORE the provider is asked to dial (so a crash can
 * never lose a call that may have rung a customer), then moved along as the provider reports progress.
 */
import type { AnswerIntent, CustomerAnswerView } from '../../shared/desk-types';
import type { CallAttempt, CallKind, CallOutcome, CallState } from '../domain/call';
import type { SqliteDatabase } from './database';

interface CallRow {
  id: number;
  session_id: number;
  session_started_at: number;
  phone_e164: string;
  attempt_number: number;
  kind: string;
  provider_call_id: string | null;
  state: string;
  ended_reason: string | null;
  outcome: string | null;
  successful: number;
  started_at: number;
  ended_at: number | null;
  duration_seconds: number | null;
  cost: number | null;
  summary: string | null;
  structured_data: string | null;
  transcript: string | null;
  recording_url: string | null;
  provider_json: string | null;
  error: string | null;
  provider: string | null;
  settle_at: number | null;
  check_after: number | null;
  checks: number;
  intent: string | null;
  answer_json: string | null;
  callback_at: number | null;
  no_call_before: number | null;
  closes_order: number;
  bad_number: number;
  talk_seconds: number | null;
  awbs: string | null;
}

/** Which provider placed a call: the real VAPI API, or the sandbox's fake VAPI inside the app. */
export type CallProviderKind = 'live' | 'sandbox';

export interface StoredCall extends CallAttempt {
  /** What went wrong on our side or at the API, or what is known of an unresolved call. */
  error: string | null;
  /** Null for calls placed before the desk recorded it. */
  provider: CallProviderKind | null;
  /** From this instant, VAPI having no record of an unconfirmed create means it placed nothing. */
  settleAt: number | null;
  /** When the reconciler asks VAPI about this unresolved call next. */
  checkAfter: number | null;
  /** How many times the reconciler has asked. */
  checks: number;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toCall(row: CallRow): StoredCall {
  return {
    id: row.id,
    sessionId: row.session_id,
    sessionStartedAt: row.session_started_at,
    phoneE164: row.phone_e164,
    awbs: row.awbs ? row.awbs.split(',') : [],
    attemptNumber: row.attempt_number,
    kind: row.kind as CallKind,
    providerCallId: row.provider_call_id,
    state: row.state as CallState,
    endedReason: row.ended_reason,
    outcome: row.outcome as CallOutcome | null,
    successful: row.successful === 1,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds,
    cost: row.cost,
    summary: row.summary,
    structuredData: parseJson(row.structured_data),
    transcript: row.transcript,
    recordingUrl: row.recording_url,
    providerJson: parseJson(row.provider_json),
    error: row.error,
    provider: row.provider as CallProviderKind | null,
    settleAt: row.settle_at,
    checkAfter: row.check_after,
    checks: row.checks,
    intent: row.intent as AnswerIntent | null,
    answer: parseJson(row.answer_json) as CustomerAnswerView | null,
    callbackAt: row.callback_at,
    noCallBefore: row.no_call_before,
    closesOrder: row.closes_order === 1,
    badNumber: row.bad_number === 1,
    talkSeconds: row.talk_seconds,
  };
}

const SELECT_CALLS = `
  SELECT c.*,
    (SELECT group_concat(awb, ',') FROM (SELECT awb FROM call_orders co WHERE co.call_id = c.id ORDER BY co.rowid)) AS awbs
  FROM calls c`;

export interface PendingCall {
  sessionId: number;
  sessionStartedAt: number;
  phoneE164: string;
  kind: CallKind;
  /** Each covered order with the attempt number this call is for it. */
  orders: { awb: string; attemptNumber: number }[];
  startedAt: number;
  provider: CallProviderKind;
}

export interface CallResult {
  state: CallState;
  endedReason: string | null;
  outcome: CallOutcome | null;
  successful: boolean;
  endedAt: number | null;
  durationSeconds: number | null;
  cost: number | null;
  summary: string | null;
  structuredData: unknown;
  transcript: string | null;
  recordingUrl: string | null;
  providerJson: unknown;
  answer: CustomerAnswerView | null;
  callbackAt: number | null;
  noCallBefore: number | null;
  closesOrder: boolean;
  badNumber: boolean;
  talkSeconds: number | null;
}

export interface CallListQuery {
  /** Only calls started at or after this instant. */
  since?: number;
  sessionId?: number;
  limit?: number;
  offset?: number;
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export class CallRepository {
  private readonly insertCall;
  private readonly insertCallOrder;
  private readonly setProvider;
  private readonly setProviderId;
  private readonly setState;
  private readonly setResult;
  private readonly setError;
  private readonly setUnresolved;
  private readonly setCheck;
  private readonly selectById;

  constructor(private readonly db: SqliteDatabase) {
    this.insertCall = db.prepare(
      `INSERT INTO calls (session_id, session_started_at, phone_e164, attempt_number, kind, state, started_at,
         provider)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    this.insertCallOrder = db.prepare(
      'INSERT INTO call_orders (call_id, awb, attempt_number) VALUES (?, ?, ?)',
    );
    this.setProvider = db.prepare(
      'UPDATE calls SET provider_call_id = ?, state = ?, provider_json = ? WHERE id = ?',
    );
    this.setProviderId = db.prepare(
      'UPDATE calls SET provider_call_id = ?, provider_json = ? WHERE id = ? AND provider_call_id IS NULL',
    );
    this.setState = db.prepare('UPDATE calls SET state = ?, provider_json = ? WHERE id = ?');
    this.setResult = db.prepare(
      `UPDATE calls SET state = @state, ended_reason = @endedReason, outcome = @outcome, successful = @successful,
         ended_at = @endedAt, duration_seconds = @durationSeconds, cost = @cost, summary = @summary,
         structured_data = @structuredData, transcript = @transcript, recording_url = @recordingUrl,
         provider_json = @providerJson, check_after = NULL, error = NULL, intent = @intent, answer_json = @answerJson,
         callback_at = @callbackAt, no_call_before = @noCallBefore, closes_order = @closesOrder,
         bad_number = @badNumber, talk_seconds = @talkSeconds
       WHERE id = @id`,
    );
    this.setError = db.prepare(
      `UPDATE calls SET state = 'ended', outcome = ?, successful = 0, ended_at = ?, error = ?, check_after = NULL
       WHERE id = ?`,
    );
    this.setUnresolved = db.prepare(
      `UPDATE calls SET state = 'unresolved', error = @note, settle_at = COALESCE(@settleAt, settle_at),
         check_after = @checkAfter
       WHERE id = @id AND state != 'ended'`,
    );
    this.setCheck = db.prepare(
      `UPDATE calls SET check_after = ?, checks = checks + 1, error = COALESCE(?, error)
       WHERE id = ? AND state != 'ended'`,
    );
    this.selectById = db.prepare<[number], CallRow>(`${SELECT_CALLS} WHERE c.id = ?`);
  }

  /** Writes the call before it is dialled; returns its id. */
  insertPending(call: PendingCall): number {
    return this.db.transaction(() => {
      const attemptNumber = Math.max(...call.orders.map((order) => order.attemptNumber));
      const id = Number(
        this.insertCall.run(
          call.sessionId,
          call.sessionStartedAt,
          call.phoneE164,
          attemptNumber,
          call.kind,
          call.startedAt,
          call.provider,
        ).lastInsertRowid,
      );
      for (const order of call.orders) this.insertCallOrder.run(id, order.awb, order.attemptNumber);
      return id;
    })();
  }

  /** The provider accepted the call and gave it an id. */
  markAccepted(id: number, providerCallId: string, state: CallState, providerJson: unknown): void {
    this.setProvider.run(providerCallId, state, json(providerJson), id);
  }

  /** The reconciler found the provider's call for a row whose create got no usable answer. */
  adoptProviderId(id: number, providerCallId: string, providerJson: unknown): void {
    this.setProviderId.run(providerCallId, json(providerJson), id);
  }

  markProgress(id: number, state: CallState, providerJson: unknown): void {
    this.setState.run(state, json(providerJson), id);
  }

  finish(id: number, result: CallResult): void {
    const { answer, ...rest } = result;
    this.setResult.run({
      id,
      ...rest,
      successful: result.successful ? 1 : 0,
      structuredData: json(result.structuredData),
      providerJson: json(result.providerJson),
      intent: answer?.intent ?? null,
      answerJson: json(answer),
      closesOrder: result.closesOrder ? 1 : 0,
      badNumber: result.badNumber ? 1 : 0,
    });
  }

  /**
   * Ends a call without a provider result: `error` (no call existed; not an attempt) or `interrupted` (the call
   * may have rung but its result is lost; it counts as an attempt).
   */
  markFailed(id: number, outcome: 'error' | 'interrupted', endedAt: number, error: string): void {
    this.setError.run(outcome, endedAt, error, id);
  }

  get(id: number): StoredCall | undefined {
    const row = this.selectById.get(id);
    return row ? toCall(row) : undefined;
  }

  /**
   * The call may have rung but nobody follows it any more (a lost reply, a call that did not end in time, a
   * crash): the reconciler owns it from now on. `settleAt`: from when VAPI having no record of it means that
   * nothing was placed (kept when null); `checkAfter`: when to ask VAPI first.
   */
  markUnresolved(id: number, note: string, checkAfter: number, settleAt: number | null = null): void {
    this.setUnresolved.run({ id, note, checkAfter, settleAt });
  }

  /** The reconciler asked and learned nothing final: ask again at `checkAfter`. */
  scheduleCheck(id: number, checkAfter: number, note: string | null = null): void {
    this.setCheck.run(checkAfter, note, id);
  }

  /** Calls that have not ended: in flight in a session, or unresolved. */
  unfinished(): StoredCall[] {
    return this.db
      .prepare<[], CallRow>(`${SELECT_CALLS} WHERE c.state != 'ended' ORDER BY c.id`)
      .all()
      .map(toCall);
  }

  /**
   * The earliest callback time after `after` that a customer asked for on their number's latest call (a later
   * call to the number, placed or not yet known, supersedes the request). Null when none is pending.
   */
  nextCallbackAfter(after: number): number | null {
    const row = this.db
      .prepare<[number], { at: number | null }>(
        `SELECT MIN(c.callback_at) AS at FROM calls c
         WHERE c.callback_at > ?
           AND NOT EXISTS (SELECT 1 FROM calls later WHERE later.phone_e164 = c.phone_e164 AND later.id > c.id
                           AND (later.outcome IS NULL OR later.outcome NOT IN ('error', 'canceled')))`,
      )
      .get(after);
    return row?.at ?? null;
  }

  /** Unresolved calls, the next to ask about first. */
  unresolved(): StoredCall[] {
    return this.db
      .prepare<[], CallRow>(
        `${SELECT_CALLS} WHERE c.state = 'unresolved' ORDER BY COALESCE(c.check_after, 0), c.id`,
      )
      .all()
      .map(toCall);
  }

  /** Every call, oldest first: the policy's view of the history. */
  all(): StoredCall[] {
    return this.db.prepare<[], CallRow>(`${SELECT_CALLS} ORDER BY c.id`).all().map(toCall);
  }

  /** Newest first, for the history view. */
  list(query: CallListQuery = {}): StoredCall[] {
    const where: string[] = [];
    const params: (number | string)[] = [];
    if (query.since !== undefined) {
      where.push('c.started_at >= ?');
      params.push(query.since);
    }
    if (query.sessionId !== undefined) {
      where.push('c.session_id = ?');
      params.push(query.sessionId);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    params.push(query.limit ?? -1, query.offset ?? 0);
    return this.db
      .prepare<(number | string)[], CallRow>(`${SELECT_CALLS} ${clause} ORDER BY c.id DESC LIMIT ? OFFSET ?`)
      .all(...params)
      .map(toCall);
  }
}
