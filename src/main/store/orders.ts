/**
 * The order cache: upsert by AWB (idempotent: re-importing the same data changes nothing), status changes
 * from sync, and reads for the policy and the console. Every type change is kept in order_type_changes.
 */
import { CALLABLE_TYPES, type Order, type OrderInput, type OrderType } from '../domain/order';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';

export interface TypeChange {
  awb: string;
  from: OrderType;
  to: OrderType;
}

export interface UpsertOutcome {
  added: string[];
  updated: string[];
  unchanged: string[];
  typeChanges: TypeChange[];
}

export interface StatusChange {
  awb: string;
  type: OrderType;
  rawStatus: string;
}

interface OrderRow {
  awb: string;
  order_id: string | null;
  courier: string | null;
  customer: string;
  phone_raw: string;
  phone_e164: string | null;
  phone_problem: string | null;
  type: string;
  raw_status: string;
  address: string;
  pincode: string;
  cod_amount: number | null;
  first_seen_at: number;
  updated_at: number;
}

function toOrder(row: OrderRow): Order {
  return {
    awb: row.awb,
    orderId: row.order_id,
    courier: row.courier,
    customer: row.customer,
    phoneRaw: row.phone_raw,
    phoneE164: row.phone_e164,
    phoneProblem: row.phone_problem,
    type: row.type as OrderType,
    rawStatus: row.raw_status,
    address: row.address,
    pincode: row.pincode,
    codAmount: row.cod_amount,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}

const COMPARED_FIELDS = [
  'orderId',
  'courier',
  'customer',
  'phoneRaw',
  'phoneE164',
  'phoneProblem',
  'type',
  'rawStatus',
  'address',
  'pincode',
  'codAmount',
] as const satisfies readonly (keyof OrderInput)[];

function sameOrder(stored: Order, input: OrderInput): boolean {
  return COMPARED_FIELDS.every((field) => stored[field] === input[field]);
}

/** The callable types as an SQL list, for `type IN (...)` (the same text as the orders_callable index's). */
export const CALLABLE_SQL = [...CALLABLE_TYPES].map((type) => `'${type}'`).join(', ');

function emptyOutcome(): UpsertOutcome {
  return { added: [], updated: [], unchanged: [], typeChanges: [] };
}

export class OrderRepository {
  private readonly selectOne;
  private readonly selectAll;
  private readonly countAll;
  private selectCallable: Statement<[], OrderRow> | null = null;
  private countCallableOrders: Statement<[], { n: number }> | null = null;
  private readonly countByType;
  private readonly insert;
  private readonly update;
  private readonly updateStatus;
  private readonly insertTypeChange;

  constructor(private readonly db: SqliteDatabase) {
    this.selectOne = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE awb = ?');
    this.selectAll = db.prepare<[], OrderRow>('SELECT * FROM orders ORDER BY first_seen_at, awb');
    this.countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM orders');
    this.countByType = db.prepare<[], { type: string; n: number }>(
      'SELECT type, COUNT(*) AS n FROM orders GROUP BY type',
    );
    this.insert = db.prepare(
      `INSERT INTO orders (awb, order_id, courier, customer, phone_raw, phone_e164, phone_problem, type, raw_status,
         address, pincode, cod_amount, first_seen_at, updated_at)
       VALUES (@awb, @orderId, @courier, @customer, @phoneRaw, @phoneE164, @phoneProblem, @type, @rawStatus,
         @address, @pincode, @codAmount, @now, @now)`,
    );
    this.update = db.prepare(
      `UPDATE orders SET order_id = @orderId, courier = @courier, customer = @customer, phone_raw = @phoneRaw,
         phone_e164 = @phoneE164, phone_problem = @phoneProblem, type = @type, raw_status = @rawStatus,
         address = @address, pincode = @pincode, cod_amount = @codAmount, updated_at = @now
       WHERE awb = @awb`,
    );
    this.updateStatus = db.prepare(
      'UPDATE orders SET type = @type, raw_status = @rawStatus, updated_at = @now WHERE awb = @awb',
    );
    this.insertTypeChange = db.prepare(
      `INSERT INTO order_type_changes (awb, from_type, to_type, raw_status, changed_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
  }

  get(awb: string): Order | undefined {
    const row = this.selectOne.get(awb);
    return row ? toOrder(row) : undefined;
  }

  /** Every cached order, oldest first. */
  list(): Order[] {
    return this.selectAll.all().map(toOrder);
  }

  count(): number {
    return this.countAll.get()?.n ?? 0;
  }

  /** The orders a session may call (OFD / Undelivered), oldest first: all that planning reads in full. */
  callable(): Order[] {
    // The partial index orders_callable (migration 004) holds exactly these, oldest first: no sort, no scan.
    // Prepared on first use, so that the repository still opens over an older schema (tests, upgrades).
    this.selectCallable ??= this.db.prepare<[], OrderRow>(
      `SELECT * FROM orders INDEXED BY orders_callable WHERE type IN (${CALLABLE_SQL})
       ORDER BY first_seen_at, awb`,
    );
    return this.selectCallable.all().map(toOrder);
  }

  /**
   * How many orders of each type the cache holds (types without orders are absent): one pass over the
   * orders_by_type index, a few tens of milliseconds at 100,000 orders.
   */
  countsByType(): Partial<Record<OrderType, number>> {
    const counts: Partial<Record<OrderType, number>> = {};
    for (const row of this.countByType.iterate()) counts[row.type as OrderType] = row.n;
    return counts;
  }

  /** Orders of a callable type (OFD / Undelivered): a count over the partial index, no row read. */
  countCallable(): number {
    this.countCallableOrders ??= this.db.prepare<[], { n: number }>(
      `SELECT COUNT(*) AS n FROM orders INDEXED BY orders_callable WHERE type IN (${CALLABLE_SQL})`,
    );
    return this.countCallableOrders.get()?.n ?? 0;
  }

  /** Orders of a type that is never called (everything but OFD / Undelivered), without reading them. */
  countNotCallable(): number {
    return this.db.transaction(() => this.count() - this.countCallable())();
  }

  /** Adds new AWBs and updates changed ones, in one transaction. A repeated AWB in `inputs`: the last wins. */
  upsertMany(inputs: readonly OrderInput[], now: number): UpsertOutcome {
    return this.db.transaction(() => {
      const outcome = emptyOutcome();
      for (const input of inputs) {
        const stored = this.get(input.awb);
        if (!stored) {
          this.insert.run({ ...input, now });
          outcome.added.push(input.awb);
        } else if (sameOrder(stored, input)) {
          outcome.unchanged.push(input.awb);
        } else {
          this.update.run({ ...input, now });
          outcome.updated.push(input.awb);
          this.noteTypeChange(stored, input.type, input.rawStatus, now, outcome);
        }
      }
      return outcome;
    })();
  }

  /** Applies status-only updates (sync, scenario events); unknown AWBs are ignored. */
  applyStatusChanges(changes: readonly StatusChange[], now: number): UpsertOutcome {
    return this.db.transaction(() => {
      const outcome = emptyOutcome();
      for (const change of changes) {
        const stored = this.get(change.awb);
        if (!stored) continue;
        if (stored.type === change.type && stored.rawStatus === change.rawStatus) {
          outcome.unchanged.push(change.awb);
          continue;
        }
        this.updateStatus.run({ ...change, now });
        outcome.updated.push(change.awb);
        this.noteTypeChange(stored, change.type, change.rawStatus, now, outcome);
      }
      return outcome;
    })();
  }

  private noteTypeChange(
    stored: Order,
    to: OrderType,
    rawStatus: string,
    now: number,
    outcome: UpsertOutcome,
  ) {
    if (stored.type === to) return;
    this.insertTypeChange.run(stored.awb, stored.type, to, rawStatus, now);
    outcome.typeChanges.push({ awb: stored.awb, from: stored.type, to });
  }
}
