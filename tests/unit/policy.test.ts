/**
 * The calling policy, rule by rule: who a session dials, in what order, and why everyone else is left out.
 */
import { describe, expect, it } from 'vitest';
import { countsAsAttempt } from '../../src/main/domain/call';
import { ORDER_TYPES, type Order, type OrderType } from '../../src/main/domain/order';
import {
  SKIP_REASONS,
  cooldownEndsAt,
  planSession,
  summariseCalls,
  type PolicyCall,
  type SessionPlan,
  type SkippedOrder,
} from '../../src/main/domain/policy';
import type { CallingSettings } from '../../src/main/domain/settings';
import {
  at,
  indianPhone,
  makeCall,
  makeOrder,
  makeOrderWithInvalidPhone,
  makeSettings,
} from '../helpers/factories';

function plan(
  orders: Order[],
  calls: PolicyCall[],
  session: string,
  settings: Partial<CallingSettings> = {},
): SessionPlan {
  return planSession({
    orders,
    history: summariseCalls(calls),
    settings: makeSettings(settings),
    sessionStart: at(session),
  });
}

function skipOf(result: SessionPlan, awb: string): SkippedOrder | undefined {
  return result.skipped.find((skip) => skip.awb === awb);
}

function queuedAwbs(result: SessionPlan): string[][] {
  return result.queue.map((entry) => entry.orders.map((due) => due.order.awb));
}

const order = makeOrder();
const busyAt10 = makeCall({ session: '2026-11-24T10:00' });

describe('which order types are called', () => {
  it.each(['OFD', 'Undelivered'] as const)('calls an order whose type is %s', (type) => {
    const result = plan([makeOrder({ type })], [], '2026-11-24T10:00');
    expect(queuedAwbs(result)).toEqual([['AWB1000001']]);
    expect(result.skipped).toEqual([]);
  });

  const neverCalled = ORDER_TYPES.filter((type) => type !== 'OFD' && type !== 'Undelivered');

  it('treats exactly five types as never callable', () => {
    expect(neverCalled).toEqual(['In Transit', 'Ready to Dispatch', 'Delivered', 'RTO', 'Unknown']);
  });

  it.each(neverCalled)('never calls an order whose type is %s, and says so', (type: OrderType) => {
    const result = plan([makeOrder({ type })], [], '2026-11-24T10:00');
    expect(result.queue).toEqual([]);
    expect(result.skipped).toEqual([
      { awb: 'AWB1000001', reason: 'notCallable', detail: `not OFD/Undelivered (${type})` },
    ]);
  });

  it('drops an order from the queue when it turns Delivered between sessions', () => {
    expect(queuedAwbs(plan([order], [], '2026-11-24T10:00'))).toEqual([['AWB1000001']]);
    const later = plan(
      [makeOrder({ type: 'Delivered', rawStatus: 'Delivered' })],
      [busyAt10],
      '2026-11-24T12:00',
    );
    expect(later.queue).toEqual([]);
    expect(skipOf(later, 'AWB1000001')?.reason).toBe('notCallable');
  });

  it('adds an order to the queue as a new call when it turns from In Transit to OFD', () => {
    const before = plan([makeOrder({ type: 'In Transit' })], [], '2026-11-24T10:00');
    expect(before.queue).toEqual([]);
    expect(skipOf(before, 'AWB1000001')?.reason).toBe('notCallable');

    const after = plan([makeOrder({ type: 'OFD' })], [], '2026-11-24T11:00');
    expect(after.queue).toHaveLength(1);
    expect(after.queue[0]).toMatchObject({ kind: 'new', orders: [{ attemptNumber: 1 }] });
  });
});

