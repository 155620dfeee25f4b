/**
 * The forecast of the rest of today, rule by rule: each remaining session planned against the history as it
 * will be, who is left for another day and why, and what a run now would call.
 */
import { describe, expect, it } from 'vitest';
import {
  dueNow,
  forecastDay,
  historyAsItWillBe,
  whenWords,
  type ForecastInput,
} from '../../src/main/domain/forecast';
import type { Order } from '../../src/main/domain/order';
import type { PolicyCall } from '../../src/main/domain/policy';
import type { CallingSettings } from '../../src/main/domain/settings';
import { at, indianPhone, makeCall, makeOrder, makeSettings } from '../helpers/factories';

/** Order n on phone n. */
function order(n: number, overrides: Partial<Order> = {}): Order {
  return makeOrder({ awb: `AWB${1000 + n}`, customer: `Customer ${n}`, ...indianPhone(n), ...overrides });
}

/** A call to order n's phone by the session that started at `session`. */
function callTo(n: number, session: string, overrides: Partial<PolicyCall> = {}): PolicyCall {
  return makeCall({ session, phoneE164: indianPhone(n).phoneE164, awbs: [`AWB${1000 + n}`], ...overrides });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

function forecast(
  now: string,
  orders: Order[],
  calls: PolicyCall[],
  overrides: Partial<Omit<ForecastInput, 'now' | 'orders' | 'calls' | 'settings'>> & {
    settings?: Partial<CallingSettings>;
  } = {},
) {
  const { settings, ...rest } = overrides;
  return forecastDay({
    orders,
    calls,
    settings: makeSettings(settings),
    now: at(now),
    schedulerRunning: true,
    running: null,
    ...rest,
  });
}

describe('sessions still ahead today', () => {
  it('plans each remaining slot: 30 failed at 10:00 are 12:00 retries, 11:00 and 13:00 call nobody', () => {
    const orders = range(1, 100).map((n) => order(n));
    const calls = range(1, 100).map((n) =>
      callTo(n, '2026-11-24T10:00', n <= 70 ? { outcome: 'answered', successful: true } : {}),
    );
    const result = forecast('2026-11-24T10:30', orders, calls);
    expect(result.sessions.map((s) => [s.trigger, s.calls, s.newCalls, s.retryCalls])).toEqual([
      ['scheduled', 0, 0, 0],
      ['scheduled', 30, 0, 30],
      ['scheduled', 0, 0, 0],
    ]);
    // They are retried at 12:00: not "not called again today", whatever that retry brings.
    expect(result.notToday).toEqual([]);
    expect(result.sessions.map((s) => s.at)).toEqual([
      at('2026-11-24T11:00'),
      at('2026-11-24T12:00'),
      at('2026-11-24T13:00'),
    ]);
  });

  it('assumes a number called by an earlier remaining slot was called then: its cooldown runs from that slot', () => {
    // A new order at 10:30 is called at 11:00 (new), so it is not due again at 12:00, only at 13:00.
    const result = forecast('2026-11-24T10:30', [order(1, { firstSeenAt: at('2026-11-24T10:30') })], []);
    expect(result.sessions.map((s) => [s.calls, s.newCalls, s.retryCalls])).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [1, 0, 1],
    ]);
  });

  it('stops counting an order once the assumed calls reach max attempts', () => {
    const calls = [callTo(1, '2026-11-23T10:00'), callTo(1, '2026-11-24T10:00')];
    const result = forecast('2026-11-24T10:30', [order(1)], calls, { settings: { maxAttempts: 3 } });
    expect(result.sessions.map((s) => s.calls)).toEqual([0, 1, 0]);
    // Its third call is at 12:00; after that it is done for good, not "not today".
    expect(result.notToday).toEqual([]);
  });

  it('adds a callback session at the time the customer asked, and never reports it as "not today"', () => {
    const calls = [
      callTo(1, '2026-11-24T10:00', { outcome: 'answered', callbackAt: at('2026-11-24T15:00') }),
    ];
    const result = forecast('2026-11-24T10:30', [order(1)], calls);
    expect(result.sessions.map((s) => [s.trigger, s.calls])).toEqual([
      ['scheduled', 0],
      ['scheduled', 0],
      ['scheduled', 0],
      ['callback', 1],
    ]);
    expect(result.sessions.at(-1)!.at).toBe(at('2026-11-24T15:00'));
  });

  it('plans nothing while the scheduler is stopped, and says so for everyone due', () => {
    const result = forecast('2026-11-24T10:30', [order(1)], [], { schedulerRunning: false });
    expect(result.sessions).toEqual([]);
    expect(result.notToday).toEqual([
      expect.objectContaining({
        reason: 'scheduler-stopped',
        count: 1,
        detail: '1 is due now, but the scheduler is stopped: start it or run now',
      }),
    ]);
  });
});

