/**
 * The acceptance contract for the calling rules: whole days on the real engine (scheduler, policy, store,
 * dialer, VAPI client over HTTP to the fake VAPI) on a virtual clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/main/simulator/scenario';
import { OWN_SCENARIOS, SHARED_SCENARIOS, simulateChecked } from '../helpers/scenarios';

const sharedScenarios = SHARED_SCENARIOS;
const ownScenarios = OWN_SCENARIOS;

function load(dir: string, name: string): unknown {
  return JSON.parse(readFileSync(join(dir, name), 'utf8'));
}

function simulate(dir: string, name: string) {
  return simulateChecked(dir, name);
}

describe('the seed day', () => {
  it('reproduces seed-day.expected.json: 100 / 10 / 35 / 6 calls, 151 calls, 106 successful', async () => {
    const report = await simulate(sharedScenarios, 'seed-day.json');
    const expected = load(sharedScenarios, 'seed-day.expected.json') as {
      sessions: object[];
      totals: object;
    };
    expect(report.sessions).toHaveLength(expected.sessions.length);
    expected.sessions.forEach((session, index) => expect(report.sessions[index]).toMatchObject(session));
    expect(report.totals).toMatchObject(expected.totals);
    expect(report.totals.errors).toBe(0);
  });

  it('dials every 10:00 failure again at 12:00, although most were dialled after 10:00', async () => {
    const report = await simulate(sharedScenarios, 'seed-day.json');
    const firstCalls = report.calls.filter((call) => call.session === '2026-11-24T10:00');
    expect(firstCalls.some((call) => call.at > '2026-11-24T10:05:00')).toBe(true);
    const retriedAtNoon = report.calls.filter(
      (call) => call.session === '2026-11-24T12:00' && call.attempt === 2,
    );
    expect(retriedAtNoon).toHaveLength(30);
    expect(report.calls.every((call) => call.phone.startsWith('+91'))).toBe(true);
  });
});

describe('scenarios of our own', () => {
  it('skips and records the slots that come while a session still dials', async () => {
    const report = await simulate(ownScenarios, 'slot-while-dialling.json');
    expect(report.sessions.map((session) => [session.start, session.calls])).toEqual([
      ['2026-11-24T10:00', 30],
      ['2026-11-24T13:00', 0],
    ]);
    expect(report.skippedSlots).toEqual([
      { at: '2026-11-24T11:00', reason: 'a session was still dialling' },
      { at: '2026-11-24T12:00', reason: 'a session was still dialling' },
    ]);
    expect(report.sessions[1]!.skipped.successful).toBe(30);
  });

  it('starts no call after working hours end, and refuses run-now outside them', async () => {
    const report = await simulate(ownScenarios, 'end-of-working-hours.json');
    expect(report.sessions).toHaveLength(1);
    expect(report.sessions[0]).toMatchObject({ calls: 3, state: 'closed' });
    expect(report.calls.every((call) => call.at < '2026-11-24T10:30:00')).toBe(true);
    expect(report.refused).toEqual([
      { at: '2026-11-24T09:45', trigger: 'manual', reason: 'outside working hours' },
      { at: '2026-11-24T10:45', trigger: 'manual', reason: 'outside working hours' },
    ]);
  });

  it('carries attempts across days, stops after the third, never recalls a success, follows type changes', async () => {
    const report = await simulate(ownScenarios, 'two-days.json');
    expect(
      report.sessions.map((session) => [
        session.start,
        session.calls,
        session.new,
        session.retries,
        session.successful,
      ]),
    ).toEqual([
      ['2026-11-24T10:00', 4, 4, 0, 0],
      ['2026-11-24T12:00', 3, 0, 3, 2],
      ['2026-11-25T10:00', 2, 1, 1, 1],
      ['2026-11-25T12:00', 0, 0, 0, 0],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      {
        notCallable: 1,
        successful: 0,
        maxAttempts: 0,
        invalidPhone: 1,
        cooldown: 0,
        unresolved: 0,
        stopped: 0,
        rescheduled: 0,
      },
      {
        notCallable: 2,
        successful: 0,
        maxAttempts: 0,
        invalidPhone: 1,
        cooldown: 0,
        unresolved: 0,
        stopped: 0,
        rescheduled: 0,
      },
      {
        notCallable: 1,
        successful: 3,
        maxAttempts: 0,
        invalidPhone: 1,
        cooldown: 0,
        unresolved: 0,
        stopped: 0,
        rescheduled: 0,
      },
      {
        notCallable: 1,
        successful: 4,
        maxAttempts: 1,
        invalidPhone: 1,
        cooldown: 0,
        unresolved: 0,
        stopped: 0,
        rescheduled: 0,
      },
    ]);
    const sharedPhoneCalls = report.calls.filter((call) => call.phone === '+919822200004');
    expect(sharedPhoneCalls.map((call) => [...call.awbs].sort())).toEqual([
      ['AWB9000004', 'AWB9000005'],
      ['AWB9000004', 'AWB9000005'],
    ]);
    const stubborn = report.calls.filter((call) => call.awbs.includes('AWB9000001'));
    expect(stubborn.map((call) => call.attempt)).toEqual([1, 2, 3]);
    expect(
      report.calls.some((call) => call.awbs.includes('AWB9000003') && call.session > '2026-11-24T10:00'),
    ).toBe(false);
    expect(report.totals).toEqual({ calls: 9, successful: 3, failed: 6, unresolved: 0, errors: 0 });
  });

  it('rides out 429 and 500 answers to call creation without losing or double-counting a call', async () => {
    const report = await simulate(ownScenarios, 'provider-faults.json');
    // Every number is called exactly once: a create answered 429 or 500 is looked up in VAPI's list before it
    // is sent again; the failed creates stay on record as errors, not attempts.
    const dialled = new Set(report.calls.map((call) => call.phone));
    expect(dialled.size).toBe(20);
    expect(report.totals.calls).toBe(20);
    expect(report.totals.errors).toBeGreaterThan(0);
    expect(report.calls.every((call) => call.attempt === 1)).toBe(true);
  });
});

describe('scenario validation', () => {
  it('names the field that is wrong instead of throwing a stack trace', () => {
    const scenario = load(sharedScenarios, 'seed-day.json') as { orders: { phone: unknown }[] };
    scenario.orders[3]!.phone = 42;
    expect(() => parseScenario(scenario)).toThrow(ScenarioError);
    expect(() => parseScenario(scenario)).toThrow(/^orders\[3\]\.phone: /);
  });

  it('refuses an unknown time zone and an end before the start', () => {
    const scenario = load(sharedScenarios, 'seed-day.json') as Record<string, unknown>;
    expect(() => parseScenario({ ...scenario, timezone: 'Mars/Olympus' })).toThrow(/^timezone: /);
    expect(() => parseScenario({ ...scenario, end: '2026-11-24T08:00' })).toThrow(/^end: /);
  });

  it('refuses an unknown key at any level with one line naming it, instead of running without it', () => {
    const scenario = load(sharedScenarios, 'seed-day.json') as Record<string, unknown>;
    const window = { from: '2026-11-24T10:00', to: '2026-11-24T10:01' };
    expect(() => parseScenario({ ...scenario, fautls: {} })).toThrow(/^scenario: unknown key "fautls"$/);
    expect(() =>
      parseScenario({ ...scenario, faults: { createCall: [{ ...window, status: 500, efect: 'dialled' }] } }),
    ).toThrow(/^faults\.createCall\[0\]: unknown key "efect"$/);
    expect(() => parseScenario({ ...scenario, faults: { dns: [] } })).toThrow(/^faults: unknown key "dns"$/);
    expect(() => parseScenario({ ...scenario, settings: { cooldown: 60 } })).toThrow(
      /^settings: unknown key "cooldown"$/,
    );
    const orders = scenario.orders as Record<string, unknown>[];
    expect(() => parseScenario({ ...scenario, orders: [{ ...orders[0], city: 'Delhi' }] })).toThrow(
      /^orders\[0\]: unknown key "city"$/,
    );
  });

  it('takes the fault vocabulary: HTTP codes, timeout and reset, refused or dialled, locks, crashes, stuck calls', () => {
    const scenario = load(sharedScenarios, 'seed-day.json') as Record<string, unknown>;
    const window = { from: '2026-11-24T10:00', to: '2026-11-24T10:01' };
    const parsed = parseScenario({
      ...scenario,
      faults: {
        createCall: [
          { ...window, status: 'timeout', effect: 'dialled' },
          { ...window, status: 'reset' },
          { ...window, status: 502 },
        ],
        getCall: [{ ...window, status: 503 }],
        store: [{ ...window, kind: 'locked' }],
      },
      crashes: [{ at: '2026-11-24T10:00:20', restartAt: '2026-11-24T10:30' }],
      stuck: ['9876500001'],
    });
    expect(parsed.faults.createCall?.map((fault) => fault.effect)).toEqual(['dialled', 'refused', 'refused']);
    expect(() =>
      parseScenario({ ...scenario, faults: { createCall: [{ ...window, status: 'explode' }] } }),
    ).toThrow(/^faults\.createCall\[0\]\.status: /);
    expect(() =>
      parseScenario({ ...scenario, crashes: [{ at: '2026-11-24T10:30', restartAt: '2026-11-24T10:00' }] }),
    ).toThrow(/^crashes\[0\]\.restartAt: must be after the crash$/);
  });
});