describe('cooldown per phone number, measured from the start of the session that called', () => {
  it('keeps the number out until exactly 12:00 after a call in the 10:00 session', () => {
    const result = plan([order], [busyAt10], '2026-11-24T11:59:59');
    expect(result.queue).toEqual([]);
    expect(skipOf(result, 'AWB1000001')).toEqual({
      awb: 'AWB1000001',
      reason: 'cooldown',
      eligibleAt: at('2026-11-24T12:00'),
      detail: 'cooldown until 12:00',
    });
  });

  it('calls the number again at 12:00:00 sharp', () => {
    const result = plan([order], [busyAt10], '2026-11-24T12:00:00');
    expect(result.skipped).toEqual([]);
    expect(result.queue).toEqual([
      { phoneE164: '+919876500001', kind: 'retry', callback: false, orders: [{ order, attemptNumber: 2 }] },
    ]);
  });

  it('skips the 11:00 session after a 10:00 call', () => {
    const result = plan([order], [busyAt10], '2026-11-24T11:00');
    expect(skipOf(result, 'AWB1000001')).toMatchObject({
      reason: 'cooldown',
      detail: 'cooldown until 12:00',
    });
  });

  it('retries a 10:00 failure at 12:00 even when dialled at 10:07', () => {
    // The policy sees only the session start: the dial time (10:07) must not push the cooldown to 12:07.
    const dialledAt1007 = makeCall({ session: '2026-11-24T10:00' });
    expect(dialledAt1007.sessionStartedAt).toBe(at('2026-11-24T10:00'));
    const result = plan([order], [dialledAt1007], '2026-11-24T12:00');
    expect(queuedAwbs(result)).toEqual([['AWB1000001']]);
  });

  it('measures from the latest session that called the number', () => {
    const calls = [makeCall({ session: '2026-11-24T10:00' }), makeCall({ session: '2026-11-24T12:00' })];
    const result = plan([order], calls, '2026-11-24T13:00');
    expect(skipOf(result, 'AWB1000001')).toMatchObject({
      reason: 'cooldown',
      eligibleAt: at('2026-11-24T14:00'),
      detail: 'cooldown until 14:00',
    });
  });

  it('honours a shorter cooldown setting (60 minutes: the 11:00 session may retry a 10:00 call)', () => {
    const result = plan([order], [busyAt10], '2026-11-24T11:00', { cooldownMinutes: 60 });
    expect(queuedAwbs(result)).toEqual([['AWB1000001']]);
  });

  it('honours a longer cooldown setting (180 minutes: 12:00 is still too early, 13:00 is not)', () => {
    const at12 = plan([order], [busyAt10], '2026-11-24T12:00', { cooldownMinutes: 180 });
    expect(skipOf(at12, 'AWB1000001')).toMatchObject({ reason: 'cooldown', detail: 'cooldown until 13:00' });
    const at13 = plan([order], [busyAt10], '2026-11-24T13:00', { cooldownMinutes: 180 });
    expect(queuedAwbs(at13)).toEqual([['AWB1000001']]);
  });

  it('writes the cooldown end in the desk time zone', () => {
    const result = plan([order], [busyAt10], '2026-11-24T11:00', { timezone: 'Asia/Kolkata' });
    expect(skipOf(result, 'AWB1000001')?.detail).toBe('cooldown until 12:00');
    // The same instants read in UTC: 10:00 IST is 04:30Z, so the cooldown ends at 06:30Z.
    const inUtc = plan([order], [busyAt10], '2026-11-24T11:00', { timezone: 'UTC' });
    expect(skipOf(inUtc, 'AWB1000001')?.detail).toBe('cooldown until 06:30');
  });

  it('lets yesterday 13:00 call be retried at 10:00 today', () => {
    const yesterday = makeCall({ session: '2026-11-23T13:00' });
    const result = plan([order], [yesterday], '2026-11-24T10:00');
    expect(result.queue).toMatchObject([{ kind: 'retry', orders: [{ attemptNumber: 2 }] }]);
  });

  it('puts a new order on a number called within the cooldown on hold too', () => {
    // The cooldown belongs to the customer's phone, not to the order.
    const first = makeOrder({ awb: 'AWB1000001' });
    const second = makeOrder({ awb: 'AWB1000002', firstSeenAt: at('2026-11-24T10:30') });
    const result = plan([first, second], [busyAt10], '2026-11-24T11:00');
    expect(result.queue).toEqual([]);
    expect(skipOf(result, 'AWB1000002')).toMatchObject({
      reason: 'cooldown',
      detail: 'cooldown until 12:00',
    });
  });

  it('does not hold a different number because of another number\u2019s cooldown', () => {
    const other = makeOrder({ awb: 'AWB1000002', ...indianPhone(2) });
    const result = plan([order, other], [busyAt10], '2026-11-24T11:00');
    expect(queuedAwbs(result)).toEqual([['AWB1000002']]);
    expect(skipOf(result, 'AWB1000001')?.reason).toBe('cooldown');
  });

  it('cooldownEndsAt adds the cooldown to the session start', () => {
    expect(cooldownEndsAt(at('2026-11-24T10:00'), 120)).toBe(at('2026-11-24T12:00'));
    expect(cooldownEndsAt(at('2026-11-24T10:00'), 0)).toBe(at('2026-11-24T10:00'));
  });

  it('with a zero cooldown the next session may call again', () => {
    const result = plan([order], [busyAt10], '2026-11-24T10:00', { cooldownMinutes: 0 });
    expect(queuedAwbs(result)).toEqual([['AWB1000001']]);
  });
});

