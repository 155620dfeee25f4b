/**
 * Call history: one row per call, written as `pending` BEFORE the provider is asked to dial (so a crash can
 * never lose a call that may have rung a customer), then moved along as the provider reports progress.
 */
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
  awbs: string | null;
}

export interface StoredCall extends CallAttempt {
  /** What went wrong on our side or at the API, for `error` outcomes and failed follow-ups. */
  error: string | null;
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
  private readonly setState;
  private readonly setResult;
  private readonly setError;
  private readonly selectById;

  constructor(private readonly db: SqliteDatabase) {
    this.insertCall = db.prepare(
      `INSERT INTO calls (session_id, session_started_at, phone_e164, attempt_number, kind, state, started_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
    );
    this.insertCallOrder = db.prepare(
      'INSERT INTO call_orders (call_id, awb, attempt_number) VALUES (?, ?, ?)',
    );
    this.setProvider = db.prepare(
      'UPDATE calls SET provider_call_id = ?, state = ?, provider_json = ? WHERE id = ?',
    );
    this.setState = db.prepare('UPDATE calls SET state = ?, provider_json = ? WHERE id = ?');
    this.setResult = db.prepare(
      `UPDATE calls SET state = @state, ended_reason = @endedReason, outcome = @outcome, successful = @successful,
         ended_at = @endedAt, duration_seconds = @durationSeconds, cost = @cost, summary = @summary,
         structured_data = @structuredData, transcript = @transcript, recording_url = @recordingUrl,
         provider_json = @providerJson
       WHERE id = @id`,
    );
    this.setError = db.prepare(
      `UPDATE calls SET state = 'ended', outcome = ?, successful = 0, ended_at = ?, error = ? WHERE id = ?`,
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

  markProgress(id: number, state: CallState, providerJson: unknown): void {
    this.setState.run(state, json(providerJson), id);
  }

  finish(id: number, result: CallResult): void {
    this.setResult.run({
      id,
      ...result,
      successful: result.successful ? 1 : 0,
      structuredData: json(result.structuredData),
      providerJson: json(result.providerJson),
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

  /** Calls that have not ended: after a crash, these are followed up or marked interrupted. */
  unfinished(): StoredCall[] {
    return this.db
      .prepare<[], CallRow>(`${SELECT_CALLS} WHERE c.state != 'ended' ORDER BY c.id`)
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
