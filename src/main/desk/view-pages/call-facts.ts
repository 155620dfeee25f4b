/**
 * What the lists show of an order's calls, read for one page of orders at a time through call_orders' AWB
 * index: how many attempts it has had (every call but an `error` or a call cancelled at VAPI, as the policy
 * counts them) and its latest call's outcome and time.
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
      `SELECT awb, attempts, outcome, started_at FROM (
         SELECT co.awb, c.outcome, c.started_at,
           SUM(CASE WHEN c.outcome IS NULL OR c.outcome NOT IN ('error', 'canceled') THEN 1 ELSE 0 END)
             OVER (PARTITION BY co.awb) AS attempts,
           ROW_NUMBER() OVER (PARTITION BY co.awb ORDER BY c.started_at DESC, c.id DESC) AS latest
         FROM call_orders co JOIN calls c ON c.id = co.call_id
         WHERE co.awb IN (SELECT value FROM json_each(?)))
       WHERE latest = 1`,
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