describe('at most maxAttempts calls per order, counted across days', () => {
  it('stops after two calls yesterday and one today', () => {
    const calls = [
      makeCall({ session: '2026-11-23T10:00' }),
      makeCall({ session: '2026-11-23T12:00' }),
      makeCall({ session: '2026-11-24T10:00' }),
    ];
    const result = plan([order], calls, '2026-11-24T13:00');
    expect(result.queue).toEqual([]);
    expect(skipOf(result, 'AWB1000001')).toEqual({
      awb: 'AWB1000001',
      reason: 'maxAttempts',
      detail: 'max attempts (3 of 3)',
    });
  });

  it('queues the third attempt, and then it is the last', () => {
    const two = [makeCall({ session: '2026-11-24T10:00' }), makeCall({ session: '2026-11-24T12:00' })];
    const third = plan([order], two, '2026-11-24T14:00');
    expect(third.queue).toEqual([
      { phoneE164: '+919876500001', kind: 'retry', callback: false, orders: [{ order, attemptNumber: 3 }] },
    ]);

    const afterThird = [...two, makeCall({ session: '2026-11-24T14:00' })];
    const fourth = plan([order], afterThird, '2026-11-25T10:00');
    expect(fourth.queue).toEqual([]);
    expect(skipOf(fourth, 'AWB1000001')).toMatchObject({
      reason: 'maxAttempts',
      detail: 'max attempts (3 of 3)',
    });
  });

  it('never calls a fourth time, however many days later', () => {
    const three = [
      makeCall({ session: '2026-11-20T10:00' }),
      makeCall({ session: '2026-11-21T10:00' }),
      makeCall({ session: '2026-11-22T10:00' }),
    ];
    expect(plan([order], three, '2026-12-24T10:00').skipCounts.maxAttempts).toBe(1);
  });

  it('honours a lower maxAttempts setting', () => {
    const two = [makeCall({ session: '2026-11-24T10:00' }), makeCall({ session: '2026-11-24T12:00' })];
    const result = plan([order], two, '2026-11-25T10:00', { maxAttempts: 2 });
    expect(skipOf(result, 'AWB1000001')).toMatchObject({
      reason: 'maxAttempts',
      detail: 'max attempts (2 of 2)',
    });
  });

  it('honours a higher maxAttempts setting', () => {
    const three = [
      makeCall({ session: '2026-11-24T10:00' }),
      makeCall({ session: '2026-11-24T12:00' }),
      makeCall({ session: '2026-11-24T14:00' }),
    ];
    const result = plan([order], three, '2026-11-25T10:00', { maxAttempts: 4 });
    expect(result.queue).toMatchObject([{ orders: [{ attemptNumber: 4 }] }]);
  });

  it('counts only calls that covered the order', () => {
    const otherOrdersCall = makeCall({ session: '2026-11-23T10:00', awbs: ['AWB9999999'] });
    const result = plan([order], [otherOrdersCall, otherOrdersCall, otherOrdersCall], '2026-11-24T10:00');
    // Yesterday's calls to the same number were for another parcel: they are not this order's attempts.
    expect(result.queue).toMatchObject([{ kind: 'new', orders: [{ attemptNumber: 1 }] }]);
  });
});

describe('an order with a successful call is not called again', () => {
  const success = makeCall({ session: '2026-11-24T10:00', outcome: 'answered', successful: true });

  it('is skipped as successful even days later while its type is still OFD', () => {
    const result = plan([order], [success], '2026-11-27T13:00');
    expect(result.queue).toEqual([]);
    expect(skipOf(result, 'AWB1000001')).toEqual({
      awb: 'AWB1000001',
      reason: 'successful',
      detail: 'already successful',
    });
  });

  it('stays successful after a failed call before it', () => {
    const laterSuccess = makeCall({ session: '2026-11-24T12:00', outcome: 'answered', successful: true });
    const result = plan([order], [busyAt10, laterSuccess], '2026-11-25T10:00');
    expect(skipOf(result, 'AWB1000001')?.reason).toBe('successful');
  });

  it('an answered call judged unsuccessful is an ordinary attempt', () => {
    const unsuccessful = makeCall({ session: '2026-11-24T10:00', outcome: 'answered', successful: false });
    const result = plan([order], [unsuccessful], '2026-11-24T12:00');
    expect(result.queue).toMatchObject([{ kind: 'retry', orders: [{ attemptNumber: 2 }] }]);
  });
});

