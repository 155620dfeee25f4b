/**
 * What the lists show of an order's calls, read for one page of orders at a time: how many attempts it has had
 * and its latest call's outcome and time, from the call summary the store keeps for the policy (migration 007),
 * so the Orders list and the calling rules count attempts in one place.
 */
import type { CallOutcome } from '../../../shared/desk-types';
import type { SqliteDatabase } from '../../store/database';

export interface OrderCallFacts {
  attempts: number;
  lastOutcome: CallOutcome | null;
  lastCallAt: number | null;
}

const NONE: OrderCallFacts = { attempts: 0, lastOutcome: null, lastCallAt: null };

export function callFactsOf(db: SqliteDatabase, awbs: readonly string[]): (awb: string) => OrderCallFacts {
  if (awbs.length === 0) return () => NONE;
  const rows = db
    .prepare<[string], { awb: string; attempts: number; outcome: string | null; started_at: number }>(
      `SELECT s.awb, s.attempts, c.outcome, c.started_at
       FROM order_call_summary s JOIN calls c ON c.id = s.last_call_id
       WHERE s.awb IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(awbs));
  const facts = new Map(
    rows.map((row) => [
      row.awb,
      { attempts: row.attempts, lastOutcome: row.outcome as CallOutcome | null, lastCallAt: row.started_at },
    ]),
  );
  return (awb) => facts.get(awb) ?? NONE;
}
