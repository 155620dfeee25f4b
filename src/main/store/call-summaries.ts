/**
 * What the call history says of each order and each number, as the policy reads it: the summary tables that
 * migration 007's triggers keep up to date with every call written. Reads here cost one row per order or
 * number asked about, however long the history.
 */
import type { Statement } from 'better-sqlite3';
import type { UnsettledCall } from '../domain/history-ahead';
import type { OrderType } from '../domain/order';
import type { OrderHistory, PhoneHistory, PlanHistory, PlanOrder } from '../domain/policy';
import type { SqliteDatabase } from './database';
import { CALLABLE_SQL } from './orders';

interface OrderSummaryRow {
  awb: string;
  attempts: number;
  successful: number;
  closed_by: string | null;
  no_call_before: number | null;
  last_call_id: number | null;
}

interface PhoneSummaryRow {
  phone_e164: string;
  last_session_at: number;
  callback_at: number | null;
  unresolved: number;
  bad_number: number;
}

/** An order's summary, with the latest call of any kind (an error too) for the console's order list. */
export interface OrderCallSummary extends OrderHistory {
  awb: string;
  /** The order's latest call by start (an error too): what the order list shows as its last call. */
  lastCallId: number | null;
}

/** One callable order with its summaries, as callableForPlanning's JSON gives it (SQL nulls where none). */
type PlanningRow = [
  awb: string,
  type: OrderType,
  phoneE164: string | null,
  phoneProblem: string | null,
  firstSeenAt: number,
  attempts: number | null,
  successful: number | null,
  closedBy: string | null,
  noCallBefore: number | null,
  lastSession: number | null,
  callbackAt: number | null,
  unresolved: number | null,
  badNumber: number | null,
];

function toOrderSummary(row: OrderSummaryRow): OrderCallSummary {
  return {
    awb: row.awb,
    attempts: row.attempts,
    successful: row.successful === 1,
    closedBy: row.closed_by,
    noCallBefore: row.no_call_before,
    lastCallId: row.last_call_id,
  };
}

function toPhoneHistory(row: PhoneSummaryRow): PhoneHistory {
  return {
    lastSession: row.last_session_at,
    callbackAt: row.callback_at,
    unresolved: row.unresolved > 0,
    badNumber: row.bad_number === 1,
  };
}

function orderHistoryOf(summary: OrderCallSummary): OrderHistory {
  const { attempts, successful, closedBy, noCallBefore } = summary;
  return { attempts, successful, closedBy, noCallBefore };
}

/** The orders and histories of a planning read's JSON (one array of PlanningRow). */
function planningInputOf(json: string | null | undefined): { orders: PlanOrder[]; history: PlanHistory } {
  const rows = JSON.parse(json ?? '[]') as PlanningRow[];
  const orders: PlanOrder[] = [];
  const orderHistory = new Map<string, OrderHistory>();
  const phoneHistory = new Map<string, PhoneHistory>();
  for (const row of rows) {
    const [awb, type, phoneE164, phoneProblem, firstSeenAt] = row;
    orders.push({ awb, type, phoneE164, phoneProblem, firstSeenAt });
    if (row[5] !== null) {
      orderHistory.set(awb, {
        attempts: row[5],
        successful: row[6] === 1,
        closedBy: row[7],
        noCallBefore: row[8],
      });
    }
    if (row[9] !== null && phoneE164 !== null) {
      phoneHistory.set(phoneE164, {
        lastSession: row[9],
        callbackAt: row[10],
        unresolved: (row[11] ?? 0) > 0,
        badNumber: row[12] === 1,
      });
    }
  }
  return { orders, history: { orders: orderHistory, phones: phoneHistory } };
}

/** Up to this many keys per statement (SQLite's default limit of bound parameters is 32,766). */
const KEYS_PER_READ = 500;

/** The calls of a running session not ended yet, and how many unsettled calls each of their numbers has. */
export interface UnsettledOfSession {
  calls: UnsettledCall[];
  /** Per number of `calls`: the unsettled calls its summary counts (this session's and any other's). */
  unresolvedCalls: Map<string, number>;
}

export class CallSummaryRepository {
  private callableWithHistory: Statement<[], string | null> | null = null;
  private stillCallableWithHistory: Statement<[{ maxAttempts: number }], string | null> | null = null;
  private unsettledOfSession: Statement<[number], { phone_e164: string; unresolved: number | null }> | null =
    null;
  private readonly orderOne;
  private readonly phoneOne;

  constructor(private readonly db: SqliteDatabase) {
    this.orderOne = db.prepare<[string], OrderSummaryRow>('SELECT * FROM order_call_summary WHERE awb = ?');
    this.phoneOne = db.prepare<[string], PhoneSummaryRow>(
      'SELECT * FROM phone_call_summary WHERE phone_e164 = ?',
    );
  }

  /**
   * Every callable order (OFD / Undelivered) as the policy reads it, with the history of each and of its
   * number: what planning reads, in one pass over the partial index orders_callable (migration 007) with one
   * primary-key lookup per summary. Only the columns the policy judges are read (the dialler reads an order
   * in full when it dials it), and they come as ONE JSON array built by SQLite: a single string for V8's
   * JSON.parse costs a quarter less than handing over 13 values a row one by one. They come in the index's
   * order (oldest first) without a sort being asked for: the plan does not depend on it (the queue is
   * sorted by the policy; only the skipped list's order would follow it).
   */
  callableForPlanning(): { orders: PlanOrder[]; history: PlanHistory } {
    this.callableWithHistory ??= this.planningStatement<[]>('');
    return planningInputOf(this.callableWithHistory.get());
  }