describe('invalid phone numbers', () => {
  it('skips an order without a dialable number and names the problem', () => {
    const result = plan([makeOrderWithInvalidPhone()], [], '2026-11-24T10:00');
    expect(result.queue).toEqual([]);
    expect(result.skipped).toEqual([
      { awb: 'AWB1000001', reason: 'invalidPhone', detail: 'invalid phone: too short (5 digits)' },
    ]);
  });

  it('still says something when the problem was not recorded', () => {
    const result = plan([makeOrderWithInvalidPhone({ phoneProblem: null })], [], '2026-11-24T10:00');
    expect(skipOf(result, 'AWB1000001')?.detail).toBe('invalid phone: unknown');
  });
});

describe('orders sharing a phone number are covered by one call', () => {
  const older = makeOrder({ awb: 'AWB1000002', firstSeenAt: at('2026-11-24T08:00') });
  const newer = makeOrder({ awb: 'AWB1000001', firstSeenAt: at('2026-11-24T09:00') });

  it('makes one queue entry covering both, oldest order first', () => {
    const result = plan([newer, older], [], '2026-11-24T10:00');
    expect(result.queue).toHaveLength(1);
    expect(result.queue[0]).toMatchObject({ phoneE164: '+919876500001', kind: 'new' });
    expect(queuedAwbs(result)).toEqual([['AWB1000002', 'AWB1000001']]);
  });

  it('keeps each order\u2019s own attempt number', () => {
    // AWB1000002 was called once before; AWB1000001 arrived later and has never been called.
    const earlier = makeCall({ session: '2026-11-23T10:00', awbs: ['AWB1000002'] });
    const result = plan([newer, older], [earlier], '2026-11-24T10:00');
    expect(result.queue).toHaveLength(1);
    const attempts = Object.fromEntries(
      result.queue[0]!.orders.map((due) => [due.order.awb, due.attemptNumber]),
    );
    expect(attempts).toEqual({ AWB1000002: 2, AWB1000001: 1 });
    expect(result.queue[0]!.kind).toBe('new');
  });

  it('is a retry when every covered order has been called before', () => {
    const both = makeCall({ session: '2026-11-23T10:00', awbs: ['AWB1000001', 'AWB1000002'] });
    const result = plan([newer, older], [both], '2026-11-24T10:00');
    expect(result.queue).toMatchObject([
      { kind: 'retry', orders: [{ attemptNumber: 2 }, { attemptNumber: 2 }] },
    ]);
  });

  it('shares one cooldown: a call covering both holds both', () => {
    const both = makeCall({ session: '2026-11-24T10:00', awbs: ['AWB1000001', 'AWB1000002'] });
    const result = plan([newer, older], [both], '2026-11-24T11:00');
    expect(result.queue).toEqual([]);
    expect(result.skipped.map((skip) => [skip.awb, skip.reason, skip.detail])).toEqual([
      ['AWB1000001', 'cooldown', 'cooldown until 12:00'],
      ['AWB1000002', 'cooldown', 'cooldown until 12:00'],
    ]);
  });

  it('leaves out only the successful order and calls the other when the cooldown is over', () => {
    const successForOne = makeCall({
      session: '2026-11-24T10:00',
      awbs: ['AWB1000002'],
      outcome: 'answered',
      successful: true,
    });
    const result = plan([newer, older], [successForOne], '2026-11-24T12:00');
    expect(queuedAwbs(result)).toEqual([['AWB1000001']]);
    expect(skipOf(result, 'AWB1000002')?.reason).toBe('successful');
  });
});

