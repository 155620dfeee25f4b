/**
 * Actions: the work customers' answers give dispatch (reschedule, callback, address change, cancel, wrong
 * number, fix phone), one per order, with their write-back to the courier. Written in the same transaction as
 * the call result that raised them, so an answer never exists without its action.
 */
import type { ActionKind, ActionState, ActionView, WritebackState } from '../../shared/desk-types';
import type { SqliteDatabase } from './database';

export interface ActionDraft {
  kind: ActionKind;
  date: string | null;
  time: string | null;
  address: string | null;
  landmark: string | null;
  notes: string | null;
}

interface ActionRow {
  id: number;
  awb: string;
  call_id: number | null;
  kind: string;
  state: string;
  date: string | null;
  time: string | null;
  address: string | null;
  landmark: string | null;
  notes: string | null;
  created_at: number;
  done_at: number | null;
  done_note: string | null;
  writeback: string;
  writeback_attempts: number;
  writeback_next_at: number | null;
  writeback_message: string | null;
  writeback_phone: string | null;
  customer: string | null;
  phone_e164: string | null;
  order_address: string | null;
  summary: string | null;
  recording_url: string | null;
}

export interface ActionQuery {
  state?: ActionState | 'all';
  kind?: ActionKind;
  /** Matches the AWB, the customer's name or the phone's digits. */
  search?: string;
  /** Only actions raised in [from, to). */
  from?: number;
  to?: number;
  limit?: number;
}

const SELECT_ACTIONS = `
  SELECT a.*, o.customer, o.phone_e164, o.address AS order_address, c.summary, c.recording_url
  FROM actions a
  LEFT JOIN orders o ON o.awb = a.awb
  LEFT JOIN calls c ON c.id = a.call_id`;

function toView(row: ActionRow): ActionView {
  return {
    id: row.id,
    kind: row.kind as ActionKind,
    state: row.state as ActionState,
    awb: row.awb,
    customer: row.customer ?? '',
    phoneE164: row.phone_e164,
    orderAddress: row.order_address ?? '',
    date: row.date,
    time: row.time,
    address: row.address,
    landmark: row.landmark,
    notes: row.notes,
    createdAt: row.created_at,
    doneAt: row.done_at,
    doneNote: row.done_note,
    callId: row.call_id,
    summary: row.summary,
    recordingUrl: row.recording_url,
    writeback: {
      state: row.writeback as WritebackState,
      attempts: row.writeback_attempts,
      message: row.writeback_message,
      nextAttemptAt: row.writeback_next_at,
      phone: row.writeback_phone,
    },
  };
}

