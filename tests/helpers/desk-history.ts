/**
 * Call history written into a real store the way the engine writes it (a session row, the call as pending,
 * then its result), and a random desk made from a seed: orders of every type, shared and undialable phones,
 * and calls of every kind (successes, errors, unresolved, callbacks, reschedules, cancellations, numbers
 * VAPI could not dial) across a few days — for checking the paged views against the policy itself.
 */
import type { CallOutcome, CallState, CustomerAnswerView } from '../../src/shared/desk-types';
import type { OrderInput, OrderType } from '../../src/main/domain/order';
import { emptySkipCounts } from '../../src/main/domain/policy';
import type { Store } from '../../src/main/store';
import { makeOrderInput } from './factories';

export interface CallSpec {
  awbs: string[];
  phoneE164: string;
  sessionStartedAt: number;
  /** When the call was placed (the session's start by default). */
  startedAt?: number;
  state?: CallState;
  outcome?: CallOutcome;
  successful?: boolean;
  intent?: CustomerAnswerView['intent'];
  callbackAt?: number | null;
  noCallBefore?: number | null;
  closesOrder?: boolean;
  badNumber?: boolean;
}

const sessions = new WeakMap<Store, Map<number, number>>();

function sessionFor(store: Store, startedAt: number): number {
  const known = sessions.get(store) ?? new Map<number, number>();
  sessions.set(store, known);
  let id = known.get(startedAt);
  if (id === undefined) {
    id = store.sessions.start({
      startedAt,
      trigger: 'scheduled',
      planned: 0,
      newCalls: 0,
      retryCalls: 0,
      skipped: emptySkipCounts(),
    });
    known.set(startedAt, id);
  }
  return id;
}

/** Records one call as the engine would; returns its id. */
export function recordCall(store: Store, spec: CallSpec): number {
  const startedAt = spec.startedAt ?? spec.sessionStartedAt;
  const id = store.calls.insertPending({
    sessionId: sessionFor(store, spec.sessionStartedAt),
    sessionStartedAt: spec.sessionStartedAt,
    phoneE164: spec.phoneE164,
    kind: 'new',
    orders: spec.awbs.map((awb) => ({ awb, attemptNumber: 1 })),
    startedAt,
    provider: 'sandbox',
  });
  const state = spec.state ?? 'ended';
  if (state === 'pending') return id;
  if (state !== 'ended') {
    store.calls.markUnresolved(id, 'no reply from VAPI', startedAt + 60_000);
    return id;
  }
  const outcome = spec.outcome ?? 'busy';
  if (outcome === 'error') {
    store.calls.markFailed(id, 'error', startedAt + 1_000, 'VAPI refused the call');
    return id;
  }
  const answer: CustomerAnswerView | null = spec.intent
    ? {
        intent: spec.intent,
        date: null,
        time: null,
        address: null,
        landmark: null,
        codReady: null,
        notes: null,
        source: 'structuredOutputs',
      }
    : null;
  store.calls.finish(id, {
    state: 'ended',
    endedReason: outcome,
    outcome,
    successful: spec.successful ?? false,
    endedAt: startedAt + 45_000,
    durationSeconds: 45,
    cost: 0.07,
    summary: `A ${outcome} call`,
    structuredData: null,
    transcript: null,
    recordingUrl: null,
    providerJson: { id: `vapi-${id}` },
    answer,
    callbackAt: spec.callbackAt ?? null,
    noCallBefore: spec.noCallBefore ?? null,
    closesOrder: spec.closesOrder ?? false,
    badNumber: spec.badNumber ?? false,
    talkSeconds: outcome === 'answered' ? 30 : null,
  });
  return id;
}

/** A small deterministic random source (mulberry32), so a failing seed can be replayed. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES: OrderType[] = ['OFD', 'OFD', 'Undelivered', 'Delivered', 'In Transit', 'RTO', 'Unknown'];
const NAMES = ['asha rao', 'Ravi Jain', 'meena IYER', 'Farhan Ali', 'amit verma', 'Zoya Khan', 'bina das'];
const HOUR = 3_600_000;

/**
 * `orders` orders imported in three batches before `now`, and calls over the two days before it: each order
 * callable or not, some numbers shared by two orders, some undialable, and calls of every kind.
 */
export function seedRandomDesk(store: Store, seed: number, orders: number, now: number): void {
  const random = randomFrom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const inputs: OrderInput[] = [];
  for (let index = 0; index < orders; index += 1) {
    const shared = index > 0 && random() < 0.1;
    const number = shared ? index - 1 : index;
    const invalid = random() < 0.05;
    inputs.push(
      makeOrderInput({
        awb: `AWB${String(seed).padStart(3, '0')}${String(1000 + Math.floor(random() * 9000))}${index}`,
        customer: `${pick(NAMES)} ${index % 7}`,
        phoneRaw: invalid ? 'N/A' : `98765${String(number).padStart(5, '0')}`,
        phoneE164: invalid ? null : `+9198765${String(number).padStart(5, '0')}`,
        phoneProblem: invalid ? 'not a number (N/A)' : null,
        type: pick(TYPES),
      }),
    );
  }
  // Three imports: the first two days ago, the last this morning (first_seen_at ties within a batch).
  const batches = [now - 48 * HOUR, now - 26 * HOUR, now - 2 * HOUR];
  batches.forEach((at, batch) =>
    store.orders.upsertMany(
      inputs.filter((_, index) => index % 3 === batch),
      at,
    ),
  );
  const sessionStarts = [now - 47 * HOUR, now - 25 * HOUR, now - 5 * HOUR, now - 3 * HOUR, now - HOUR];
  const dialable = inputs.filter((order) => order.phoneE164 !== null);
  const calls = Math.floor(orders * 1.5);
  for (let n = 0; n < calls; n += 1) {
    const order = pick(dialable);
    const sessionStartedAt = pick(sessionStarts);
    const roll = random();
    const base = { awbs: [order.awb], phoneE164: order.phoneE164!, sessionStartedAt };
    const startedAt = sessionStartedAt + Math.floor(random() * 600_000);
    if (roll < 0.05) recordCall(store, { ...base, startedAt, state: 'unresolved' });
    else if (roll < 0.1) recordCall(store, { ...base, startedAt, outcome: 'error' });
    else if (roll < 0.25)
      recordCall(store, { ...base, startedAt, outcome: 'answered', successful: true, intent: 'confirmed' });
    else if (roll < 0.3)
      recordCall(store, {
        ...base,
        startedAt,
        outcome: 'answered',
        intent: 'callback',
        callbackAt: now + HOUR / 2,
      });
    else if (roll < 0.34)
      recordCall(store, {
        ...base,
        startedAt,
        outcome: 'answered',
        intent: 'reschedule',
        noCallBefore: now + 20 * HOUR,
      });
    else if (roll < 0.37)
      recordCall(store, { ...base, startedAt, outcome: 'answered', intent: 'cancel', closesOrder: true });
    else if (roll < 0.39) recordCall(store, { ...base, startedAt, outcome: 'failed', badNumber: true });
    else if (roll < 0.41) recordCall(store, { ...base, startedAt, outcome: 'canceled' });
    else
      recordCall(store, { ...base, startedAt, outcome: pick(['busy', 'no-answer', 'voicemail'] as const) });
  }
}
