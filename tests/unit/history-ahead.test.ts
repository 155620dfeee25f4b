/**
 * The history as it will be, from the summaries alone (domain/history-ahead.ts), says exactly what the
 * calls would say: on random histories, assumed calls added to the summaries give summariseCalls of the calls
 * with the assumed ones appended, and the running session's calls not ended, assumed ended without success,
 * give summariseCalls of the calls with those replaced (the forecast's old way, kept as the oracle in
 * tests/helpers/forecast-input.ts). Run now's count and the whole forecast agree with both ways too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallOutcome, CallState } from '../../src/shared/desk-types';
import { REPORT_OUTCOMES } from '../../src/main/domain/daily-report';
import { dueNow, forecastDay, historyAsItWillBe } from '../../src/main/domain/forecast';
import { addAssumedCalls, historyAhead } from '../../src/main/domain/history-ahead';
import {
  planSession,
  summariseCalls,
  type PlanHistory,
  type PlanOrder,
  type PolicyCall,
} from '../../src/main/domain/policy';
import { at, indianPhone, makeSettings } from '../helpers/factories';
import {
  assumedPolicyCall,
  callsAsTheyWillBe,
  fromCalls,
  type RunningAsPlanned,
} from '../helpers/forecast-input';

const PHONES = [1, 2, 3].map((n) => indianPhone(n).phoneE164);
const AWBS = ['AWB1', 'AWB2', 'AWB3', 'AWB4', 'AWB5'];
// 10:00 is the running session's start in every history; 12:00 and 14:00 are slots still ahead.
const STARTS = ['2026-11-23T10:00', '2026-11-24T08:00', '2026-11-24T10:00', '2026-11-24T12:00'].map((time) =>
  at(time),
);
const RUNNING_START = at('2026-11-24T10:00');
const NOW = at('2026-11-24T10:30');
const OUTCOMES = REPORT_OUTCOMES.filter((outcome): outcome is CallOutcome => outcome !== 'unresolved');
const NOT_ENDED: CallState[] = ['pending', 'queued', 'ringing', 'in-progress', 'unresolved'];
const instant = fc.option(
  fc.constantFrom(...['2026-11-24T11:00', '2026-11-24T15:00', '2026-11-26T00:00'].map((time) => at(time))),
  {
    nil: null,
  },
);

const covered = fc.uniqueArray(fc.constantFrom(...AWBS), { minLength: 1, maxLength: 3 });

/** A call that ended: any outcome and answer. */
const endedCall: fc.Arbitrary<PolicyCall> = fc.record({
  phoneE164: fc.constantFrom(...PHONES),
  awbs: covered,
  sessionStartedAt: fc.constantFrom(...STARTS),
  successful: fc.boolean(),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
  state: fc.constant('ended' as const),
  intent: fc.constantFrom(null, 'confirmed' as const, 'cancel' as const, 'callback' as const),
  callbackAt: instant,
  noCallBefore: instant,
  closesOrder: fc.boolean(),
  badNumber: fc.boolean(),
});

/** A call not ended yet: no result (store/calls.ts writes outcome, success and answers when it ends). */
const openCall: fc.Arbitrary<PolicyCall> = fc.record({
  phoneE164: fc.constantFrom(...PHONES),
  awbs: covered,
  sessionStartedAt: fc.constantFrom(...STARTS),
  successful: fc.constant(false),
  outcome: fc.constant(null),
  state: fc.constantFrom(...NOT_ENDED),
  intent: fc.constant(null),
  callbackAt: fc.constant(null),
  noCallBefore: fc.constant(null),
  closesOrder: fc.constant(false),
  badNumber: fc.constant(false),
});

const calls = fc.array(fc.oneof(endedCall, openCall), { maxLength: 14 });

const waiting = fc.uniqueArray(fc.record({ phoneE164: fc.constantFrom(...PHONES), awbs: covered }), {
  maxLength: 3,
  selector: (number) => number.phoneE164,
});

const running: fc.Arbitrary<RunningAsPlanned | null> = fc.option(
  fc.record({ startedAt: fc.constant(RUNNING_START), waiting }),
  { nil: null },
);

const orders: PlanOrder[] = AWBS.map((awb, index) => ({
  awb,
  type: index === 4 ? 'Undelivered' : 'OFD',
  phoneE164: PHONES[index % PHONES.length]!,
  phoneProblem: null,
  firstSeenAt: at('2026-11-23T09:00') + index * 60_000,
}));

