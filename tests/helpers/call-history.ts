/**
 * Writes call history straight into a store, the way the engine leaves it: orders, sessions, calls (ended,
 * unresolved or refused) and the actions their answers raised. For tests of what reads or prunes history.
 */
import type { ActionKind, OrderType } from '../../src/shared/desk-types';
import { emptySkipCounts } from '../../src/main/domain/policy';
import type { CallResult, Store } from '../../src/main/store';
import { at, makeOrderInput } from './factories';

export function addOrder(store: Store, awb: string, type: OrderType = 'Delivered', phone = '+919876500001') {
  store.orders.upsertMany(
    [makeOrderInput({ awb, type, phoneE164: phone, phoneRaw: phone.slice(3) })],
    at('2026-01-01T09:00'),
  );
}

export function addSession(
  store: Store,
  start: string,
  trigger: 'scheduled' | 'manual' = 'scheduled',
): { id: number; start: string } {
  const id = store.sessions.start({
    startedAt: at(start),
    trigger,
    planned: 0,
    newCalls: 0,
    retryCalls: 0,
    skipped: emptySkipCounts(),
  });
  store.sessions.end(id, 'completed', at(start) + 60_000);
  return { id, start };
}

export interface HistoryCall {
  /** Local time (Asia/Kolkata) the call was started. */
  at: string;
  awbs: string[];
  kind?: 'new' | 'retry';
  phone?: string;
  /** How it ended; `unresolved` leaves it for the reconciler, `error` is a refused create. */
  result?: Partial<CallResult> | 'unresolved' | 'error';
  /** Actions its answer raised, and whether dispatch has done them. */
  actions?: { kind: ActionKind; done?: boolean }[];
}

const ENDED: CallResult = {
  state: 'ended',
  endedReason: 'customer-busy',
  outcome: 'busy',
  successful: false,
  endedAt: null,
  durationSeconds: 20,
  cost: 0.05,
  summary: 'Busy',
  structuredData: null,
  transcript: 'AI: Hello?',
  recordingUrl: null,
  providerJson: null,
  answer: null,
  callbackAt: null,
  noCallBefore: null,
  closesOrder: false,
  badNumber: false,
  talkSeconds: null,
};

export function addCall(store: Store, session: { id: number; start: string }, call: HistoryCall): number {
  const startedAt = at(call.at);
  const id = store.calls.insertPending({
    sessionId: session.id,
    sessionStartedAt: at(session.start),
    phoneE164: call.phone ?? '+919876500001',
    kind: call.kind ?? 'new',
    orders: call.awbs.map((awb) => ({ awb, attemptNumber: 1 })),
    startedAt,
    provider: 'sandbox',
  });
  if (call.result === 'unresolved') store.calls.markUnresolved(id, 'lost reply', startedAt + 60_000);
  else if (call.result === 'error') store.calls.markFailed(id, 'error', startedAt, 'HTTP 500');
  else store.calls.finish(id, { ...ENDED, endedAt: startedAt + 30_000, ...call.result });
  for (const action of call.actions ?? []) {
    const [actionId] = store.actions.raise(
      id,
      call.awbs.slice(0, 1),
      { kind: action.kind, date: null, time: null, address: null, landmark: null, notes: null },
      startedAt + 30_000,
    );
    if (action.done) store.actions.markDone(actionId!, startedAt + 3_600_000, 'done');
  }
  return id;
}

export const CONFIRMED: Partial<CallResult> = {
  outcome: 'answered',
  endedReason: 'customer-ended-call',
  successful: true,
  cost: 0.12,
  talkSeconds: 40,
  answer: {
    intent: 'confirmed',
    date: null,
    time: null,
    address: null,
    landmark: null,
    codReady: true,
    notes: null,
    source: 'structuredOutputs',
  },
};
