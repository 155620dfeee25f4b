/**
 * What the Queue and Orders views plan with: the one place that reads the policy's inputs for them and calls
 * planSession. As the scheduler plans (store/plan-input.ts), the history is the call summaries the store keeps
 * (migration 007: never the calls themselves); the views pass every order, so that the policy also judges
 * those it will never call (their tab and detail). While a session dials, the next one is planned against
 * the history as it will be, which only the calls say: then, and for the forecast (forecast-cache.ts,
 * foresight.ts), the calls are read with only the columns the policy uses (no transcripts, no VAPI JSON).
 * Call inside a read transaction, so that orders and history are one consistent snapshot.
 */
import type { AnswerIntent, CallOutcome, CallState } from '../../../shared/desk-types';
import { historyAsItWillBe, type RunningSession } from '../../domain/forecast';
import type { Order, OrderType } from '../../domain/order';
import { planSession, summariseCalls, type PolicyCall, type SessionPlan } from '../../domain/policy';
import type { CallingSettings } from '../../domain/settings';
import { CallSummaryRepository } from '../../store/call-summaries';
import type { SqliteDatabase } from '../../store/database';

export interface PlannedDesk {
  plan: SessionPlan;
  /** Every cached order, oldest first (first seen, then AWB): what the plan was made from. */
  orders: readonly Order[];
}

type OrderRow = [
  string,
  string | null,
  string | null,
  string,
  string,
  string | null,
  string | null,
  string,
  string,
  string,
  string,
  string,
  number | null,
  number,
  number,
];

function readOrders(db: SqliteDatabase): Order[] {
  const orders: Order[] = [];
  const rows = db
    .prepare<[], OrderRow>(
      `SELECT awb, order_id, courier, customer, phone_raw, phone_e164, phone_problem, type, raw_status, address,
         city, pincode, cod_amount, first_seen_at, updated_at
       FROM orders ORDER BY first_seen_at, awb`,
    )
    .raw()
    .iterate();
  for (const row of rows) {
    orders.push({
      awb: row[0],
      orderId: row[1],
      courier: row[2],
      customer: row[3],
      phoneRaw: row[4],
      phoneE164: row[5],
      phoneProblem: row[6],
      type: row[7] as OrderType,
      rawStatus: row[8],
      address: row[9],
      city: row[10],
      pincode: row[11],
      codAmount: row[12],
      firstSeenAt: row[13],
      updatedAt: row[14],
    });
  }
  return orders;
}

type CallRow = [
  number,
  string,
  number,
  number,
  string | null,
  string,
  string | null,
  number | null,
  number | null,
  number,
  number,
  string | null,
];

/**
 * The policy's view of every call, streamed with the orders each covers (one row per call and order). The
 * same few strings (states, outcomes, phones, AWBs) recur on most of hundreds of thousands of rows: each is
 * kept once.
 */
function readPolicyCalls(db: SqliteDatabase, orders: readonly Order[]): PolicyCall[] {
  const shared = new Map<string, string>(orders.map((order) => [order.awb, order.awb]));
  const once = (text: string): string => {
    const known = shared.get(text);
    if (known !== undefined) return known;
    shared.set(text, text);
    return text;
  };
  const calls: PolicyCall[] = [];
  const rows = db
    .prepare<[], CallRow>(
      `SELECT c.id, c.phone_e164, c.session_started_at, c.successful, c.outcome, c.state, c.intent, c.callback_at,
         c.no_call_before, c.closes_order, c.bad_number, co.awb
       FROM calls c LEFT JOIN call_orders co ON co.call_id = c.id
       ORDER BY c.id`,
    )
    .raw()
    .iterate();
  let lastId = -1;
  for (const row of rows) {
    if (row[0] === lastId) {
      if (row[11] !== null) calls[calls.length - 1]!.awbs.push(once(row[11]));
      continue;
    }
    lastId = row[0];
    calls.push({
      phoneE164: once(row[1]),
      awbs: row[11] === null ? [] : [once(row[11])],
      sessionStartedAt: row[2],
      successful: row[3] === 1,
      outcome: (row[4] === null ? null : once(row[4])) as CallOutcome | null,
      state: once(row[5]) as CallState,
      intent: (row[6] === null ? null : once(row[6])) as AnswerIntent | null,
      callbackAt: row[7],
      noCallBefore: row[8],
      closesOrder: row[9] === 1,
      badNumber: row[10] === 1,
    });
  }
  return calls;
}

/**
 * The plan for a session starting at `sessionStart`, from what the database holds now. While a session
 * dials (`running`), the history as it will be once it is done: its waiting numbers called at its start.
 */
export function planDesk(
  db: SqliteDatabase,
  settings: CallingSettings,
  sessionStart: number,
  running: RunningSession | null = null,
): PlannedDesk {
  const orders = readOrders(db);
  const history = running
    ? summariseCalls(historyAsItWillBe(readPolicyCalls(db, orders), running))
    : new CallSummaryRepository(db).ofCallableOrders();
  return { plan: planSession({ orders, history, settings, sessionStart }), orders };
}

/** Every order and the policy's view of every call (call inside a read transaction). */
export function readPlanInputs(db: SqliteDatabase): { orders: Order[]; calls: PolicyCall[] } {
  const orders = readOrders(db);
  return { orders, calls: readPolicyCalls(db, orders) };
}