/** A history as comparable plain data: entries sorted by key. */
function plain(history: PlanHistory) {
  return {
    orders: [...history.orders].sort(([a], [b]) => a.localeCompare(b)),
    phones: [...history.phones].sort(([a], [b]) => a.localeCompare(b)),
  };
}

describe('the history as it will be, from summaries', () => {
  it('assumed calls count in the summaries as appended to the calls', () => {
    const assumed = fc.array(
      fc.record({
        phoneE164: fc.constantFrom(...PHONES),
        awbs: covered,
        sessionStartedAt: fc.constantFrom(...STARTS),
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(calls, assumed, (history, made) => {
        const ahead = historyAhead(summariseCalls(history));
        addAssumedCalls(ahead, made);
        const appended = made.map((call) =>
          assumedPolicyCall(call.phoneE164, call.awbs, call.sessionStartedAt),
        );
        expect(plain(ahead)).toEqual(plain(summariseCalls([...history, ...appended])));
      }),
      { numRuns: 500 },
    );
  });

  it('the running session over: its calls not ended end without success, its waiting numbers are called', () => {
    fc.assert(
      fc.property(calls, running, (history, session) => {
        const input = fromCalls(history, session);
        expect(plain(historyAsItWillBe(input.history, input.running))).toEqual(
          plain(summariseCalls(callsAsTheyWillBe(history, session))),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('never changes the summaries it was given', () => {
    fc.assert(
      fc.property(calls, running, (history, session) => {
        const input = fromCalls(history, session);
        const before = plain(summariseCalls(history));
        historyAsItWillBe(input.history, input.running);
        expect(plain(input.history)).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('run now and the forecast, from summaries', () => {
  const settings = makeSettings({ slots: ['10:00', '12:00', '14:00'], cooldownMinutes: 120 });

  it('run now counts the numbers the calls as they will be say are due', () => {
    fc.assert(
      fc.property(calls, running, (history, session) => {
        const fromSummaries = dueNow({ orders, ...fromCalls(history, session), settings, now: NOW });
        const oracle = dueNow({
          orders,
          history: summariseCalls(callsAsTheyWillBe(history, session)),
          settings,
          now: NOW,
          running: null,
        });
        expect(fromSummaries).toEqual(oracle);
      }),
      { numRuns: 200 },
    );
  });

  it('the rest of today is what the calls as they will be say', () => {
    fc.assert(
      fc.property(calls, running, fc.boolean(), (history, session, schedulerRunning) => {
        const fromSummaries = forecastDay({
          orders,
          ...fromCalls(history, session),
          settings,
          now: NOW,
          schedulerRunning,
        });
        // The oracle: the calls as they will be, summarised, with the session's start kept (the sessions ahead
        // start after it) and nothing left of it to assume.
        const oracle = forecastDay({
          orders,
          history: summariseCalls(callsAsTheyWillBe(history, session)),
          running: session ? { startedAt: session.startedAt, waiting: [] } : null,
          settings,
          now: NOW,
          schedulerRunning,
        });
        expect(fromSummaries).toEqual(oracle);
      }),
      { numRuns: 200 },
    );
  });

  it('each session ahead calls what a plan of every order calls, from the calls with the earlier ones assumed', () => {
    fc.assert(
      fc.property(calls, running, (history, session) => {
        const forecast = forecastDay({
          orders,
          ...fromCalls(history, session),
          settings,
          now: NOW,
          schedulerRunning: true,
        });
        // The oracle plans every order (none left out as done for good) from a list of calls.
        const made = callsAsTheyWillBe(history, session);
        const calledLaterToday = new Set<string>();
        const sessions = forecast.sessions.map((ahead) => {
          const plan = planSession({
            orders,
            history: summariseCalls(made),
            settings,
            sessionStart: ahead.at,
            onlyCallbacks: ahead.trigger === 'callback',
          });
          for (const entry of plan.queue) {
            const awbs = entry.orders.map((due) => due.order.awb);
            awbs.forEach((awb) => calledLaterToday.add(awb));
            made.push(assumedPolicyCall(entry.phoneE164, awbs, ahead.at));
          }
          return plan.queue.length;
        });
        expect(forecast.sessions.map((ahead) => ahead.calls)).toEqual(sessions);
        expect(forecast.calledLaterToday).toEqual(calledLaterToday);
      }),
      { numRuns: 200 },
    );
  });
});
