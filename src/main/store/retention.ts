/**
 * Removing old call history, a batch at a time, each batch one transaction. A call goes with its call_orders
 * and the done actions that point at it. Kept whatever its age: a call whose fate VAPI has not told us (it may
 * have rung), a call an open action still points at (its summary and recording are the action's evidence),
 * and every call of an order that is still callable (the policy counts its attempts from them: removing them
 * would make an old OFD order look never called). Sessions left without calls and old skipped runs go too.
 */
import { CALLABLE_TYPES } from '../domain/order';
import type { SqliteDatabase } from './database';

/** Where the previous batch stopped: calls are examined in (started_at, id) order. */
export interface RetentionCursor {
  startedAt: number;
  id: number;
}

export interface RetentionBatch {
  removed: number;
  /** Old calls examined in this batch and kept (unresolved, an open action, an order still callable). */
  kept: number;
  /** Where the next batch starts; null when no old call is left to examine. */
  next: RetentionCursor | null;
}

const CALLABLE_LIST = [...CALLABLE_TYPES].map((type) => `'${type}'`).join(', ');

export class RetentionRepository {
  private readonly examine;
  private readonly deleteDoneActions;
  private readonly deleteCallOrders;
  private readonly deleteCalls;
  private readonly deleteEmptySessions;
  private readonly deleteSkippedRuns;

  constructor(private readonly db: SqliteDatabase) {
    this.examine = db.prepare<
      { cutoff: number; afterStart: number; afterId: number; limit: number },
      { id: number; started_at: number; removable: number }
    >(
      `SELECT c.id, c.started_at,
         (c.state = 'ended'
          AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.call_id = c.id AND a.state != 'done')
          AND NOT EXISTS (SELECT 1 FROM call_orders co JOIN orders o ON o.awb = co.awb
                          WHERE co.call_id = c.id AND o.type IN (${CALLABLE_LIST}))) AS removable
       FROM calls c INDEXED BY calls_by_start
       WHERE c.started_at < @cutoff
         AND (c.started_at > @afterStart OR (c.started_at = @afterStart AND c.id > @afterId))
       ORDER BY c.started_at, c.id
       LIMIT @limit`,
    );
    const ids = 'SELECT value FROM json_each(?)';
    this.deleteDoneActions = db.prepare(`DELETE FROM actions WHERE state = 'done' AND call_id IN (${ids})`);
    this.deleteCallOrders = db.prepare(`DELETE FROM call_orders WHERE call_id IN (${ids})`);
    this.deleteCalls = db.prepare(`DELETE FROM calls WHERE id IN (${ids})`);
    this.deleteEmptySessions = db.prepare(
      `DELETE FROM sessions WHERE started_at < ? AND state != 'running'
         AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.session_id = sessions.id)`,
    );
    this.deleteSkippedRuns = db.prepare('DELETE FROM skipped_runs WHERE at < ?');
  }

  /** Examines up to `limit` calls started before `cutoff` (after `after`) and removes the removable ones. */
  removeCallsBefore(cutoff: number, after: RetentionCursor | null, limit: number): RetentionBatch {
    return this.db.transaction((): RetentionBatch => {
      const examined = this.examine.all({
        cutoff,
        afterStart: after?.startedAt ?? Number.MIN_SAFE_INTEGER,
        afterId: after?.id ?? 0,
        limit,
      });
      const removable = JSON.stringify(examined.filter((row) => row.removable === 1).map((row) => row.id));
      this.deleteDoneActions.run(removable);
      this.deleteCallOrders.run(removable);
      const removed = this.deleteCalls.run(removable).changes;
      const last = examined.at(-1);
      return {
        removed,
        kept: examined.length - removed,
        next: last && examined.length === limit ? { startedAt: last.started_at, id: last.id } : null,
      };
    })();
  }

  /** Sessions started before `cutoff` that no longer have a call, and skipped runs before it. */
  removeEmptyDaysBefore(cutoff: number): { sessions: number; skippedRuns: number } {
    return this.db.transaction(() => ({
      sessions: this.deleteEmptySessions.run(cutoff).changes,
      skippedRuns: this.deleteSkippedRuns.run(cutoff).changes,
    }))();
  }
}
