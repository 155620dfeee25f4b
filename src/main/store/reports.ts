/**
 * Reads for the daily report: one day's calls (only the columns the report counts, found through the
 * started_at index: never every call), the sessions they belong to and the kinds of the actions raised that
 * day. The arithmetic is domain/daily-report.ts.
 */
import type { ActionKind, AnswerIntent } from '../../shared/desk-types';
import type { CallKind, CallOutcome, CallState } from '../domain/call';
import type { ReportCall } from '../domain/daily-report';
import type { SqliteDatabase } from './database';

interface ReportCallRow {
  session_id: number;
  kind: string;
  state: string;
  outcome: string | null;
  successful: number;
  cost: number | null;
  talk_seconds: number | null;
  intent: string | null;
  awbs: string | null;
}

/** The day's reads, each bound to the index that keeps it to that day's rows (tests read their plans). */
export const REPORT_SQL = {
  calls: `SELECT c.session_id, c.kind, c.state, c.outcome, c.successful, c.cost, c.talk_seconds, c.intent,
      (SELECT group_concat(co.awb, ',') FROM call_orders co WHERE co.call_id = c.id) AS awbs
    FROM calls c INDEXED BY calls_by_start
    WHERE c.started_at >= ? AND c.started_at < ?
    ORDER BY c.started_at, c.id`,
  sessionIds: `SELECT DISTINCT c.session_id FROM calls c INDEXED BY calls_by_start
    WHERE c.started_at >= ? AND c.started_at < ?`,
  actionKinds: `SELECT a.kind FROM actions a INDEXED BY actions_by_created
    WHERE a.created_at >= ? AND a.created_at < ?`,
} as const;

export class ReportRepository {
  private readonly selectCalls;
  private readonly selectSessionIds;
  private readonly selectActionKinds;

  constructor(db: SqliteDatabase) {
    this.selectCalls = db.prepare<[number, number], ReportCallRow>(REPORT_SQL.calls);
    this.selectSessionIds = db.prepare<[number, number], { session_id: number }>(REPORT_SQL.sessionIds);
    this.selectActionKinds = db.prepare<[number, number], { kind: string }>(REPORT_SQL.actionKinds);
  }

  /** Every call started in [from, to), errors included, oldest first. */
  callsBetween(from: number, to: number): ReportCall[] {
    return this.selectCalls.all(from, to).map((row) => ({
      sessionId: row.session_id,
      kind: row.kind as CallKind,
      state: row.state as CallState,
      outcome: row.outcome as CallOutcome | null,
      successful: row.successful === 1,
      cost: row.cost,
      talkSeconds: row.talk_seconds,
      intent: row.intent as AnswerIntent | null,
      awbs: row.awbs ? row.awbs.split(',') : [],
    }));
  }

  /** The sessions that made the calls started in [from, to) (one that began before `from` included). */
  sessionIdsWithCallsBetween(from: number, to: number): number[] {
    return this.selectSessionIds.all(from, to).map((row) => row.session_id);
  }

  /** The kind of every action raised in [from, to). */
  actionKindsBetween(from: number, to: number): ActionKind[] {
    return this.selectActionKinds.all(from, to).map((row) => row.kind as ActionKind);
  }
}
