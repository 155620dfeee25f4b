/**
 * Calling sessions (one row each, with its counts and skips by reason) and runs that never became sessions:
 * a slot skipped because a session was still dialling, a run-now refused outside working hours, a slot
 * missed while the machine slept.
 */
import type { SessionState, SessionTrigger } from '../../shared/desk-types';
import { emptySkipCounts, type SkipCounts } from '../domain/policy';
import type { SqliteDatabase } from './database';

export type { SessionState, SessionTrigger };

/**
 * What the session planned. How its calls went is counted from the calls themselves (domain/call.ts
 * tallyCalls), so a session's figures can never disagree with its history; the table's old count columns
 * (completed, successful, failed, errors) are no longer written or read.
 */
export interface SessionCounts {
  planned: number;
  newCalls: number;
  retryCalls: number;
}

export interface Session extends SessionCounts {
  id: number;
  startedAt: number;
  trigger: SessionTrigger;
  state: SessionState;
  endedAt: number | null;
  skipped: SkipCounts;
  note: string | null;
}

export interface SkippedRun {
  id: number;
  at: number;
  trigger: SessionTrigger;
  reason: string;
}

interface SessionRow {
  id: number;
  started_at: number;
  trigger: string;
  state: string;
  ended_at: number | null;
  planned: number;
  new_calls: number;
  retry_calls: number;
  skipped_json: string;
  note: string | null;
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    startedAt: row.started_at,
    trigger: row.trigger as SessionTrigger,
    state: row.state as SessionState,
    endedAt: row.ended_at,
    planned: row.planned,
    newCalls: row.new_calls,
    retryCalls: row.retry_calls,
    // Sessions recorded before a skip reason existed lack its key: none were skipped for it then.
    skipped: { ...emptySkipCounts(), ...(JSON.parse(row.skipped_json) as Partial<SkipCounts>) },
    note: row.note,
  };
}

export class SessionRepository {
  private readonly insert;
  private readonly updateEnd;
  private readonly selectById;
  private readonly insertSkippedRun;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO sessions (started_at, trigger, state, planned, new_calls, retry_calls, skipped_json)
       VALUES (?, ?, 'running', ?, ?, ?, ?)`,
    );
    this.updateEnd = db.prepare('UPDATE sessions SET state = ?, ended_at = ?, note = ? WHERE id = ?');
    this.selectById = db.prepare<[number], SessionRow>('SELECT * FROM sessions WHERE id = ?');
    this.insertSkippedRun = db.prepare('INSERT INTO skipped_runs (at, trigger, reason) VALUES (?, ?, ?)');
  }

  start(session: {
    startedAt: number;
    trigger: SessionTrigger;
    planned: number;
    newCalls: number;
    retryCalls: number;
    skipped: SkipCounts;
  }): number {
    return Number(
      this.insert.run(
        session.startedAt,
        session.trigger,
        session.planned,
        session.newCalls,
        session.retryCalls,
        JSON.stringify(session.skipped),
      ).lastInsertRowid,
    );
  }

  end(
    id: number,
    state: Exclude<SessionState, 'running'>,
    endedAt: number,
    note: string | null = null,
  ): void {
    this.updateEnd.run(state, endedAt, note, id);
  }

  get(id: number): Session | undefined {
    const row = this.selectById.get(id);
    return row ? toSession(row) : undefined;
  }

  /** Sessions started in [from, to), oldest first. */
  between(from: number, to: number): Session[] {
    return this.db
      .prepare<[number, number], SessionRow>(
        'SELECT * FROM sessions WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id',
      )
      .all(from, to)
      .map(toSession);
  }

  /** Sessions still marked running: after a crash these are closed as interrupted. */
  running(): Session[] {
    return this.db
      .prepare<[], SessionRow>("SELECT * FROM sessions WHERE state = 'running'")
      .all()
      .map(toSession);
  }

  recordSkippedRun(run: Omit<SkippedRun, 'id'>): void {
    this.insertSkippedRun.run(run.at, run.trigger, run.reason);
  }

  skippedRunsBetween(from: number, to: number): SkippedRun[] {
    return this.db
      .prepare<[number, number], { id: number; at: number; trigger: string; reason: string }>(
        'SELECT * FROM skipped_runs WHERE at >= ? AND at < ? ORDER BY at, id',
      )
      .all(from, to)
      .map((row) => ({ ...row, trigger: row.trigger as SessionTrigger }));
  }
}