describe('queue order: new orders before retries, oldest first', () => {
  it('puts every new number before every retry, each group oldest first', () => {
    const retryOld = makeOrder({ awb: 'AWB0000001', ...indianPhone(1), firstSeenAt: at('2026-11-22T09:00') });
    const retryYoung = makeOrder({
      awb: 'AWB0000002',
      ...indianPhone(2),
      firstSeenAt: at('2026-11-23T09:00'),
    });
    const newOld = makeOrder({ awb: 'AWB0000003', ...indianPhone(3), firstSeenAt: at('2026-11-24T08:00') });
    const newYoung = makeOrder({ awb: 'AWB0000004', ...indianPhone(4), firstSeenAt: at('2026-11-24T09:30') });
    const calls = [
      makeCall({ session: '2026-11-23T10:00', awbs: ['AWB0000001'], ...indianPhone(1) }),
      makeCall({ session: '2026-11-23T10:00', awbs: ['AWB0000002'], ...indianPhone(2) }),
    ];
    const result = plan([retryYoung, newYoung, retryOld, newOld], calls, '2026-11-24T10:00');
    expect(result.queue.map((entry) => [entry.orders[0]!.order.awb, entry.kind])).toEqual([
      ['AWB0000003', 'new'],
      ['AWB0000004', 'new'],
      ['AWB0000001', 'retry'],
      ['AWB0000002', 'retry'],
    ]);
  });

  it('breaks ties in age by AWB, whatever order the orders arrive in', () => {
    const sameTime = at('2026-11-24T09:00');
    const b = makeOrder({ awb: 'AWB0000002', ...indianPhone(2), firstSeenAt: sameTime });
    const a = makeOrder({ awb: 'AWB0000001', ...indianPhone(1), firstSeenAt: sameTime });
    expect(queuedAwbs(plan([b, a], [], '2026-11-24T10:00'))).toEqual([['AWB0000001'], ['AWB0000002']]);
    expect(queuedAwbs(plan([a, b], [], '2026-11-24T10:00'))).toEqual([['AWB0000001'], ['AWB0000002']]);
  });
});

describe('skip precedence: notCallable, successful, maxAttempts, invalidPhone, cooldown', () => {
  it('lists the reasons in that order', () => {
    expect(SKIP_REASONS).toEqual([
      'notCallable',
      'successful',
      'stopped',
      'maxAttempts',
      'invalidPhone',
      'rescheduled',
      'cooldown',
      'unresolved',
    ]);
  });

  const success = makeCall({ session: '2026-11-24T10:00', outcome: 'answered', successful: true });
  const threeFailures = [
    makeCall({ session: '2026-11-23T10:00' }),
    makeCall({ session: '2026-11-23T12:00' }),
    makeCall({ session: '2026-11-24T10:00' }),
  ];

  it('notCallable beats successful', () => {
    const result = plan([makeOrder({ type: 'Delivered' })], [success], '2026-11-24T11:00');
    expect(skipOf(result, 'AWB1000001')?.reason).toBe('notCallable');
  });

  it('successful beats maxAttempts and cooldown', () => {
    const calls = [...threeFailures.slice(0, 2), success];
    const result = plan([order], calls, '2026-11-24T11:00');
    expect(skipOf(result, 'AWB1000001')?.reason).toBe('successful');
  });

  it('maxAttempts beats invalidPhone', () => {
    // Three calls to the old number, then the source sent a number that cannot be dialled.
    const result = plan([makeOrderWithInvalidPhone()], threeFailures, '2026-11-25T10:00');
    expect(skipOf(result, 'AWB1000001')?.reason).toBe('maxAttempts');
  });

  it('maxAttempts beats cooldown', () => {
    const result = plan([order], threeFailures, '2026-11-24T11:00');
    expect(skipOf(result, 'AWB1000001')).toEqual({
      awb: 'AWB1000001',
      reason: 'maxAttempts',
      detail: 'max attempts (3 of 3)',
    });
  });

  it('notCallable beats everything at once', () => {
    const result = plan(
      [makeOrderWithInvalidPhone({ type: 'RTO' })],
      [...threeFailures, success],
      '2026-11-24T11:00',
    );
    expect(result.skipped).toEqual([
      { awb: 'AWB1000001', reason: 'notCallable', detail: 'not OFD/Undelivered (RTO)' },
    ]);
  });

  it('gives every skipped order exactly one reason', () => {
    const orders = [
      makeOrder({ awb: 'AWB1', type: 'Delivered', ...indianPhone(1) }),
      makeOrder({ awb: 'AWB2', ...indianPhone(2) }),
      makeOrder({ awb: 'AWB3', ...indianPhone(3) }),
      makeOrderWithInvalidPhone({ awb: 'AWB4' }),
      makeOrder({ awb: 'AWB5', ...indianPhone(5) }),
      makeOrder({ awb: 'AWB6', ...indianPhone(6) }),
    ];
    const calls = [
      makeCall({ awbs: ['AWB1'], ...indianPhone(1) }),
      makeCall({ awbs: ['AWB2'], ...indianPhone(2), outcome: 'answered', successful: true }),
      makeCall({ session: '2026-11-23T10:00', awbs: ['AWB3'], ...indianPhone(3) }),
      makeCall({ session: '2026-11-23T12:00', awbs: ['AWB3'], ...indianPhone(3) }),
      makeCall({ session: '2026-11-24T10:00', awbs: ['AWB3'], ...indianPhone(3) }),
      makeCall({ awbs: ['AWB5'], ...indianPhone(5) }),
    ];
    const result = plan(orders, calls, '2026-11-24T11:00');
    expect(result.skipped.map((skip) => [skip.awb, skip.reason])).toEqual([
      ['AWB1', 'notCallable'],
      ['AWB2', 'successful'],
      ['AWB3', 'maxAttempts'],
      ['AWB4', 'invalidPhone'],
      ['AWB5', 'cooldown'],
    ]);
    expect(result.skipCounts).toEqual({
      notCallable: 1,
      successful: 1,
      maxAttempts: 1,
      invalidPhone: 1,
      cooldown: 1,
      unresolved: 0,
      stopped: 0,
      rescheduled: 0,
    });
    expect(Object.values(result.skipCounts).reduce((sum, n) => sum + n, 0)).toBe(result.skipped.length);
    expect(queuedAwbs(result)).toEqual([['AWB6']]);
    for (const skip of result.skipped) expect(skip.detail.length).toBeGreaterThan(0);
  });

  it('skipCounts add up to the skipped list on a larger mix', () => {
    const orders = ORDER_TYPES.flatMap((type, i) => [
      makeOrder({ awb: `AWB${i}A`, type, ...indianPhone(i) }),
      makeOrderWithInvalidPhone({ awb: `AWB${i}B`, type }),
    ]);
    const calls = [makeCall({ awbs: ['AWB0A'], ...indianPhone(0) })];
    const result = plan(orders, calls, '2026-11-24T11:00');
    const total = Object.values(result.skipCounts).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(result.skipped.length);
    expect(total + result.queue.reduce((sum, entry) => sum + entry.orders.length, 0)).toBe(orders.length);
    expect(result.skipCounts).toEqual({
      notCallable: 10,
      successful: 0,
      maxAttempts: 0,
      invalidPhone: 2,
      cooldown: 1,
      unresolved: 0,
      stopped: 0,
      rescheduled: 0,
    });
  });
});

