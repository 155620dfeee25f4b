/**
 * A busy desk after some months, written straight into a desk's SQLite file for the benchmarks: N orders
 * (OFD and Undelivered mostly, some delivered or in transit, a few undialable phones, some numbers shared by
 * two orders) and M past calls over ~90 days of four sessions a day, each with its transcript, summary and
 * VAPI's JSON at realistic sizes, the newest session this morning (so some numbers are cooling down).
 * Rows go in by SQL in large transactions: making the desk is not what is measured.
 */
import { parseLocalIso } from '../../src/main/domain/local-time';
import type { OrderType } from '../../src/main/domain/order';
import { DEFAULT_CALLING_SETTINGS } from '../../src/main/domain/settings';
import { openStore, type Store } from '../../src/main/store';

export interface BigDeskOptions {
  orders: number;
  calls: number;
  /** The desk's "now": the newest session started an hour before it. */
  now: number;
}

/** The benchmarks' "now" on the desk's clock (Asia/Kolkata): 11:00, an hour after the 10:00 session. */
export const BENCH_NOW_LOCAL = '2026-11-24T11:00';
export const BENCH_NOW = parseLocalIso(BENCH_NOW_LOCAL, DEFAULT_CALLING_SETTINGS.timezone)!;

const DAY = 86_400_000;
const TYPES: OrderType[] = [
  'OFD',
  'OFD',
  'OFD',
  'Undelivered',
  'Undelivered',
  'Delivered',
  'In Transit',
  'RTO',
];
const NAMES = [
  'Raj Kumar',
  'प्रिया शर्मा',
  'Amit Verma',
  'सुनीता देवी',
  'Farhan Ali',
  'Meena Iyer',
  'Kavita Rao',
];
const OUTCOMES = ['busy', 'no-answer', 'voicemail', 'answered', 'failed'] as const;
const TRANSCRIPT =
  'AI: Namaste, this is the delivery desk calling about your parcel. User: Haan, boliye. '.repeat(6);

export function awbOf(index: number): string {
  return `AWB${String(10_000_000 + index)}`;
}

/** Two orders in twenty share their number with the next order. */
function phoneOf(index: number): string {
  const owner = index % 20 === 1 ? index - 1 : index;
  return `+9197${String(10_000_000 + owner).slice(-8)}`;
}

