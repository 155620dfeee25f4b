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
import { summariseCalls, type PolicyCall } from '../../src/main/domain/policy';
import type { CallingSettings } from '../../src/main/domain/settings';
import { at, indianPhone, makeCall, makeOrder, makeSettings } from '../helpers/factories';
import { fromCalls, type RunningAsPlanned } from '../helpers/forecast-input';

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
  overrides: Partial<Omit<ForecastInput, 'now' | 'orders' | 'history' | 'settings' | 'running'>> & {
    settings?: Partial<CallingSettings>;
    running?: RunningAsPlanned;
  } = {},
) {
  const { settings, running, ...rest } = overrides;
  return forecastDay({
    orders,
    ...fromCalls(calls, running ?? null),
    settings: makeSettings(settings),
    now: at(now),
    schedulerRunning: true,
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
    const { history, running: ahead } = fromCalls([onTheLine], running);
    expect(history.phones.get(indianPhone(1).phoneE164)?.unresolved).toBe(true);
    expect(historyAsItWillBe(history, ahead)).toEqual(
      summariseCalls([
        { ...onTheLine, state: 'ended', outcome: 'no-answer' },
        makeCall({ phoneE164: indianPhone(2).phoneE164, awbs: ['AWB1002'], outcome: 'no-answer' }),
      ]),
    );
  });

  it('keeps a number blocked while a call of another session to it is still unsettled', () => {
    const earlier = callTo(1, '2026-11-24T08:00', { outcome: null, state: 'unresolved' });
    const { history, running: ahead } = fromCalls([earlier, onTheLine], running);
    expect(historyAsItWillBe(history, ahead).phones.get(indianPhone(1).phoneE164)).toEqual({
      lastSession: at('2026-11-24T10:00'),
      callbackAt: null,
      unresolved: true,
      badNumber: false,
    });
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
      history: summariseCalls([callTo(2, '2026-11-24T10:00')]),
      settings,
      now: at('2026-11-24T10:30'),
      running: null,
    });
    expect(due).toEqual({ numbers: 1, nextDueAt: at('2026-11-24T12:00') });
    const none = dueNow({
      orders: [order(2)],
      history: summariseCalls([callTo(2, '2026-11-24T10:00')]),
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

describe('the sentence for each group, singular and plural', () => {
  const unresolved = (n: number) => callTo(n, '2026-11-24T08:00', { outcome: null, state: 'unresolved' });
  const details = (result: ReturnType<typeof forecast>) =>
    result.notToday.map((group) => [group.reason, group.count, group.detail]);

  it('due after working hours: next called at tomorrow’s first slot', () => {
    const one = forecast('2026-11-24T17:30', [order(1)], []);
    expect(one.sessions).toEqual([]);
    expect(one.notToday).toEqual([
      {
        reason: 'after-hours',
        count: 1,
        awbs: ['AWB1001'],
        eligibleAt: null,
        nextSessionAt: at('2026-11-25T10:00'),
        detail: '1 is due, but it is outside working hours: next called tomorrow 10:00',
      },
    ]);
    expect(details(forecast('2026-11-24T17:30', [order(2), order(1)], []))).toEqual([
      ['after-hours', 2, '2 are due, but it is outside working hours: next called tomorrow 10:00'],
    ]);
  });

  it('due before working hours open: outside working hours too', () => {
    const result = forecast('2026-11-24T08:00', [order(1)], [], { settings: { slots: [] } });
    expect(details(result)).toEqual([
      ['after-hours', 1, '1 is due, but it is outside working hours: no session is planned'],
    ]);
  });

  it('two cooling down past working hours', () => {
    const calls = [callTo(1, '2026-11-24T16:00'), callTo(2, '2026-11-24T16:00')];
    expect(details(forecast('2026-11-24T16:10', [order(1), order(2)], calls))).toEqual([
      ['after-hours', 2, '2 cool down until 18:00, outside working hours: next called tomorrow 10:00'],
    ]);
  });

  it('while the scheduler is stopped: due now, and cooling down until a time', () => {
    const calls = [callTo(1, '2026-11-24T10:00'), callTo(2, '2026-11-24T10:00')];
    const orders = [order(1), order(2), order(3), order(4)];
    const result = forecast('2026-11-24T10:30', orders, calls, { schedulerRunning: false });
    expect(result.notToday).toEqual([
      expect.objectContaining({
        reason: 'scheduler-stopped',
        awbs: ['AWB1003', 'AWB1004'],
        eligibleAt: null,
        nextSessionAt: null,
        detail: '2 are due now, but the scheduler is stopped: start it or run now',
      }),
      expect.objectContaining({
        reason: 'scheduler-stopped',
        awbs: ['AWB1001', 'AWB1002'],
        eligibleAt: at('2026-11-24T12:00'),
        nextSessionAt: null,
        detail: '2 cool down until 12:00; the scheduler is stopped: start it, or run now after 12:00',
      }),
    ]);
    expect(
      details(forecast('2026-11-24T10:30', [order(1)], [calls[0]!], { schedulerRunning: false })),
    ).toEqual([
      [
        'scheduler-stopped',
        1,
        '1 cools down until 12:00; the scheduler is stopped: start it, or run now after 12:00',
      ],
    ]);
  });

  it('a customer who asked for another day while the scheduler is stopped: no session is planned', () => {
    const calls = [
      callTo(1, '2026-11-24T10:00', { outcome: 'answered', noCallBefore: at('2026-11-26T00:00') }),
    ];
    expect(forecast('2026-11-24T10:30', [order(1)], calls, { schedulerRunning: false }).notToday).toEqual([
      expect.objectContaining({
        reason: 'rescheduled',
        nextSessionAt: null,
        detail: '1 asked to be called another day: no session is planned',
      }),
    ]);
  });

  it('waiting for VAPI, one and two', () => {
    expect(forecast('2026-11-24T10:30', [order(1)], [unresolved(1)]).notToday).toEqual([
      {
        reason: 'unresolved',
        count: 1,
        awbs: ['AWB1001'],
        eligibleAt: null,
        nextSessionAt: null,
        detail: '1 waits for VAPI to say how the last call went: not called until it does',
      },
    ]);
    expect(
      details(forecast('2026-11-24T10:30', [order(1), order(2)], [unresolved(1), unresolved(2)])),
    ).toEqual([['unresolved', 2, '2 wait for VAPI to say how the last call went: not called until it does']]);
  });

  it('one cooling down past the last session', () => {
    const result = forecast('2026-11-24T12:20', [order(1)], [callTo(1, '2026-11-24T12:00')]);
    expect(details(result)).toEqual([
      [
        'after-last-session',
        1,
        '1 cools down until 14:00, after the last session: add a 14:00 session or run now after 14:00',
      ],
    ]);
  });

  it('rounds an eligibility up to the next whole minute, as the operator would set a session', () => {
    const result = forecast('2026-11-24T12:20', [order(1)], [callTo(1, '2026-11-24T12:07:23')]);
    expect(result.notToday).toEqual([
      expect.objectContaining({
        reason: 'after-last-session',
        eligibleAt: at('2026-11-24T14:08'),
        detail:
          '1 cools down until 14:08, after the last session: add a 14:08 session or run now after 14:08',
      }),
    ]);
  });

  it('due at the very minute of the last slot: the next session is tomorrow’s', () => {
    const result = forecast('2026-11-24T13:00', [order(1, { firstSeenAt: at('2026-11-24T12:50') })], []);
    expect(result.sessions).toEqual([]);
    expect(result.notToday).toEqual([
      expect.objectContaining({ reason: 'due-no-session', nextSessionAt: at('2026-11-25T10:00') }),
    ]);
  });

  it('two due with no session left', () => {
    const orders = [order(1), order(2)];
    expect(details(forecast('2026-11-24T13:30', orders, []))).toEqual([
      ['due-no-session', 2, '2 are due now, but no session is left today: run now'],
    ]);
  });

  it('lists the groups soonest first, the ones without a time as now, then by reason', () => {
    const calls = [
      unresolved(1),
      callTo(2, '2026-11-24T10:00', { outcome: 'answered', noCallBefore: at('2026-11-26T00:00') }),
      callTo(3, '2026-11-24T13:00'),
    ];
    const orders = [order(1), order(2), order(3), order(4)];
    const result = forecast('2026-11-24T13:30', orders, calls);
    expect(result.notToday.map((group) => [group.reason, group.awbs])).toEqual([
      ['due-no-session', ['AWB1004']],
      ['unresolved', ['AWB1001']],
      ['after-last-session', ['AWB1003']],
      ['rescheduled', ['AWB1002']],
    ]);
  });
});

describe('which sessions are still ahead', () => {
  it('leaves out a slot at this very minute, slots outside working hours and at their end', () => {
    const settings = { slots: ['09:00', '10:00', '11:00', '17:00', '18:00'] };
    expect(forecast('2026-11-24T08:00', [], [], { settings }).sessions.map((s) => s.at)).toEqual([
      at('2026-11-24T10:00'),
      at('2026-11-24T11:00'),
    ]);
    expect(forecast('2026-11-24T10:00', [], [], { settings }).sessions.map((s) => s.at)).toEqual([
      at('2026-11-24T11:00'),
    ]);
  });

  it('counts from the start of the running session when it is later than now', () => {
    const running = { startedAt: at('2026-11-24T11:00'), waiting: [] };
    expect(forecast('2026-11-24T10:30', [], [], { running }).sessions.map((s) => s.at)).toEqual([
      at('2026-11-24T12:00'),
      at('2026-11-24T13:00'),
    ]);
  });

  it('a callback at a slot’s time is that slot; two customers asking the same time share one session', () => {
    const callback = (n: number, time: string) =>
      callTo(n, '2026-11-24T10:00', { outcome: 'answered', callbackAt: at(`2026-11-24T${time}`) });
    const atSlot = forecast('2026-11-24T10:30', [order(1)], [callback(1, '12:00')]);
    expect(atSlot.sessions.map((s) => [s.trigger, s.calls])).toEqual([
      ['scheduled', 0],
      ['scheduled', 1],
      ['scheduled', 0],
    ]);
    const shared = forecast(
      '2026-11-24T10:30',
      [order(1), order(2)],
      [callback(1, '15:00'), callback(2, '15:00')],
    );
    expect(shared.sessions.map((s) => [s.trigger, s.calls, s.orders])).toEqual([
      ['scheduled', 0, 0],
      ['scheduled', 0, 0],
      ['scheduled', 0, 0],
      ['callback', 2, 2],
    ]);
  });

  it('no callback session for a time already past, at or after the end of working hours', () => {
    const callback = (time: string) =>
      callTo(1, '2026-11-24T10:00', { outcome: 'answered', callbackAt: at(`2026-11-24T${time}`) });
    for (const time of ['10:20', '10:30', '17:00', '18:00']) {
      const result = forecast('2026-11-24T10:30', [order(1)], [callback(time)]);
      expect(
        result.sessions.map((s) => s.trigger),
        time,
      ).toEqual(['scheduled', 'scheduled', 'scheduled']);
    }
  });

  it('only the latest call to a number decides its callback, whatever order the history is in', () => {
    const older = callTo(1, '2026-11-24T10:00', { outcome: 'answered', callbackAt: at('2026-11-24T15:00') });
    const newer = callTo(1, '2026-11-24T12:00');
    for (const calls of [
      [older, newer],
      [newer, older],
    ]) {
      expect(forecast('2026-11-24T12:30', [order(1)], calls).sessions.map((s) => s.trigger)).toEqual([
        'scheduled',
      ]);
    }
    const sameSession = callTo(1, '2026-11-24T10:00', {
      outcome: 'answered',
      callbackAt: at('2026-11-24T15:00'),
    });
    expect(
      forecast('2026-11-24T10:30', [order(1)], [callTo(1, '2026-11-24T10:00'), sameSession]).sessions.map(
        (s) => s.trigger,
      ),
    ).toEqual(['scheduled', 'scheduled', 'scheduled', 'callback']);
  });

  it('a call that was never an attempt asks for no callback', () => {
    const error = callTo(1, '2026-11-24T10:00', { outcome: 'error', callbackAt: at('2026-11-24T15:00') });
    expect(forecast('2026-11-24T10:30', [order(1)], [error]).sessions.map((s) => s.trigger)).toEqual([
      'scheduled',
      'scheduled',
      'scheduled',
    ]);
  });

  it('counts the orders a session covers, several on one number', () => {
    const orders = [order(1), order(1, { awb: 'AWB2001' }), order(2)];
    const result = forecast('2026-11-24T10:30', orders, []);
    expect(result.sessions[0]).toEqual({
      at: at('2026-11-24T11:00'),
      trigger: 'scheduled',
      calls: 2,
      newCalls: 2,
      retryCalls: 0,
      orders: 3,
    });
    expect([...result.calledLaterToday].sort()).toEqual(['AWB1001', 'AWB1002', 'AWB2001']);
  });
});

describe('run now and the running session', () => {
  const from = (calls: PolicyCall[], running: RunningAsPlanned | null) => {
    const input = fromCalls(calls, running);
    return [input.history, input.running] as const;
  };

  it('the next due is the soonest cooldown still ahead; another day’s reschedule is not one', () => {
    const settings = makeSettings();
    const input = (calls: PolicyCall[]) => ({
      orders: [order(1), order(2), order(3)],
      history: summariseCalls(calls),
      settings,
      now: at('2026-11-24T10:30'),
      running: null,
    });
    expect(
      dueNow(
        input([callTo(1, '2026-11-24T10:00'), callTo(2, '2026-11-24T09:30'), callTo(3, '2026-11-24T10:15')]),
      ),
    ).toEqual({ numbers: 0, nextDueAt: at('2026-11-24T11:30') });
    expect(
      dueNow({
        ...input([
          callTo(1, '2026-11-24T10:00', { outcome: 'answered', noCallBefore: at('2026-11-26T00:00') }),
        ]),
        orders: [order(1)],
      }),
    ).toEqual({ numbers: 0, nextDueAt: null });
  });

  it('while a session dials, nothing is due now and no next due time is given', () => {
    const running = { startedAt: at('2026-11-24T10:00'), waiting: [] };
    const result = forecast('2026-11-24T10:30', [order(1)], [callTo(1, '2026-11-24T09:00')], { running });
    expect([result.dueNow, result.nextDueAt]).toEqual([0, null]);
    const idle = forecast('2026-11-24T10:30', [order(1)], [callTo(1, '2026-11-24T10:00')]);
    expect([idle.dueNow, idle.nextDueAt, idle.now]).toEqual([
      0,
      at('2026-11-24T12:00'),
      at('2026-11-24T10:30'),
    ]);
  });

  it('keeps calls of other sessions and calls already ended as they are', () => {
    const running = { startedAt: at('2026-11-24T10:00'), waiting: [] };
    const earlierUnsettled = callTo(1, '2026-11-24T08:00', { outcome: null, state: 'unresolved' });
    const endedNow = callTo(2, '2026-11-24T10:00', { outcome: 'answered', successful: true });
    const calls = [earlierUnsettled, endedNow];
    expect(historyAsItWillBe(...from(calls, running))).toEqual(summariseCalls(calls));
    expect(historyAsItWillBe(...from([earlierUnsettled], null))).toEqual(summariseCalls([earlierUnsettled]));
  });

  it('an assumed call covers the orders it names and reaches nobody', () => {
    const running = {
      startedAt: at('2026-11-24T10:00'),
      waiting: [{ phoneE164: indianPhone(2).phoneE164, awbs: ['AWB1002', 'AWB2002'] }],
    };
    expect(historyAsItWillBe(...from([], running))).toEqual(
      summariseCalls([
        makeCall({
          phoneE164: indianPhone(2).phoneE164,
          awbs: ['AWB1002', 'AWB2002'],
          session: '2026-11-24T10:00',
          outcome: 'no-answer',
        }),
      ]),
    );
  });
});

describe('times in words, in the desk’s zone', () => {
  it('names a later day in the zone asked for', () => {
    const now = at('2026-11-24T16:10');
    expect(whenWords(at('2026-11-30T10:00'), now, 'Asia/Kolkata')).toBe('Mon 30 Nov 10:00');
    expect(whenWords(at('2026-11-27T10:00'), now, 'America/New_York')).toBe('Thu 26 Nov 23:30');
    expect(whenWords(at('2026-11-27T10:00'), now, 'Asia/Kolkata')).toBe('Fri 27 Nov 10:00');
  });
});

describe('the forecast at its edges', () => {
  it('lists a callback before the slots that come after it', () => {
    const calls = [
      callTo(1, '2026-11-24T08:00', { outcome: 'answered', callbackAt: at('2026-11-24T10:45') }),
    ];
    expect(forecast('2026-11-24T10:30', [order(1)], calls).sessions.map((s) => [s.at, s.trigger])).toEqual([
      [at('2026-11-24T10:45'), 'callback'],
      [at('2026-11-24T11:00'), 'scheduled'],
      [at('2026-11-24T12:00'), 'scheduled'],
      [at('2026-11-24T13:00'), 'scheduled'],
    ]);
  });

  it('a callback session calls only the customers who asked, not everyone whose cooldown is over', () => {
    const calls = [
      callTo(1, '2026-11-24T10:00', { outcome: 'answered', callbackAt: at('2026-11-24T15:00') }),
      callTo(2, '2026-11-24T13:00'),
    ];
    const result = forecast('2026-11-24T13:30', [order(1), order(2)], calls);
    expect(result.sessions.map((s) => [s.trigger, s.calls])).toEqual([['callback', 1]]);
  });

  it('a day asked for that starts on a slot is next called in that very slot', () => {
    const calls = [
      callTo(1, '2026-11-24T10:00', { outcome: 'answered', noCallBefore: at('2026-11-26T10:00') }),
    ];
    expect(forecast('2026-11-24T10:30', [order(1)], calls).notToday).toEqual([
      expect.objectContaining({ reason: 'rescheduled', nextSessionAt: at('2026-11-26T10:00') }),
    ]);
  });

  it('judges who is left over at the last session ahead, not now', () => {
    // Not settled, 150 minutes' cooldown: cooling down at 12:00, waiting for VAPI by the 13:00 session.
    const calls = [callTo(1, '2026-11-24T10:00', { outcome: null, state: 'unresolved' })];
    const result = forecast('2026-11-24T10:05', [order(1)], calls, { settings: { cooldownMinutes: 150 } });
    expect(result.notToday.map((group) => group.reason)).toEqual(['unresolved']);
    // Called before opening with a long cooldown: left over after the last session, not "outside hours".
    const early = forecast('2026-11-24T08:30', [order(2)], [callTo(2, '2026-11-24T08:00')], {
      settings: { cooldownMinutes: 390 },
    });
    expect(early.notToday).toEqual([
      expect.objectContaining({ reason: 'after-last-session', eligibleAt: at('2026-11-24T14:30') }),
    ]);
  });

  it('keeps a group per time they become due, and lists each group’s orders by AWB', () => {
    const calls = [
      callTo(2, '2026-11-24T12:00'),
      callTo(1, '2026-11-24T12:00'),
      callTo(3, '2026-11-24T12:30'),
    ];
    const result = forecast('2026-11-24T12:40', [order(2), order(1), order(3)], calls);
    expect(result.notToday.map((group) => [group.eligibleAt, group.awbs])).toEqual([
      [at('2026-11-24T14:00'), ['AWB1001', 'AWB1002']],
      [at('2026-11-24T14:30'), ['AWB1003']],
    ]);
  });

  it('a cooldown ending at the very end of working hours is outside them', () => {
    const result = forecast('2026-11-24T15:10', [order(1)], [callTo(1, '2026-11-24T15:00')]);
    expect(result.notToday).toEqual([
      expect.objectContaining({
        reason: 'after-hours',
        detail: '1 cools down until 17:00, outside working hours: next called tomorrow 10:00',
      }),
    ]);
  });
});
