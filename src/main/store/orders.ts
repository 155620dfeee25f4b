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

/** An order's row as SQLite gives it (the view worker's pages read the same columns). */
export interface OrderRow {
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
  city: string;
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
    city: row.city,
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
  'city',
  'pincode',
  'codAmount',
] as const satisfies readonly (keyof OrderInput)[];

/** The SQL column of each compared field: the orders table and the import's staging table share them. */
const COLUMNS: Record<(typeof COMPARED_FIELDS)[number], string> = {
  orderId: 'order_id',
  courier: 'courier',
  customer: 'customer',
  phoneRaw: 'phone_raw',
  phoneE164: 'phone_e164',
  phoneProblem: 'phone_problem',
  type: 'type',
  rawStatus: 'raw_status',
  address: 'address',
  city: 'city',
  pincode: 'pincode',
  codAmount: 'cod_amount',
};
const COLUMN_NAMES = COMPARED_FIELDS.map((field) => COLUMNS[field]);

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
  private selectGeneration: Statement<[], { generation: number }> | null = null;
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
         address, city, pincode, cod_amount, first_seen_at, updated_at)
       VALUES (@awb, @orderId, @courier, @customer, @phoneRaw, @phoneE164, @phoneProblem, @type, @rawStatus,
         @address, @city, @pincode, @codAmount, @now, @now)`,
    );
    this.update = db.prepare(
      `UPDATE orders SET order_id = @orderId, courier = @courier, customer = @customer, phone_raw = @phoneRaw,
         phone_e164 = @phoneE164, phone_problem = @phoneProblem, type = @type, raw_status = @rawStatus,
         address = @address, city = @city, pincode = @pincode, cod_amount = @codAmount, updated_at = @now
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
    // The partial index orders_callable (migration 007) holds exactly these, oldest first: no sort, no scan.
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

  /**
   * How many writes the orders table has seen (migration 008: triggers count every insert, update and
   * delete, whoever makes it). Equal counts read twice mean no order changed in between.
   */
  generation(): number {
    this.selectGeneration ??= this.db.prepare<[], { generation: number }>(
      'SELECT generation FROM order_generation WHERE id = 1',
    );
    return this.selectGeneration.get()?.generation ?? 0;
  }

  /** An empty staging area for a large import on this repository's connection (see OrderStaging). */
  staging(): OrderStaging {
    return new OrderStaging(this.db, () => this.generation());
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

let stagingCount = 0;
/** Staged rows inserted by one statement, and the values each row binds (id, awb and the compared fields). */
const STAGE_ROWS = 100;
const STAGED_WIDTH = COLUMN_NAMES.length + 2;

/** What merging one chunk of staged orders did. */
export interface MergeOutcome {
  added: number;
  updated: number;
  unchanged: number;
  typeChanges: TypeChange[];
}

/**
 * A whole file's orders on their way into the cache, for imports of any size. They are first staged in a
 * temporary table: private to this connection, so staging never holds the database's write lock while the
 * file is read, and keyed by AWB so that a later row of the same AWB replaces an earlier one. They are then
 * merged in chunks, each chunk one short transaction, so the dialler's writes on another connection wait
 * milliseconds, not the length of the import. The comparison with the stored orders is done by SQLite, one
 * statement per chunk, without reading any stored order into JavaScript: a re-import that changes nothing
 * costs one indexed pass.
 */
export class OrderStaging {
  private readonly insertStaged;
  private readonly replaceStaged;
  private readonly tally;
  private readonly typeChangesIn;
  private readonly updateChanged;
  private readonly insertNew;
  private readonly insertTypeChange;
  /** Staging id of each AWB (in the order AWBs first appeared); `lines[id]`: the line of its latest row. */
  private readonly staged = new Map<string, number>();
  private readonly lines: number[] = [0];
  private readonly replaced: { line: number; awb: string }[] = [];
  private readonly values: unknown[] = [];
  private nextMerge = 1;
  /** The orders' write count after the last chunk merged; null once another write came between chunks. */
  private generationAfter: number | null | undefined;
  /** Each staging has its own table, so a file kept staged (a previewed file) and another never meet. */
  private readonly table = `temp.order_staging_${(stagingCount += 1)}`;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly generation: () => number,
  ) {
    db.exec(
      `CREATE TABLE ${this.table} (
         id INTEGER PRIMARY KEY, awb TEXT NOT NULL,
         ${COLUMN_NAMES.map((column) => `${column} ${column === 'cod_amount' ? 'REAL' : 'TEXT'}`).join(', ')})`,
    );
    // Positional parameters, in COMPARED_FIELDS order: binding by position is markedly faster than by name.
    const values = COLUMN_NAMES.map(() => '?').join(', ');
    // Many rows a statement: binding and stepping one statement per row costs more than the row.
    this.insertStaged = [STAGE_ROWS, 10, 1].map((rows) => {
      const row = `(?, ?, ${values})`;
      const statement = db.prepare(
        `INSERT INTO ${this.table} (id, awb, ${COLUMN_NAMES.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`,
      );
      return [rows, statement] as const;
    });
    this.replaceStaged = db.prepare(
      `UPDATE ${this.table} SET (${COLUMN_NAMES.join(', ')}) = (${values}) WHERE id = ?`,
    );
    const same = COLUMN_NAMES.map((column) => `o.${column} IS s.${column}`).join(' AND ');
    // One pass over the chunk says which of the three writes it needs; a re-import that changes
    // nothing, the common case, then runs no write at all.
    this.tally = db.prepare<[number, number], { added: number; changed: number; retyped: number }>(
      `SELECT COALESCE(SUM(o.awb IS NULL), 0) AS added,
              COALESCE(SUM(o.awb IS NOT NULL AND NOT (${same})), 0) AS changed,
              COALESCE(SUM(o.awb IS NOT NULL AND o.type <> s.type), 0) AS retyped
       FROM ${this.table} s LEFT JOIN orders o ON o.awb = s.awb
       WHERE s.id BETWEEN ? AND ?`,
    );
    this.typeChangesIn = db.prepare<[number, number], { awb: string; from: string; to: string; raw: string }>(
      `SELECT s.awb AS awb, o.type AS "from", s.type AS "to", s.raw_status AS raw
       FROM ${this.table} s JOIN orders o ON o.awb = s.awb
       WHERE s.id BETWEEN ? AND ? AND o.type <> s.type ORDER BY s.id`,
    );
    this.updateChanged = db.prepare(
      `UPDATE orders SET ${COLUMN_NAMES.map((column) => `${column} = s.${column}`).join(', ')}, updated_at = @now
       FROM ${this.table} AS s
       WHERE s.id BETWEEN @first AND @last AND orders.awb = s.awb
         AND NOT (${COLUMN_NAMES.map((column) => `orders.${column} IS s.${column}`).join(' AND ')})`,
    );
    this.insertNew = db.prepare(
      `INSERT INTO orders (awb, ${COLUMN_NAMES.join(', ')}, first_seen_at, updated_at)
       SELECT s.awb, ${COLUMN_NAMES.map((column) => `s.${column}`).join(', ')}, @now, @now
       FROM ${this.table} s
       WHERE s.id BETWEEN @first AND @last AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.awb = s.awb)
       ORDER BY s.id`,
    );
    this.insertTypeChange = db.prepare(
      `INSERT INTO order_type_changes (awb, from_type, to_type, raw_status, changed_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Stages rows. A repeated AWB keeps its last row; the earlier one is listed by `superseded`. Rows wait
   * until STAGE_ROWS new AWBs are staged, then go in with one statement (see insertStaged); `flush` sends
   * those still waiting (superseded and mergeNext do so first).
   */
  add(rows: readonly { order: OrderInput; line: number }[]): void {
    for (const { order, line } of rows) this.addRow(order, line);
  }

  addRow(order: OrderInput, line: number): void {
    const values = this.values;
    const known = this.staged.get(order.awb);
    if (known === undefined) {
      const id = this.staged.size + 1;
      this.staged.set(order.awb, id);
      this.lines.push(line);
      // prettier-ignore
      values.push(id, order.awb, order.orderId, order.courier, order.customer, order.phoneRaw,
        order.phoneE164, order.phoneProblem, order.type, order.rawStatus, order.address, order.city,
        order.pincode, order.codAmount);
      if (values.length === STAGE_ROWS * STAGED_WIDTH) this.flush();
      return;
    }
    this.replaced.push({ line: this.lines[known]!, awb: order.awb });
    this.lines[known] = line;
    const waiting = this.staged.size - values.length / STAGED_WIDTH + 1;
    if (known >= waiting) {
      // Not inserted yet: its values are replaced where they wait.
      // prettier-ignore
      values.splice((known - waiting) * STAGED_WIDTH + 2, STAGED_WIDTH - 2, order.orderId, order.courier,
        order.customer, order.phoneRaw, order.phoneE164, order.phoneProblem, order.type, order.rawStatus,
        order.address, order.city, order.pincode, order.codAmount);
      return;
    }
    // prettier-ignore
    this.replaceStaged.run(order.orderId, order.courier, order.customer, order.phoneRaw,
      order.phoneE164, order.phoneProblem, order.type, order.rawStatus, order.address, order.city,
      order.pincode, order.codAmount, known);
  }

  /** Inserts the rows still waiting: STAGE_ROWS rows a statement, then what is left ten and one at a time. */
  flush(): void {
    const values = this.values;
    if (values.length === 0) return;
    if (values.length === STAGE_ROWS * STAGED_WIDTH) {
      // One statement is atomic on its own: no transaction around it to begin and commit.
      this.insertStaged[0]![1].run(values);
      values.length = 0;
      return;
    }
    this.db.transaction(() => {
      let at = 0;
      for (const [rows, statement] of this.insertStaged) {
        const width = rows * STAGED_WIDTH;
        for (; values.length - at >= width; at += width) {
          statement.run(at === 0 && values.length === width ? values : values.slice(at, at + width));
        }
      }
    })();
    values.length = 0;
  }

  /** Rows replaced by a later row of the same AWB, each with the line of the row kept. */
  superseded(): { line: number; awb: string; byLine: number }[] {
    this.flush();
    return this.replaced
      .map(({ line, awb }) => ({ line, awb, byLine: this.lines[this.staged.get(awb)!]! }))
      .sort((a, b) => a.line - b.line);
  }

  /**
   * Merges the next `rows` staged orders into the cache in one transaction; null when all are merged.
   * Orders keep the order in which their AWB first appeared.
   */
  mergeNext(rows: number, now: number): MergeOutcome | null {
    this.flush();
    if (this.nextMerge > this.staged.size) return null;
    const from = this.nextMerge;
    const to = Math.min(from + rows - 1, this.staged.size);
    this.nextMerge = to + 1;
    return this.db.transaction(() => {
      const before = this.generation();
      // Another connection (the dialler's, a sync) wrote an order since the last chunk: this file's
      // orders may no longer be what it says.
      if (this.generationAfter !== undefined && this.generationAfter !== before) this.generationAfter = null;
      const needs = this.tally.get(from, to) ?? { added: 0, changed: 0, retyped: 0 };
      const typeChanges =
        needs.retyped === 0
          ? []
          : this.typeChangesIn.all(from, to).map((change) => {
              this.insertTypeChange.run(change.awb, change.from, change.to, change.raw, now);
              return { awb: change.awb, from: change.from as OrderType, to: change.to as OrderType };
            });
      const range = { first: from, last: to, now };
      const updated = needs.changed === 0 ? 0 : this.updateChanged.run(range).changes;
      const added = needs.added === 0 ? 0 : this.insertNew.run(range).changes;
      if (this.generationAfter !== null) this.generationAfter = this.generation();
      return { added, updated, unchanged: to - from + 1 - added - updated, typeChanges };
    })();
  }

  /**
   * Once every chunk is merged: the orders' write count (OrderRepository.generation) at which the cache held
   * exactly this file's orders, or null when another write to the orders came between two chunks (what the
   * file says may then be overwritten already). Before the last chunk, null.
   */
  mergedGeneration(): number | null {
    if (this.nextMerge <= this.staged.size) return null;
    // Nothing staged: nothing to compare, so any moment will do.
    if (this.generationAfter === undefined) return this.generation();
    return this.generationAfter;
  }

  /** Drops the staging table (its pages go back to the temporary file); the staging is not used again. */
  clear(): void {
    this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
    this.staged.clear();
    this.values.length = 0;
    this.lines.length = 1;
    this.replaced.length = 0;
  }
}