function insertOrders(store: Store, count: number, now: number): void {
  const insert = store.db.prepare(
    `INSERT INTO orders (awb, order_id, courier, customer, phone_raw, phone_e164, phone_problem, type, raw_status,
       address, pincode, cod_amount, first_seen_at, updated_at)
     VALUES (?, ?, 'Delhivery', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  store.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const invalid = index % 100 === 7;
      const phone = phoneOf(index);
      const type = TYPES[index % TYPES.length]!;
      // Oldest first: order 0 came ~90 days ago, the last ones this morning.
      const firstSeenAt = now - DAY * 90 + Math.floor((index / count) * DAY * 90);
      insert.run(
        awbOf(index),
        `ORD-${index}`,
        `${NAMES[index % NAMES.length]} ${index}`,
        invalid ? '12345' : phone.slice(3),
        invalid ? null : phone,
        invalid ? 'too short (5 digits)' : null,
        type,
        type === 'OFD' ? 'Out for delivery' : type,
        `House ${index % 500}, Sector ${index % 60}, New Delhi`,
        String(110_001 + (index % 90)),
        index % 3 === 0 ? 0 : 499 + (index % 2000),
        firstSeenAt,
        firstSeenAt,
      );
    }
  });
}

/**
 * Every order is called up to four times (three on average), in sessions after it came in and at least a
 * session apart, until `count` calls are made; the rows go in in time order, as a desk writes them. The
 * newest session (an hour before `now`) leaves its numbers cooling down.
 */
function insertCalls(store: Store, orders: number, count: number, now: number): void {
  const sessionsPerDay = 4;
  const sessionGap = DAY / sessionsPerDay;
  const lastSession = now - 3_600_000;
  const firstSession = lastSession - (90 * sessionsPerDay - 1) * sessionGap;
  const planned: { session: number; index: number; attempt: number }[] = [];
  for (let index = 0; index < orders; index += 1) {
    if (index % 20 === 1) continue; // covered by the call to the order before it (same number)
    const firstSeenAt = now - DAY * 90 + Math.floor((index / orders) * DAY * 90);
    const first = Math.max(0, Math.ceil((firstSeenAt - firstSession) / sessionGap));
    const calls = [3, 4, 3, 3, 4, 3, 2, 4, 3, 4][index % 10]!;
    for (let attempt = 1; attempt <= calls; attempt += 1) {
      const session = first + (attempt - 1) * (1 + (index % 3));
      if (session * sessionGap + firstSession > lastSession) break;
      planned.push({ session, index, attempt });
    }
  }
  planned.sort((a, b) => a.session - b.session || a.index - b.index);
  // The oldest calls go when there are more than asked for: the recent days are what the plan looks at.
  planned.splice(0, Math.max(0, planned.length - count));
  const insertSession = store.db.prepare(
    `INSERT INTO sessions (started_at, trigger, state, ended_at, planned, new_calls, retry_calls, skipped_json)
     VALUES (?, 'scheduled', 'completed', ?, 0, 0, 0, '{}')`,
  );
  const insertCall = store.db.prepare(
    `INSERT INTO calls (session_id, session_started_at, phone_e164, attempt_number, kind, provider_call_id, state,
       ended_reason, outcome, successful, started_at, ended_at, duration_seconds, cost, summary, transcript,
       recording_url, provider_json, provider, intent)
     VALUES (?, ?, ?, ?, ?, ?, 'ended', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sandbox', ?)`,
  );
  const insertCallOrder = store.db.prepare(
    'INSERT INTO call_orders (call_id, awb, attempt_number) VALUES (?, ?, ?)',
  );
  const sessionIds = new Map<number, number>();
  store.transaction(() => {
    planned.forEach(({ session, index, attempt }, n) => {
      const startedAt = firstSession + session * sessionGap;
      let sessionId = sessionIds.get(session);
      if (sessionId === undefined) {
        sessionId = Number(insertSession.run(startedAt, startedAt + 600_000).lastInsertRowid);
        sessionIds.set(session, sessionId);
      }
      // The last attempt of most orders is answered; earlier ones busy, unanswered or voicemail.
      const outcome =
        attempt >= 3 || index % 4 === 0 ? 'answered' : OUTCOMES[(index + attempt) % OUTCOMES.length]!;
      const successful = outcome === 'answered' && index % 5 !== 0;
      const at = startedAt + (n % 1000) * 500;
      const id = Number(
        insertCall.run(
          sessionId,
          startedAt,
          phoneOf(index),
          attempt,
          attempt === 1 ? 'new' : 'retry',
          `vapi-${n}`,
          outcome === 'answered' ? 'customer-ended-call' : `customer-${outcome}`,
          outcome,
          successful ? 1 : 0,
          at,
          at + 45_000,
          45,
          0.07,
          successful ? 'The customer confirmed the delivery for today.' : 'The customer could not talk.',
          outcome === 'answered' ? TRANSCRIPT : null,
          outcome === 'answered' ? `https://storage.vapi.ai/${n}.wav` : null,
          JSON.stringify({
            id: `vapi-${n}`,
            status: 'ended',
            endedReason: outcome,
            cost: 0.07,
            costBreakdown: { llm: 0.01, stt: 0.01, tts: 0.02, vapi: 0.03 },
            customer: { number: phoneOf(index) },
            analysis: { summary: 'short' },
          }),
          successful ? 'confirmed' : null,
        ).lastInsertRowid,
      );
      insertCallOrder.run(id, awbOf(index), attempt);
      if (index % 20 === 0 && index + 1 < orders) insertCallOrder.run(id, awbOf(index + 1), attempt);
    });
  });
}

/** Makes the desk's database at `file` (a new file). */
export function makeBigDesk(file: string, options: BigDeskOptions): void {
  const store = openStore(file);
  try {
    store.db.pragma('synchronous = OFF');
    insertOrders(store, options.orders, options.now);
    insertCalls(store, options.orders, options.calls, options.now);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
}
