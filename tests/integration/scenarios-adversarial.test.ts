/**
 * Adversarial scenarios: each pins one awkward interaction of the calling rules on the real engine (simulator,
 * virtual clock, fake VAPI). Every expectation was worked out by hand from the rules; the reasoning is the
 * scenario's `description` in tests/scenarios/adversarial/.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLocalIso } from '../../src/main/domain/local-time';
import type { SkipCounts } from '../../src/main/domain/policy';
import { openStore } from '../../src/main/store';
import type { ReportCall, ReportSession, SimulationReport } from '../../src/main/simulator/report';
import { OWN_SCENARIOS, simulateChecked } from '../helpers/scenarios';

const dir = join(OWN_SCENARIOS, 'adversarial');

function simulate(name: string): Promise<SimulationReport> {
  return simulateChecked(dir, name);
}

/** Runs a scenario and reads back, per placed call, when the fake VAPI says it created the call. */
async function simulateWithProviderTimes(name: string) {
  const report = await simulateChecked(dir, name, { keepStore: true });
  const store = openStore(join(report.storePath!, 'simulation.sqlite'));
  try {
    const accepted = store.calls
      .all()
      .filter((call) => call.providerCallId !== null)
      .map((call) => ({
        awbs: call.awbs,
        askedAt: call.startedAt,
        createdAt: (call.providerJson as { createdAt?: unknown } | null)?.createdAt,
      }));
    return { report, accepted };
  } finally {
    store.close();
    rmSync(report.storePath!, { recursive: true, force: true });
  }
}

/** A full skip record with the given reasons, every other reason 0. */
function skipped(counts: Partial<SkipCounts> = {}): SkipCounts {
  return {
    notCallable: 0,
    successful: 0,
    maxAttempts: 0,
    invalidPhone: 0,
    cooldown: 0,
    unresolved: 0,
    stopped: 0,
    rescheduled: 0,
    ...counts,
  };
}

/** [start, trigger, calls, new, retries, successful] */
function sessionRows(report: SimulationReport): [string, string, number, number, number, number][] {
  return report.sessions.map((session: ReportSession) => [
    session.start,
    session.trigger,
    session.calls,
    session.new,
    session.retries,
    session.successful,
  ]);
}

/** [at, session, phone, awbs, attempt, outcome, successful] */
function callRows(report: SimulationReport) {
  return report.calls.map((call: ReportCall) => [
    call.at,
    call.session,
    call.phone,
    call.awbs,
    call.attempt,
    call.outcome,
    call.successful,
  ]);
}

const day = '2026-11-24';

