/**
 * Never call a customer twice when a call's fate is uncertain: each scenario in tests/scenarios/faults/ is one
 * fault the desk used to turn into a second call (a lost reply, a 5xx after dialling, a locked database, a
 * crash while VAPI is unreachable, a rate-limit storm, a call that never ends). Each runs on the real engine
 * against the fake VAPI, and simulateChecked compares the desk's history with what VAPI itself placed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../src/main/simulator/report';
import { OWN_SCENARIOS, simulateChecked } from '../helpers/scenarios';

const dir = join(OWN_SCENARIOS, 'faults');
const simulate = (name: string) => simulateChecked(dir, name);

/** How many calls VAPI placed to each number. */
function placedPerPhone(report: SimulationReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of report.providerCalls) counts.set(call.phone, (counts.get(call.phone) ?? 0) + 1);
  return counts;
}

describe('a create whose reply is lost after VAPI placed the call', () => {
  it('finds a timed-out create in VAPI’s list, records it as answered, and never dials that customer again', async () => {
    const report = await simulate('create-timeout-dialled');
    expect(report.providerCalls).toHaveLength(10);
    expect([...placedPerPhone(report).values()].every((count) => count === 1)).toBe(true);
    expect(report.calls.every((call) => call.outcome === 'answered' && call.successful)).toBe(true);
    expect(report.calls.every((call) => call.providerId !== null)).toBe(true);
    expect(report.sessions.map((session) => [session.start, session.calls])).toEqual([
      ['2026-11-24T10:00', 10],
      ['2026-11-24T12:00', 0],
    ]);
    expect(report.sessions[1]!.skipped.successful).toBe(10);
  });

  it('records a reset create as VAPI says it went, and retries only the busy customers at 12:00', async () => {
    const report = await simulate('create-reset-dialled');
    expect(report.providerCalls).toHaveLength(12);
    expect(report.sessions.map((session) => [session.start, session.calls, session.retries])).toEqual([
      ['2026-11-24T10:00', 10, 0],
      ['2026-11-24T12:00', 2, 2],
    ]);
    const noon = report.calls.filter((call) => call.session === '2026-11-24T12:00');
    expect(noon.map((call) => [call.phone, call.attempt, call.outcome])).toEqual([
      ['+919850200001', 2, 'answered'],
      ['+919850200002', 2, 'answered'],
    ]);
  });

  it('never re-sends a create answered 500 or 502 after VAPI placed it: one ring per customer', async () => {
    const report = await simulate('create-5xx-dialled');
    expect(report.providerCalls).toHaveLength(6);
    expect([...placedPerPhone(report).values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(report.totals).toEqual({ calls: 6, successful: 6, failed: 0, unresolved: 0, errors: 0 });
  });
});

describe('a database locked by another program', () => {
  it('waits the lock out and records every call: a failed write is never taken for "nobody was dialled"', async () => {
    const report = await simulate('store-locked');
    expect(report.totals).toEqual({ calls: 5, successful: 5, failed: 0, unresolved: 0, errors: 0 });
    expect(report.providerCalls).toHaveLength(5);
    expect(report.sessions[1]).toMatchObject({ calls: 0 });
    expect(report.sessions[1]!.skipped.successful).toBe(5);
  });
});

describe('a crash while calls ring, and VAPI unreachable at the restart', () => {
  it('keeps the calls unresolved until VAPI answers, then records them; only the busy ones are retried', async () => {
    const report = await simulate('crash-vapi-unreachable');
    expect(report.providerCalls).toHaveLength(11);
    expect(report.sessions.map((session) => [session.start, session.state, session.calls])).toEqual([
      ['2026-11-24T10:00', 'interrupted', 8],
      ['2026-11-24T11:00', 'completed', 0],
      ['2026-11-24T12:00', 'completed', 3],
    ]);
    const ten = report.calls.filter((call) => call.session === '2026-11-24T10:00');
    expect(ten.filter((call) => call.successful)).toHaveLength(5);
    expect(ten.filter((call) => call.outcome === 'busy')).toHaveLength(3);
    expect(report.sessions[1]!.skipped.cooldown).toBe(8);
    const noon = report.calls.filter((call) => call.session === '2026-11-24T12:00');
    expect(noon.map((call) => [call.phone, call.attempt, call.successful])).toEqual([
      ['+919850500006', 2, true],
      ['+919850500007', 2, true],
      ['+919850500008', 2, true],
    ]);
  });
});

describe('a rate-limit storm at the start of the biggest session', () => {
  it('pauses the 10:00 session through a 3-minute storm and then calls every customer once', async () => {
    const report = await simulate('rate-limit-storm');
    const [ten, eleven] = report.sessions;
    expect(ten).toMatchObject({ start: '2026-11-24T10:00', calls: 100, new: 100, successful: 100 });
    expect(eleven).toMatchObject({ calls: 0 });
    expect(report.providerCalls).toHaveLength(100);
    expect(report.calls.every((call) => call.attempt === 1 && call.at >= '2026-11-24T10:03:00')).toBe(true);
    // The refused creates are on record as errors (not attempts); far fewer than one per customer per retry.
    expect(report.totals.errors).toBeGreaterThan(0);
    expect(report.totals.errors).toBeLessThan(30);
  });
});

describe('a call that never ends at VAPI', () => {
  it('hands the stuck call over after its maximum duration, so every later slot runs; its number stays blocked', async () => {
    const report = await simulate('stuck-call');
    expect(report.skippedSlots).toEqual([]);
    expect(report.sessions.map((session) => [session.start, session.state, session.calls])).toEqual([
      ['2026-11-24T10:00', 'completed', 3],
      ['2026-11-24T11:00', 'completed', 1],
      ['2026-11-24T12:00', 'completed', 0],
      ['2026-11-24T13:00', 'completed', 0],
    ]);
    const stuck = report.calls.filter((call) => call.phone === '+919850700001');
    expect(stuck).toEqual([expect.objectContaining({ outcome: null, successful: false })]);
    expect(report.sessions[1]!.skipped.cooldown).toBe(1);
    expect(report.sessions[2]!.skipped.unresolved).toBe(1);
    expect(report.sessions[3]!.skipped.unresolved).toBe(1);
  });
});

describe('every scenario the project ships', () => {
  it('is run by a test that checks "never twice" (simulateChecked)', () => {
    const testsDir = join(__dirname);
    const sources = readdirSync(testsDir)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => readFileSync(join(testsDir, file), 'utf8'))
      .join('\n');
    const scenarioFiles = ['', 'adversarial', 'faults', 'answers'].flatMap((sub) =>
      readdirSync(join(OWN_SCENARIOS, sub))
        .filter((file) => file.endsWith('.json'))
        .map((file) => file.replace(/\.json$/, '')),
    );
    const unrun = scenarioFiles.filter((name) => !sources.includes(`'${name}`));
    expect(unrun).toEqual([]);
  });
});
