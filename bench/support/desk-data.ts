/**
 * A busy desk after some months, written straight into a SQLite file with prepared statements (no engine,
 * no HTTP): 100,000 orders and 300,000 past calls by default, for the planning and Queue benchmarks.
 *
 * The desk's story: 120 days of history, ~830 new orders a day, sessions at 10:00, 11:00, 12:00 and 13:00.
 * The newest 10 % of the orders (the last ~12 days) are still OFD / Undelivered; the rest are Delivered or
 * RTO. Every order had three calls (one row per call, the whole VAPI JSON, transcript and summary kept as
 * the desk keeps them); 1 in 10 numbers is shared by two orders. The callable orders' histories cover every
 * case the policy judges (session at 11:00 on the last day):
 *   30 % called yesterday and due again, 20 % called at 10:00 today (cooldown), 20 % successful, 10 % at
 *   max attempts, 10 % never reached VAPI (errors: new), 5 % asked for a callback at 12:30, 5 % unresolved.
 *
 * The file is written at schema 6 (before the call summaries) and migrated to the newest schema afterwards,
 * so the migration's backfill is measured too. Run as a script: `tsx bench/support/desk-data.ts <file>`
 * prints one JSON line of what it made and how long the backfill took.
 */
import { migrate, openDatabase } from '../../src/main/store/database';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { fromLocal } from '../../src/main/domain/local-time';

export const TIMEZONE = 'Asia/Kolkata';
export const DAYS = 120;
const SLOTS = [10, 11, 12, 13];

export interface DeskShape {
  orders: number;
  /** Share of the orders (the newest) still OFD / Undelivered. */
  callableShare: number;
}

export const DEFAULT_SHAPE: DeskShape = {
  orders: Number(process.env.BENCH_ORDERS ?? 100_000),
  callableShare: Number(process.env.BENCH_CALLABLE_SHARE ?? 0.1),
};

const instants = new Map<string, number>();