describe('adversarial scenarios', () => {
  it('anchors a session at its start: 10:00:00 arrivals are in, 10:00:01 are not; cooldown 60 ends at exactly 11:00', async () => {
    const report = await simulate('anchored-at-session-start');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 3, 3, 0, 1],
      [`${day}T10:30`, 'scheduled', 1, 1, 0, 1],
      [`${day}T11:00`, 'scheduled', 2, 0, 2, 2],
      [`${day}T12:00`, 'scheduled', 0, 0, 0, 0],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped(),
      skipped({ successful: 1, cooldown: 2 }),
      skipped({ successful: 2 }),
      skipped({ successful: 4 }),
    ]);
    expect(callRows(report)).toEqual([
      [`${day}T10:00:00`, `${day}T10:00`, '+919811700001', ['AWB7100001'], 1, 'busy', false],
      [`${day}T10:00:15`, `${day}T10:00`, '+919811700002', ['AWB7100002'], 1, 'no-answer', false],
      [`${day}T10:00:45`, `${day}T10:00`, '+919811700003', ['AWB7100003'], 1, 'answered', true],
      [`${day}T10:30:00`, `${day}T10:30`, '+919811700004', ['AWB7100004'], 1, 'answered', true],
      [`${day}T11:00:00`, `${day}T11:00`, '+919811700001', ['AWB7100001'], 2, 'answered', true],
      [`${day}T11:00:45`, `${day}T11:00`, '+919811700002', ['AWB7100002'], 2, 'answered', true],
    ]);
    expect(report.totals).toEqual({ calls: 6, successful: 4, failed: 2, unresolved: 0, errors: 0 });
  });

  it('with cooldown 0 calls a busy number at every next session, once per session, until maxAttempts', async () => {
    const report = await simulate('cooldown-zero');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 1, 1, 0, 0],
      [`${day}T10:01`, 'scheduled', 1, 0, 1, 0],
      [`${day}T10:02`, 'scheduled', 1, 0, 1, 0],
      [`${day}T10:03`, 'scheduled', 0, 0, 0, 0],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped(),
      skipped(),
      skipped(),
      skipped({ maxAttempts: 1 }),
    ]);
    expect(report.calls.map((call) => [call.at, call.attempt, call.outcome])).toEqual([
      [`${day}T10:00:00`, 1, 'busy'],
      [`${day}T10:01:00`, 2, 'busy'],
      [`${day}T10:02:00`, 3, 'busy'],
    ]);
    expect(report.totals).toEqual({ calls: 3, successful: 0, failed: 3, unresolved: 0, errors: 0 });
  });

  it('with maxAttempts 1 never retries; notCallable > successful > maxAttempts > cooldown', async () => {
    const report = await simulate('max-attempts-one');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 4, 4, 0, 1],
      [`${day}T10:30`, 'scheduled', 0, 0, 0, 0],
      [`${day}T12:00`, 'scheduled', 0, 0, 0, 0],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped(),
      // A, B, C are out of attempts AND in cooldown until 12:00: maxAttempts wins. D succeeded on its only attempt.
      skipped({ successful: 1, maxAttempts: 3 }),
      // A was delivered at 11:00: notCallable wins over its exhausted attempts.
      skipped({ notCallable: 1, successful: 1, maxAttempts: 2 }),
    ]);
    expect(report.calls.map((call) => [call.awbs, call.outcome, call.successful])).toEqual([
      [['AWB7300001'], 'voicemail', false],
      // Answered, but the success evaluation said false: an attempt, not a success.
      [['AWB7300002'], 'answered', false],
      [['AWB7300003'], 'failed', false],
      [['AWB7300004'], 'answered', true],
    ]);
    expect(report.totals).toEqual({ calls: 4, successful: 1, failed: 3, unresolved: 0, errors: 0 });
  });

  it('measures the cooldown of a run-now at 11:30 from 11:30, and leaves the 10:00 cooldown alone', async () => {
    const report = await simulate('manual-run-between-slots');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 1, 1, 0, 0],
      [`${day}T11:30`, 'manual', 1, 1, 0, 0],
      [`${day}T12:00`, 'scheduled', 1, 0, 1, 0],
      [`${day}T13:00`, 'scheduled', 0, 0, 0, 0],
      [`${day}T14:00`, 'scheduled', 2, 0, 2, 2],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped(),
      skipped({ cooldown: 1 }), // A: until 12:00
      skipped({ cooldown: 1 }), // B: until 13:30
      skipped({ cooldown: 2 }), // A until 14:00, B until 13:30
      skipped(),
    ]);
    expect(callRows(report)).toEqual([
      [`${day}T10:00:00`, `${day}T10:00`, '+919811700031', ['AWB7400001'], 1, 'busy', false],
      [`${day}T11:30:00`, `${day}T11:30`, '+919811700032', ['AWB7400002'], 1, 'busy', false],
      [`${day}T12:00:00`, `${day}T12:00`, '+919811700031', ['AWB7400001'], 2, 'no-answer', false],
      [`${day}T14:00:00`, `${day}T14:00`, '+919811700031', ['AWB7400001'], 3, 'answered', true],
      [`${day}T14:00:00`, `${day}T14:00`, '+919811700032', ['AWB7400002'], 2, 'answered', true],
    ]);
    expect(report.refused).toEqual([]);
    expect(report.totals).toEqual({ calls: 5, successful: 2, failed: 3, unresolved: 0, errors: 0 });
  });

  it('keeps the attempt count of an order through a Delivered spell, and calls a Delivered → OFD order as new', async () => {
    const report = await simulate('type-flips-back');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 1, 1, 0, 0],
      [`${day}T12:00`, 'scheduled', 0, 0, 0, 0],
      [`${day}T14:00`, 'scheduled', 2, 1, 1, 2],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped({ notCallable: 2 }),
      skipped({ notCallable: 3 }),
      skipped({ notCallable: 1 }),
    ]);
    expect(callRows(report)).toEqual([
      [`${day}T10:00:00`, `${day}T10:00`, '+919811700051', ['AWB7600001'], 1, 'no-answer', false],
      // New before retries: C (never called) goes first although A is older.
      [`${day}T14:00:00`, `${day}T14:00`, '+919811700053', ['AWB7600003'], 1, 'answered', true],
      [`${day}T14:00:00`, `${day}T14:00`, '+919811700051', ['AWB7600001'], 2, 'answered', true],
    ]);
    expect(report.calls.some((call) => call.awbs.includes('AWB7600002'))).toBe(false);
  });

  it('covers one number written three ways with one call, and keeps the cooldown on the number, not the order', async () => {
    const report = await simulate('one-number-many-formats');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 2, 2, 0, 1],
      [`${day}T11:00`, 'scheduled', 0, 0, 0, 0],
      [`${day}T12:00`, 'scheduled', 2, 2, 0, 2],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped(),
      skipped({ successful: 1, cooldown: 5 }),
      skipped({ successful: 1 }),
    ]);
    expect(callRows(report)).toEqual([
      [
        `${day}T10:00:00`,
        `${day}T10:00`,
        '+919876500001',
        ['AWB7800001', 'AWB7800002', 'AWB7800003'],
        1,
        'busy',
        false,
      ],
      [`${day}T10:00:00`, `${day}T10:00`, '+919876500002', ['AWB7800004'], 1, 'answered', true],
      [
        `${day}T12:00:00`,
        `${day}T12:00`,
        '+919876500001',
        ['AWB7800001', 'AWB7800002', 'AWB7800003', 'AWB7800005'],
        2,
        'answered',
        true,
      ],
      [`${day}T12:00:00`, `${day}T12:00`, '+919876500002', ['AWB7800006'], 1, 'answered', true],
    ]);
    expect(report.totals).toEqual({ calls: 4, successful: 3, failed: 1, unresolved: 0, errors: 0 });
  });

  it('never dials N/A, 12345, 9.87654E+09, an empty field or 9999999999; notCallable beats invalidPhone', async () => {
    const report = await simulate('invalid-phones');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 1, 1, 0, 1],
      [`${day}T12:00`, 'scheduled', 0, 0, 0, 0],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped({ notCallable: 2, invalidPhone: 5 }),
      skipped({ notCallable: 1, successful: 1, invalidPhone: 6 }),
    ]);
    expect(callRows(report)).toEqual([
      [`${day}T10:00:00`, `${day}T10:00`, '+919811700071', ['AWB7900001'], 1, 'answered', true],
    ]);
  });

  it('carries attempts over four days: new before retries each morning, the third attempt is the last', async () => {
    const report = await simulate('three-attempts-over-four-days');
    expect(sessionRows(report)).toEqual([
      ['2026-11-24T10:00', 'scheduled', 2, 2, 0, 0],
      ['2026-11-25T10:00', 'scheduled', 3, 1, 2, 0],
      ['2026-11-26T10:00', 'scheduled', 3, 0, 3, 1],
      ['2026-11-27T10:00', 'scheduled', 1, 0, 1, 0],
    ]);
    expect(report.sessions.map((session) => session.skipped)).toEqual([
      skipped(),
      skipped(),
      skipped(),
      skipped({ successful: 1, maxAttempts: 1 }),
    ]);
    expect(report.calls.map((call) => [call.session, call.awbs[0], call.attempt, call.outcome])).toEqual([
      ['2026-11-24T10:00', 'AWB8000001', 1, 'no-answer'],
      ['2026-11-24T10:00', 'AWB8000002', 1, 'busy'],
      ['2026-11-25T10:00', 'AWB8000003', 1, 'answered'],
      ['2026-11-25T10:00', 'AWB8000001', 2, 'no-answer'],
      ['2026-11-25T10:00', 'AWB8000002', 2, 'busy'],
      ['2026-11-26T10:00', 'AWB8000001', 3, 'no-answer'],
      ['2026-11-26T10:00', 'AWB8000002', 3, 'answered'],
      ['2026-11-26T10:00', 'AWB8000003', 2, 'answered'],
      ['2026-11-27T10:00', 'AWB8000003', 3, 'answered'],
    ]);
    expect(report.totals).toEqual({ calls: 9, successful: 1, failed: 8, unresolved: 0, errors: 0 });
  });

  it('waits out a ten-minute outage of call creation as a session: nobody loses their turn, no failed create is an attempt', async () => {
    const report = await simulate('create-call-down-all-session');
    expect(report.sessions.map((session) => [session.start, session.calls, session.errors])).toEqual([
      [`${day}T10:00`, 3, 17],
      [`${day}T11:00`, 0, 0],
    ]);
    expect(report.sessions[0]!.state).toBe('completed');
    expect(report.sessions[1]!.skipped).toEqual(skipped({ successful: 3 }));
    expect(callRows(report)).toEqual([
      [`${day}T10:10:00`, `${day}T10:00`, '+919811700091', ['AWB8100001'], 1, 'answered', true],
      [`${day}T10:10:45`, `${day}T10:00`, '+919811700092', ['AWB8100002'], 1, 'answered', true],
      [`${day}T10:11:30`, `${day}T10:00`, '+919811700093', ['AWB8100003'], 1, 'answered', true],
    ]);
    expect(report.totals).toEqual({ calls: 3, successful: 3, failed: 0, unresolved: 0, errors: 17 });
    expect(report.providerCalls).toHaveLength(3);
  });

  it('keeps slots, working hours and run-now on Dubai wall-clock time for a desk in Asia/Dubai', async () => {
    const report = await simulate('dubai-desk');
    expect(sessionRows(report)).toEqual([
      [`${day}T10:00`, 'scheduled', 1, 1, 0, 0],
      [`${day}T12:00`, 'scheduled', 1, 0, 1, 1],
      [`${day}T16:30`, 'manual', 1, 1, 0, 1],
    ]);
    expect(report.sessions[2]!.skipped).toEqual(skipped({ successful: 1 }));
    expect(report.skippedSlots).toEqual([
      { at: `${day}T09:30`, reason: 'outside working hours' },
      { at: `${day}T17:00`, reason: 'outside working hours' },
    ]);
    expect(report.refused).toEqual([
      { at: `${day}T09:45`, trigger: 'manual', reason: 'outside working hours' },
      { at: `${day}T17:00`, trigger: 'manual', reason: 'outside working hours' },
    ]);
    expect(callRows(report)).toEqual([
      [`${day}T10:00:00`, `${day}T10:00`, '+919811700101', ['AWB8200001'], 1, 'busy', false],
      [`${day}T12:00:00`, `${day}T12:00`, '+919811700101', ['AWB8200001'], 2, 'answered', true],
      [`${day}T16:30:00`, `${day}T16:30`, '+919811700102', ['AWB8200002'], 1, 'answered', true],
    ]);
  });

  it('on one line, finishes a call begun inside working hours, starts none after them, skips a delivered order', async () => {
    const report = await simulate('one-line-past-hours');
    expect(report.sessions.map((session) => [session.start, session.state, session.calls])).toEqual([
      [`${day}T10:00`, 'closed', 3],
    ]);
    expect(callRows(report)).toEqual([
      [`${day}T10:00:00`, `${day}T10:00`, '+919811700111', ['AWB8300001'], 1, 'answered', true],
      [`${day}T10:25:00`, `${day}T10:00`, '+919811700112', ['AWB8300002'], 1, 'answered', true],
      [`${day}T10:50:00`, `${day}T10:00`, '+919811700114', ['AWB8300004'], 1, 'answered', true],
    ]);
    expect(report.skippedSlots).toEqual([
      { at: `${day}T10:45`, reason: 'a session was still dialling' },
      { at: `${day}T11:00`, reason: 'a session was still dialling' },
    ]);
    expect(report.refused).toEqual([
      { at: `${day}T09:59`, trigger: 'manual', reason: 'outside working hours' },
      { at: `${day}T10:10`, trigger: 'manual', reason: 'a session is already running' },
      { at: `${day}T11:20`, trigger: 'manual', reason: 'outside working hours' },
    ]);
    expect(report.totals).toEqual({ calls: 3, successful: 3, failed: 0, unresolved: 0, errors: 0 });
  });

  describe('a create retried by the VAPI client across the end of working hours', () => {
    const hoursEnd = parseLocalIso(`${day}T10:30`, 'Asia/Kolkata')!;
    let run: ReturnType<typeof simulateWithProviderTimes> | null = null;
    const simulated = () => (run ??= simulateWithProviderTimes('create-retry-past-hours'));

    it('accepts the run-now at 10:29:59 and knows when the provider created every call it accepted', async () => {
      const { report, accepted } = await simulated();
      expect(report.refused).toEqual([]);
      expect(report.sessions).toHaveLength(1);
      expect(report.sessions[0]).toMatchObject({ trigger: 'manual', calls: accepted.length });
      for (const call of accepted) {
        expect(call.askedAt).toBeLessThan(hoursEnd);
        expect(typeof call.createdAt).toBe('string');
        expect(Number.isNaN(Date.parse(call.createdAt as string))).toBe(false);
      }
    });

    // No call may start outside working hours: the client's retry after a backoff asks the session first.
    it('never has the provider create a call at or after the end of working hours', async () => {
      const { accepted } = await simulated();
      for (const call of accepted) {
        expect(Date.parse(call.createdAt as string)).toBeLessThan(hoursEnd);
      }
    });
  });
});