describe('orders the engine only counts', () => {
  it('counts the orders it was not given as not callable, listing none of them', () => {
    const result = planSession({
      orders: [order],
      notCallableCount: 99_000,
      history: summariseCalls([]),
      settings: makeSettings(),
      sessionStart: at('2026-11-24T10:00'),
    });
    expect(queuedAwbs(result)).toEqual([['AWB1000001']]);
    expect(result.skipped).toEqual([]);
    expect(result.skipCounts.notCallable).toBe(99_000);
  });

  it('plans from summaries alone: what the calls say of the order and of its number', () => {
    const result = planSession({
      orders: [order, makeOrder({ awb: 'AWB2', ...indianPhone(2) })],
      history: {
        orders: new Map([['AWB2', { attempts: 2, successful: false, closedBy: null, noCallBefore: null }]]),
        phones: new Map([
          [
            order.phoneE164!,
            { lastSession: at('2026-11-24T10:00'), callbackAt: null, unresolved: false, badNumber: false },
          ],
        ]),
      },
      settings: makeSettings(),
      sessionStart: at('2026-11-24T11:00'),
    });
    expect(skipOf(result, 'AWB1000001')).toMatchObject({
      reason: 'cooldown',
      detail: 'cooldown until 12:00',
    });
    expect(result.queue).toMatchObject([{ kind: 'retry', orders: [{ attemptNumber: 3 }] }]);
  });
});