/** The instant `hour`:`minute` on day `day` of the story (day DAYS - 1 is the bench's "today"). */
export function dayAt(day: number, hour: number, minute = 0): number {
  const key = `${day} ${hour} ${minute}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = localInstant(day, hour, minute);
    instants.set(key, instant);
  }
  return instant;
}

function localInstant(day: number, hour: number, minute: number): number {
  const base = new Date(Date.UTC(2026, 10, 24 - (DAYS - 1 - day)));
  return fromLocal(
    {
      year: base.getUTCFullYear(),
      month: base.getUTCMonth() + 1,
      day: base.getUTCDate(),
      hour,
      minute,
    },
    TIMEZONE,
  );
}

/** The session the benchmarks plan: 11:00 on the last day. */
export const BENCH_SESSION = dayAt(DAYS - 1, 11);

interface CallPlan {
  day: number;
  slot: number;
  outcome: 'busy' | 'no-answer' | 'answered' | 'error' | 'canceled' | null;
  state?: 'ended' | 'unresolved';
  successful?: boolean;
  intent?: string;
  callbackAt?: number;
}

const TODAY = DAYS - 1;

/** The three calls of a callable order, by its case (see the header). */
function callableCalls(kase: number): CallPlan[] {
  if (kase < 30)
    return [
      { day: TODAY - 1, slot: 0, outcome: 'busy' },
      { day: TODAY - 1, slot: 1, outcome: 'error' },
      { day: TODAY - 1, slot: 2, outcome: 'error' },
    ];
  if (kase < 50)
    return [
      { day: TODAY, slot: 0, outcome: 'no-answer' },
      { day: TODAY - 1, slot: 0, outcome: 'error' },
      { day: TODAY - 1, slot: 1, outcome: 'canceled' },
    ];
  if (kase < 70)
    return [
      { day: TODAY - 2, slot: 0, outcome: 'busy' },
      { day: TODAY - 1, slot: 0, outcome: 'no-answer' },
      { day: TODAY, slot: 0, outcome: 'answered', successful: true, intent: 'confirmed' },
    ];
  if (kase < 80)
    return [
      { day: TODAY - 2, slot: 0, outcome: 'busy' },
      { day: TODAY - 1, slot: 0, outcome: 'no-answer' },
      { day: TODAY - 1, slot: 2, outcome: 'busy' },
    ];
  if (kase < 90) return [0, 1, 2].map((slot): CallPlan => ({ day: TODAY - 1, slot, outcome: 'error' }));
  if (kase < 95)
    return [
      { day: TODAY - 1, slot: 0, outcome: 'busy' },
      { day: TODAY, slot: 0, outcome: 'answered', intent: 'callback', callbackAt: dayAt(TODAY, 12, 30) },
      { day: TODAY - 1, slot: 1, outcome: 'error' },
    ];
  return [
    { day: TODAY - 1, slot: 0, outcome: 'busy' },
    { day: TODAY, slot: 0, outcome: null, state: 'unresolved' },
    { day: TODAY - 1, slot: 1, outcome: 'error' },
  ];
}

/** The three calls of an order long delivered (or returned): attempts on its first days. */
function pastCalls(firstDay: number, index: number): CallPlan[] {
  const answered = index % 3 !== 0;
  return [
    { day: firstDay, slot: 0, outcome: 'busy' },
    { day: firstDay, slot: 2, outcome: 'no-answer' },
    {
      day: Math.min(TODAY - 1, firstDay + 1),
      slot: 0,
      outcome: answered ? 'answered' : 'busy',
      successful: answered,
      intent: answered ? 'confirmed' : undefined,
    },
  ];
}

/** About what the desk keeps of a VAPI call (the real JSON is larger; the transcript is kept apart too). */
function providerJson(id: number, plan: CallPlan, phone: string, awb: string): string {
  return JSON.stringify({
    id: `0b4c${id.toString(16).padStart(8, '0')}-5d1e-4a8f-9c2b-7e3f1a6d${(id % 9999).toString().padStart(4, '0')}`,
    orgId: 'd5f7a1c2-3b4e-4f60-8a9b-0c1d2e3f4a5b',
    type: 'outboundPhoneCall',
    status: plan.state === 'unresolved' ? 'in-progress' : 'ended',
    endedReason: plan.outcome === 'busy' ? 'customer-busy' : 'assistant-ended-call',
    phoneNumberId: 'sim-phone-number',
    assistantId: 'sim-assistant',
    customer: { number: phone, name: 'Customer' },
    assistantOverrides: {
      variableValues: { awb, customerName: 'Customer', orderType: 'OFD', codAmount: '499' },
      metadata: { deskId: 'bench-desk', callId: id, awbs: awb },
    },
    cost: 0.0825,
    costBreakdown: { transport: 0.01, stt: 0.012, llm: 0.031, tts: 0.021, vapi: 0.0085 },
    analysis: { summary: 'The customer confirmed delivery for today.', successEvaluation: 'true' },
  });
}

const TRANSCRIPT =
  'AI: Namaste, main Swift Couriers se bol rahi hoon. Aapka parcel aaj delivery ke liye nikla hai, kya aap ghar par ' +
  'honge?\nUser: Haan ji, main ghar par hoon.\nAI: Dhanyavaad. Cash on delivery 499 rupaye hai. Kya yeh theek ' +
  'hai?\nUser: Haan theek hai.\nAI: Shukriya, aapka din shubh ho.';

export interface MadeDesk {
  orders: number;
  callable: number;
  calls: number;
  /** Seconds migration 007 took to build the summaries from the history. */
  backfillSeconds: number;
  fileMb: number;
}

export function makeDesk(file: string, shape: DeskShape = DEFAULT_SHAPE): MadeDesk {
  const before = MIGRATIONS.filter((migration) => migration.version < 7);
  const db = openDatabase(file, { migrations: before });
  db.pragma('synchronous = OFF');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, started_at, trigger, state, ended_at, planned) VALUES (?, ?, 'scheduled', 'completed', ?, 0)`,
  );
  const insertOrder = db.prepare(
    `INSERT INTO orders (awb, order_id, courier, customer, phone_raw, phone_e164, phone_problem, type, raw_status,
       address, pincode, cod_amount, first_seen_at, updated_at)
     VALUES (?, ?, 'Delhivery', ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCall = db.prepare(
    `INSERT INTO calls (id, session_id, session_started_at, phone_e164, attempt_number, kind, provider_call_id,
       state, ended_reason, outcome, successful, started_at, ended_at, duration_seconds, cost, summary,
       transcript, provider_json, provider, intent, callback_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live', ?, ?)`,
  );
  const insertCallOrder = db.prepare(
    'INSERT INTO call_orders (call_id, awb, attempt_number) VALUES (?, ?, ?)',
  );

  const firstCallable = Math.round(shape.orders * (1 - shape.callableShare));
  const phones = Math.round(shape.orders * 0.9);
  let callId = 0;
  db.transaction(() => {
    for (let day = 0; day < DAYS; day += 1) {
      SLOTS.forEach((hour, slot) =>
        insertSession.run(day * SLOTS.length + slot + 1, dayAt(day, hour), dayAt(day, hour, 40)),
      );
    }
    for (let index = 0; index < shape.orders; index += 1) {
      const awb = `13331${String(index).padStart(8, '0')}`;
      const national = `9${String(100_000_000 + (index % phones)).slice(1)}`;
      const phone = `+91${national}`;
      const callable = index >= firstCallable;
      const firstDay = Math.floor((index * DAYS) / shape.orders);
      const seenAt = dayAt(firstDay, 8) + (index % 3_600) * 1000;
      const type = callable
        ? index % 4 === 0
          ? 'Undelivered'
          : 'OFD'
        : index % 9 === 0
          ? 'RTO'
          : 'Delivered';
      insertOrder.run(
        awb,
        `ORD-${index}`,
        `Customer ${index}`,
        national,
        phone,
        type,
        type === 'OFD' ? 'Out for delivery' : type,
        `House ${index % 500}, Sector ${index % 60}, New Delhi`,
        String(110_001 + (index % 90)),
        index % 3 === 0 ? null : 499,
        seenAt,
        seenAt,
      );
      const plans = callable ? callableCalls(index % 100) : pastCalls(firstDay, index);
      let attempt = 0;
      for (const plan of plans) {
        callId += 1;
        const sessionId = plan.day * SLOTS.length + plan.slot + 1;
        const sessionStart = dayAt(plan.day, SLOTS[plan.slot]!);
        const startedAt = sessionStart + (callId % 600) * 1000;
        const placed = plan.outcome !== 'error';
        if (plan.outcome !== 'error' && plan.outcome !== 'canceled') attempt += 1;
        insertCall.run(
          callId,
          sessionId,
          sessionStart,
          phone,
          Math.max(1, attempt),
          attempt <= 1 ? 'new' : 'retry',
          placed ? `vapi-${callId}` : null,
          plan.state ?? 'ended',
          plan.outcome === null ? null : plan.outcome === 'answered' ? 'assistant-ended-call' : plan.outcome,
          plan.outcome,
          plan.successful ? 1 : 0,
          startedAt,
          plan.state === 'unresolved' ? null : startedAt + 45_000,
          plan.outcome === 'answered' ? 45 : placed ? 20 : null,
          placed ? 0.0825 : null,
          plan.outcome === 'answered' ? 'The customer confirmed delivery for today.' : null,
          plan.outcome === 'answered' ? TRANSCRIPT : null,
          placed ? providerJson(callId, plan, phone, awb) : null,
          plan.intent ?? null,
          plan.callbackAt ?? null,
        );
        insertCallOrder.run(callId, awb, Math.max(1, attempt));
      }
    }
  })();
  const began = performance.now();
  migrate(db, MIGRATIONS);
  const backfillSeconds = (performance.now() - began) / 1000;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    orders: shape.orders,
    callable: shape.orders - firstCallable,
    calls: callId,
    backfillSeconds,
    fileMb: (pages * pageSize) / 2 ** 20,
  };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/support/desk-data.ts <file.sqlite>');
  console.log(JSON.stringify(makeDesk(file)));
}