describe('who is not called again today, and why', () => {
  it('says 26 cool down until 14:00, after the last session (13:00), and how to reach them', () => {
    const orders = range(1, 26).map((n) => order(n));
    const calls = range(1, 26).map((n) => callTo(n, '2026-11-24T12:00'));
    const result = forecast('2026-11-24T12:20', orders, calls);
    expect(result.sessions.map((s) => s.calls)).toEqual([0]);
    expect(result.notToday).toEqual([
      {
        reason: 'after-last-session',
        count: 26,
        awbs: range(1, 26).map((n) => `AWB${1000 + n}`),
        eligibleAt: at('2026-11-24T14:00'),
        nextSessionAt: at('2026-11-25T10:00'),
        detail:
          '26 cool down until 14:00, after the last session: add a 14:00 session or run now after 14:00',
      },
    ]);
  });

  it('says when a cooldown past working hours can next be called: tomorrow 10:00, not 18:00', () => {
    const settings = { slots: ['10:00', '12:00', '14:00', '16:00'] };
    const result = forecast('2026-11-24T16:10', [order(1)], [callTo(1, '2026-11-24T16:00')], { settings });
    expect(result.notToday).toEqual([
      expect.objectContaining({
        reason: 'after-hours',
        eligibleAt: at('2026-11-24T18:00'),
        nextSessionAt: at('2026-11-25T10:00'),
        detail: '1 cools down until 18:00, outside working hours: next called tomorrow 10:00',
      }),
    ]);
  });

  it('says who is due now when no session is left today: run now', () => {
    const result = forecast('2026-11-24T13:30', [order(1, { firstSeenAt: at('2026-11-24T13:10') })], []);
    expect(result.sessions).toEqual([]);
    expect(result.notToday).toEqual([
      expect.objectContaining({
        reason: 'due-no-session',
        detail: '1 is due now, but no session is left today: run now',
      }),
    ]);
  });

  it('keeps numbers whose last call VAPI has not settled apart: never dialled before it does', () => {
    const calls = [callTo(1, '2026-11-24T08:00', { outcome: null, state: 'unresolved' })];
    const result = forecast('2026-11-24T10:30', [order(1)], calls);
    expect(result.sessions.map((s) => s.calls)).toEqual([0, 0, 0]);
    expect(result.notToday).toEqual([expect.objectContaining({ reason: 'unresolved', count: 1 })]);
  });

  it('names the day a customer asked for', () => {
    const calls = [
      callTo(1, '2026-11-24T10:00', { outcome: 'answered', noCallBefore: at('2026-11-26T00:00') }),
    ];
    const result = forecast('2026-11-24T10:30', [order(1)], calls);
    expect(result.notToday).toEqual([
      expect.objectContaining({
        reason: 'rescheduled',
        nextSessionAt: at('2026-11-26T10:00'),
        detail: '1 asked to be called another day: next called Thu 26 Nov 10:00',
      }),
    ]);
  });
});

describe('the session dialling now', () => {
  const running = {
    startedAt: at('2026-11-24T10:00'),
    waiting: [{ phoneE164: indianPhone(2).phoneE164, awbs: ['AWB1002'] }],
  };
  const onTheLine = callTo(1, '2026-11-24T10:00', { outcome: null, state: 'ringing' });

  it('counts its waiting numbers and its calls on the line as made at its start, ending without success', () => {
    const history = historyAsItWillBe([onTheLine], running);
    expect(history).toEqual([
      expect.objectContaining({ phoneE164: indianPhone(1).phoneE164, state: 'ended', outcome: 'no-answer' }),
      expect.objectContaining({
        phoneE164: indianPhone(2).phoneE164,
        sessionStartedAt: at('2026-11-24T10:00'),
      }),
    ]);
  });

  it('does not list its numbers as the next session’s: they come back as 12:00 retries', () => {
    const result = forecast('2026-11-24T10:05', [order(1), order(2)], [onTheLine], { running });
    expect(result.sessions.map((s) => [s.calls, s.retryCalls])).toEqual([
      [0, 0],
      [2, 2],
      [0, 0],
    ]);
    expect(result.dueNow).toBe(0);
  });
});

describe('run now', () => {
  it('says how many numbers are due now, and when the next is due when none is', () => {
    const settings = makeSettings();
    const due = dueNow({
      orders: [order(1), order(2)],
      calls: [callTo(2, '2026-11-24T10:00')],
      settings,
      now: at('2026-11-24T10:30'),
      running: null,
    });
    expect(due).toEqual({ numbers: 1, nextDueAt: at('2026-11-24T12:00') });
    const none = dueNow({
      orders: [order(2)],
      calls: [callTo(2, '2026-11-24T10:00')],
      settings,
      now: at('2026-11-24T10:30'),
      running: null,
    });
    expect(none).toEqual({ numbers: 0, nextDueAt: at('2026-11-24T12:00') });
  });
});

describe('times in words', () => {
  it('reads today as HH:MM, the next day as tomorrow, later days by name', () => {
    const now = at('2026-11-24T16:10');
    expect(whenWords(at('2026-11-24T18:00'), now, 'Asia/Kolkata')).toBe('18:00');
    expect(whenWords(at('2026-11-25T10:00'), now, 'Asia/Kolkata')).toBe('tomorrow 10:00');
    expect(whenWords(at('2026-11-27T10:00'), now, 'Asia/Kolkata')).toBe('Fri 27 Nov 10:00');
  });
});