export class ActionRepository {
  private readonly insert;
  private readonly selectById;
  private readonly setDone;
  private readonly closeOpenKind;
  private readonly setWriteback;
  private readonly queue;
  private readonly claimAuto;
  private readonly selectDue;
  private readonly selectNextDue;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO actions (awb, call_id, kind, date, time, address, landmark, notes, created_at)
       VALUES (@awb, @callId, @kind, @date, @time, @address, @landmark, @notes, @createdAt)`,
    );
    this.selectById = db.prepare<[number], ActionRow>(`${SELECT_ACTIONS} WHERE a.id = ?`);
    this.setDone = db.prepare(
      `UPDATE actions SET state = 'done', done_at = ?, done_note = ? WHERE id = ? AND state = 'open'`,
    );
    this.closeOpenKind = db.prepare(
      `UPDATE actions SET state = 'done', done_at = ?, done_note = ? WHERE awb = ? AND kind = ? AND state = 'open'`,
    );
    this.setWriteback = db.prepare(
      `UPDATE actions SET writeback = @state, writeback_message = @message, writeback_next_at = @nextAt,
         writeback_attempts = writeback_attempts + @tried
       WHERE id = @id`,
    );
    this.queue = db.prepare(
      `UPDATE actions SET writeback = 'pending', writeback_next_at = @at, writeback_message = NULL,
         writeback_phone = coalesce(@phone, writeback_phone)
       WHERE id = @id`,
    );
    this.claimAuto = db.prepare<{ since: number; at: number; kinds: string }>(
      `UPDATE actions SET writeback = 'pending', writeback_next_at = @at
       WHERE state = 'open' AND writeback = 'none' AND created_at >= @since
         AND kind IN (SELECT value FROM json_each(@kinds))`,
    );
    this.selectDue = db.prepare<[number], { id: number }>(
      `SELECT id FROM actions WHERE writeback IN ('pending', 'failed') AND writeback_next_at <= ?
       ORDER BY writeback_next_at, id`,
    );
    this.selectNextDue = db.prepare<[], { at: number | null }>(
      `SELECT min(writeback_next_at) AS at FROM actions WHERE writeback IN ('pending', 'failed')`,
    );
  }

  /** One action per order the call covered. Call inside the transaction that records the call's result. */
  raise(callId: number | null, awbs: readonly string[], draft: ActionDraft, createdAt: number): number[] {
    return awbs.map((awb) => Number(this.insert.run({ awb, callId, ...draft, createdAt }).lastInsertRowid));
  }

  get(id: number): ActionView | undefined {
    const row = this.selectById.get(id);
    return row ? toView(row) : undefined;
  }

  /** Newest first. */
  list(query: ActionQuery = {}): ActionView[] {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const state = query.state ?? 'open';
    if (state !== 'all') {
      where.push('a.state = @state');
      params.state = state;
    }
    if (query.kind) {
      where.push('a.kind = @kind');
      params.kind = query.kind;
    }
    if (query.from !== undefined) {
      where.push('a.created_at >= @from');
      params.from = query.from;
    }
    if (query.to !== undefined) {
      where.push('a.created_at < @to');
      params.to = query.to;
    }
    const needle = query.search?.trim().toLowerCase();
    if (needle) {
      const digits = needle.replace(/\D/g, '');
      where.push(
        `(lower(a.awb) LIKE @like OR lower(o.customer) LIKE @like${digits.length >= 4 ? ' OR o.phone_e164 LIKE @digits' : ''})`,
      );
      params.like = `%${needle}%`;
      if (digits.length >= 4) params.digits = `%${digits}%`;
    }
    params.limit = query.limit ?? -1;
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.db
      .prepare<Record<string, string | number>, ActionRow>(
        `${SELECT_ACTIONS} ${clause} ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`,
      )
      .all(params)
      .map(toView);
  }

  /** False when there is no such open action. */
  markDone(id: number, at: number, note: string | null): boolean {
    return this.setDone.run(at, note, id).changes > 0;
  }

  /** Closes the open actions of one kind on an order (the desk did the work itself, e.g. called back). */
  closeOpen(awb: string, kind: ActionKind, at: number, note: string): void {
    this.closeOpenKind.run(at, note, awb, kind);
  }

  /** Records a write-back step: `tried` is 1 when a request was sent to the courier. */
  recordWriteback(
    id: number,
    state: WritebackState,
    message: string | null,
    nextAt: number | null,
    tried: 0 | 1,
  ): void {
    this.setWriteback.run({ id, state, message, nextAt, tried });
  }

  /** Queues a write-back to be sent at `at` (the operator approved it, or asked to try again now). */
  queueWriteback(id: number, at: number, phone: string | null): void {
    this.queue.run({ id, at, phone });
  }

  /** Queues every open, unsent action of these kinds raised since `since` (automatic write-back). */
  queueRaisedSince(kinds: readonly ActionKind[], since: number, at: number): number {
    return this.claimAuto.run({ since, at, kinds: JSON.stringify(kinds) }).changes;
  }

  /** Write-backs waiting to be sent or retried whose time has come, the longest waiting first. */
  dueWritebacks(at: number): number[] {
    return this.selectDue.all(at).map((row) => row.id);
  }

  /** When the next waiting write-back is due; null when none waits. */
  nextWritebackAt(): number | null {
    return this.selectNextDue.get()?.at ?? null;
  }
}