describe('a call whose fate is unknown ("may have rung")', () => {
  const unresolvedAt10 = makeCall({ session: '2026-11-24T10:00', outcome: null, state: 'unresolved' });

  it('blocks the number for the cooldown like any call', () => {
    expect(skipOf(plan([order], [unresolvedAt10], '2026-11-24T11:59'), order.awb)).toMatchObject({
      reason: 'cooldown',
      eligibleAt: at('2026-11-24T12:00'),
    });
  });

  it('keeps blocking the number after the cooldown until VAPI says how it went', () => {
    const result = plan([order], [unresolvedAt10], '2026-11-24T12:00');
    expect(result.queue).toEqual([]);
    expect(skipOf(result, order.awb)).toMatchObject({
      reason: 'unresolved',
      detail: 'waiting for VAPI to confirm how the last call went',
    });
    expect(result.skipCounts.unresolved).toBe(1);
  });

  it('counts as an attempt and is never a success', () => {
    const history = [makeCall({ session: '2026-11-23T10:00' }), unresolvedAt10];
    const later = makeCall({ session: '2026-11-24T10:00', outcome: 'busy' });
    // Once settled as busy, it is the second attempt; the order is called a third time, no more.
    expect(plan([order], [history[0]!, later], '2026-11-24T12:00').queue[0]?.orders[0]?.attemptNumber).toBe(
      3,
    );
    expect(skipOf(plan([order], history, '2026-11-24T12:00'), order.awb)?.reason).toBe('unresolved');
  });

  it('blocks every order on the number, and a still-pending call blocks as well', () => {
    const second = makeOrder({ awb: 'AWB2000002' });
    const pending = makeCall({ session: '2026-11-24T10:00', outcome: null, state: 'pending' });
    const result = plan([order, second], [pending], '2026-11-24T13:00');
    expect(result.skipped.map((skip) => [skip.awb, skip.reason])).toEqual([
      [order.awb, 'unresolved'],
      ['AWB2000002', 'unresolved'],
    ]);
  });

  it('gives way to the reasons before it: an order already successful stays "successful"', () => {
    const success = makeCall({ session: '2026-11-23T10:00', outcome: 'answered', successful: true });
    expect(skipOf(plan([order], [success, unresolvedAt10], '2026-11-24T13:00'), order.awb)?.reason).toBe(
      'successful',
    );
  });
});

describe('what the customer said', () => {
  it('a cancelled or wrong-number order is never called again, whatever its attempts', () => {
    const cancelled = makeCall({
      session: '2026-11-24T10:00',
      outcome: 'answered',
      intent: 'cancel',
      closesOrder: true,
    });
    expect(skipOf(plan([order], [cancelled], '2026-11-25T10:00'), order.awb)).toMatchObject({
      reason: 'stopped',
      detail: 'not called again: the customer cancelled',
    });
    const wrong = { ...cancelled, intent: 'wrong-number' as const };
    expect(skipOf(plan([order], [wrong], '2026-11-25T10:00'), order.awb)?.detail).toBe(
      'not called again: wrong number',
    );
  });

  it('a rescheduled order waits for the day asked, past the cooldown', () => {
    const rescheduled = makeCall({
      session: '2026-11-24T10:00',
      outcome: 'answered',
      intent: 'reschedule',
      noCallBefore: at('2026-11-26T10:00'),
    });
    expect(skipOf(plan([order], [rescheduled], '2026-11-25T12:00'), order.awb)).toMatchObject({
      reason: 'rescheduled',
      eligibleAt: at('2026-11-26T10:00'),
    });
    expect(plan([order], [rescheduled], '2026-11-26T10:00').queue).toHaveLength(1);
  });

  it('a callback replaces the cooldown: due at the time asked, even sooner, and marked as a callback', () => {
    const callback = makeCall({
      session: '2026-11-24T10:00',
      outcome: 'answered',
      intent: 'callback',
      callbackAt: at('2026-11-24T11:30'),
    });
    expect(skipOf(plan([order], [callback], '2026-11-24T11:00'), order.awb)).toMatchObject({
      reason: 'cooldown',
      detail: 'callback asked for 11:30',
    });
    const due = plan([order], [callback], '2026-11-24T11:30');
    expect(due.queue).toEqual([
      { phoneE164: order.phoneE164, kind: 'retry', callback: true, orders: [{ order, attemptNumber: 2 }] },
    ]);
  });

  it('a callback asked for later than the cooldown waits for the time asked', () => {
    const callback = makeCall({
      session: '2026-11-24T10:00',
      intent: 'callback',
      callbackAt: at('2026-11-24T16:00'),
    });
    expect(skipOf(plan([order], [callback], '2026-11-24T12:00'), order.awb)?.detail).toBe(
      'callback asked for 16:00',
    );
  });

  it('a callback session dials only the customers whose time has come', () => {
    const other = makeOrder({ awb: 'AWB2000002', ...indianPhone(2) });
    const callback = makeCall({
      session: '2026-11-24T10:00',
      intent: 'callback',
      callbackAt: at('2026-11-24T11:30'),
    });
    const result = planSession({
      orders: [order, other],
      history: summariseCalls([callback]),
      settings: makeSettings(),
      sessionStart: at('2026-11-24T11:30'),
      onlyCallbacks: true,
    });
    expect(queuedAwbs(result)).toEqual([[order.awb]]);
  });

  it('a number VAPI could not dial is skipped as an invalid phone until the order’s phone changes', () => {
    const misdialled = makeCall({ session: '2026-11-24T10:00', outcome: 'failed', badNumber: true });
    expect(skipOf(plan([order], [misdialled], '2026-11-25T10:00'), order.awb)).toMatchObject({
      reason: 'invalidPhone',
      detail: 'VAPI could not dial this number: fix the phone in the order source',
    });
    const fixed = makeOrder({ ...indianPhone(7) });
    expect(plan([fixed], [misdialled], '2026-11-25T10:00').queue).toHaveLength(1);
  });

  it('a call cancelled at VAPI before it reached anyone is not an attempt and blocks nothing', () => {
    const cancelledAtVapi = makeCall({ session: '2026-11-24T10:00', outcome: 'canceled' });
    expect(countsAsAttempt(cancelledAtVapi)).toBe(false);
    expect(plan([order], [cancelledAtVapi], '2026-11-24T10:30').queue[0]?.orders[0]?.attemptNumber).toBe(1);
  });
});