  /**
   * The callable orders a plan may still call, as callableForPlanning gives them: without those the policy
   * leaves out for good (domain/policy.ts skipFor: successful, stopped by the customer, at `maxAttempts`, no
   * phone, a number VAPI could not dial) - on a desk of months, nearly all of them. What run now's due check
   * and the forecast plan from (they report only who can still be called; calls assumed made only add
   * attempts). An order whose number has a callback time stays in: the forecast's callback sessions come
   * from the numbers' histories. tests/integration/still-callable.test.ts holds this rule to the policy's.
   */
  stillCallableForPlanning(maxAttempts: number): { orders: PlanOrder[]; history: PlanHistory } {
    this.stillCallableWithHistory ??= this.planningStatement<[{ maxAttempts: number }]>(
      `AND (p.callback_at IS NOT NULL OR NOT (
             COALESCE(s.successful, 0) = 1 OR COALESCE(s.closed_by, '') <> ''
             OR COALESCE(s.attempts, 0) >= :maxAttempts
             OR o.phone_e164 IS NULL OR COALESCE(p.bad_number, 0) = 1))`,
    );
    return planningInputOf(this.stillCallableWithHistory.get({ maxAttempts }));
  }

  private planningStatement<P extends unknown[] | object>(andWhere: string): Statement<P, string | null> {
    return this.db
      .prepare<unknown[], string | null>(
        `SELECT json_group_array(json_array(o.awb, o.type, o.phone_e164, o.phone_problem, o.first_seen_at,
             s.attempts, s.successful, s.closed_by, s.no_call_before,
             p.last_session_at, p.callback_at, p.unresolved, p.bad_number))
         FROM orders o INDEXED BY orders_callable
           LEFT JOIN order_call_summary s ON s.awb = o.awb AND s.attempts > 0
           LEFT JOIN phone_call_summary p ON p.phone_e164 = o.phone_e164
         WHERE o.type IN (${CALLABLE_SQL}) ${andWhere}`,
      )
      .pluck(true) as unknown as Statement<P, string | null>;
  }

  /**
   * The calls of the session started at `sessionStartedAt` that have not ended (a handful: found by the
   * partial index of calls not ended), with their numbers' counts of unsettled calls: what the forecast needs
   * to assume them ended (domain/history-ahead.ts endUnsettledCalls).
   */
  unsettledOf(sessionStartedAt: number): UnsettledOfSession {
    this.unsettledOfSession ??= this.db.prepare(
      `SELECT c.phone_e164, p.unresolved
       FROM calls c INDEXED BY calls_open LEFT JOIN phone_call_summary p ON p.phone_e164 = c.phone_e164
       WHERE c.state != 'ended' AND c.session_started_at = ?
       ORDER BY c.id`,
    );
    const calls: UnsettledCall[] = [];
    const unresolvedCalls = new Map<string, number>();
    for (const row of this.unsettledOfSession.all(sessionStartedAt)) {
      calls.push({ phoneE164: row.phone_e164 });
      unresolvedCalls.set(row.phone_e164, row.unresolved ?? 0);
    }
    return { calls, unresolvedCalls };
  }

  /** The history of every callable order and its number (what the plan of a console view needs). */
  ofCallableOrders(): PlanHistory {
    return this.callableForPlanning().history;
  }

  /** The history of the given orders and numbers (a page of the console's lists). */
  of(awbs: readonly string[], phones: readonly string[]): PlanHistory {
    const orderMap = new Map<string, OrderHistory>();
    for (const summary of this.orders(awbs)) {
      if (summary.attempts > 0) orderMap.set(summary.awb, orderHistoryOf(summary));
    }
    const phoneMap = new Map<string, PhoneHistory>();
    for (const row of this.rowsFor<PhoneSummaryRow>('phone_call_summary', 'phone_e164', phones)) {
      phoneMap.set(row.phone_e164, toPhoneHistory(row));
    }
    return { orders: orderMap, phones: phoneMap };
  }

  /** Summaries of the given orders (those ever called), with their latest call, for the order list. */
  orders(awbs: readonly string[]): OrderCallSummary[] {
    return this.rowsFor<OrderSummaryRow>('order_call_summary', 'awb', awbs).map(toOrderSummary);
  }

  order(awb: string): OrderCallSummary | undefined {
    const row = this.orderOne.get(awb);
    return row ? toOrderSummary(row) : undefined;
  }

  phone(phoneE164: string): PhoneHistory | undefined {
    const row = this.phoneOne.get(phoneE164);
    return row ? toPhoneHistory(row) : undefined;
  }

  private rowsFor<Row>(table: string, key: string, values: readonly string[]): Row[] {
    const unique = [...new Set(values)];
    const rows: Row[] = [];
    for (let from = 0; from < unique.length; from += KEYS_PER_READ) {
      const chunk = unique.slice(from, from + KEYS_PER_READ);
      const marks = chunk.map(() => '?').join(', ');
      rows.push(
        ...this.db.prepare<string[], Row>(`SELECT * FROM ${table} WHERE ${key} IN (${marks})`).all(...chunk),
      );
    }
    return rows;
  }
}