describe('which calls count as attempts', () => {
  it('does not count an error (no call existed) as an attempt or a cooldown', () => {
    const error = makeCall({ session: '2026-11-24T10:00', outcome: 'error' });
    expect(countsAsAttempt(error)).toBe(false);
    const result = plan([order], [error, error, error], '2026-11-24T11:00');
    expect(result.skipped).toEqual([]);
    expect(result.queue).toMatchObject([{ kind: 'new', orders: [{ attemptNumber: 1 }] }]);
  });

  it('counts a pending call (no outcome yet, e.g. after a crash) as an attempt that starts the cooldown', () => {
    const pending = makeCall({ session: '2026-11-24T10:00', outcome: null });
    expect(countsAsAttempt(pending)).toBe(true);
    const during = plan([order], [pending], '2026-11-24T11:00');
    expect(skipOf(during, 'AWB1000001')).toMatchObject({
      reason: 'cooldown',
      detail: 'cooldown until 12:00',
    });
    const after = plan([order], [pending], '2026-11-24T12:00');
    expect(after.queue).toMatchObject([{ kind: 'retry', orders: [{ attemptNumber: 2 }] }]);
  });

  it('counts an interrupted call as an attempt that starts the cooldown, never as a success', () => {
    const interrupted = makeCall({ session: '2026-11-24T10:00', outcome: 'interrupted' });
    expect(countsAsAttempt(interrupted)).toBe(true);
    expect(skipOf(plan([order], [interrupted], '2026-11-24T11:00'), 'AWB1000001')?.reason).toBe('cooldown');
    expect(plan([order], [interrupted], '2026-11-24T12:00').queue).toMatchObject([
      { orders: [{ attemptNumber: 2 }] },
    ]);
  });

  it.each(['answered', 'busy', 'no-answer', 'voicemail', 'failed'] as const)(
    'counts a %s call as an attempt',
    (outcome) => {
      expect(countsAsAttempt({ outcome })).toBe(true);
      const calls = [1, 2, 3].map((day) => makeCall({ session: `2026-11-2${day}T10:00`, outcome }));
      expect(skipOf(plan([order], calls, '2026-11-25T10:00'), 'AWB1000001')?.reason).toBe('maxAttempts');
    },
  );

  it('counts errors out of the attempt total: two failures and an error leave one attempt', () => {
    const calls = [
      makeCall({ session: '2026-11-23T10:00' }),
      makeCall({ session: '2026-11-23T12:00', outcome: 'error' }),
      makeCall({ session: '2026-11-24T10:00' }),
    ];
    const result = plan([order], calls, '2026-11-24T12:00');
    expect(result.queue).toMatchObject([{ orders: [{ attemptNumber: 3 }] }]);
  });

  it('a later error does not move the cooldown of an earlier real call', () => {
    const calls = [
      makeCall({ session: '2026-11-24T10:00' }),
      makeCall({ session: '2026-11-24T11:00', outcome: 'error' }),
    ];
    expect(plan([order], calls, '2026-11-24T12:00').queue).toHaveLength(1);
  });
});

describe('the plan itself', () => {
  it('echoes the session start and is empty for no orders', () => {
    const result = plan([], [busyAt10], '2026-11-24T10:00');
    expect(result).toEqual({
      sessionStart: at('2026-11-24T10:00'),
      queue: [],
      skipped: [],
      skipCounts: {
        notCallable: 0,
        successful: 0,
        maxAttempts: 0,
        invalidPhone: 0,
        cooldown: 0,
        unresolved: 0,
        stopped: 0,
        rescheduled: 0,
      },
    });
  });
});
