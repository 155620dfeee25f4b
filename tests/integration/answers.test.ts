/**
 * What the customer said decides what happens next: one scenario per answer in tests/scenarios/answers/, run
 * on the real engine against the fake VAPI, which answers with the matching structured outputs. Each
 * description says the rule; simulateChecked also checks that nobody was called twice.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../src/main/simulator/report';
import { OWN_SCENARIOS, simulateChecked } from '../helpers/scenarios';

const dir = join(OWN_SCENARIOS, 'answers');
const simulate = (name: string) => simulateChecked(dir, name);

/** [session, phone, attempt, outcome, answer, successful] */
function callRows(report: SimulationReport) {
  return report.calls.map((call) => [
    call.session,
    call.phone,
    call.attempt,
    call.outcome,
    call.answer,
    call.successful,
  ]);
}

describe('the customer’s answer', () => {
  it('confirmed ends calling; answered without a readable answer is unclear, an attempt retried after the cooldown', async () => {
    const report = await simulate('confirmed');
    expect(callRows(report)).toEqual([
      ['2026-11-24T10:00', '+919860100001', 1, 'answered', 'confirmed', true],
      ['2026-11-24T10:00', '+919860100002', 1, 'answered', 'confirmed', true],
      ['2026-11-24T10:00', '+919860100003', 1, 'answered', null, false],
      ['2026-11-24T12:00', '+919860100003', 2, 'answered', 'confirmed', true],
    ]);
    expect(report.sessions[1]!.skipped).toMatchObject({ successful: 2, cooldown: 1 });
    expect(report.actions).toEqual([]);
  });

  it('reschedule: nobody calls again before the day asked; an action carries the date', async () => {
    const report = await simulate('reschedule');
    expect(
      report.sessions.map((session) => [session.start, session.calls, session.skipped.rescheduled]),
    ).toEqual([
      ['2026-11-24T10:00', 3, 0],
      ['2026-11-24T12:00', 1, 2],
      ['2026-11-24T14:00', 0, 2],
      ['2026-11-25T10:00', 0, 2],
      ['2026-11-25T12:00', 0, 2],
      ['2026-11-25T14:00', 0, 2],
      ['2026-11-26T10:00', 2, 0],
      ['2026-11-26T12:00', 0, 0],
      ['2026-11-26T14:00', 0, 0],
    ]);
    const onTheDay = report.calls.filter((call) => call.session === '2026-11-26T10:00');
    expect(onTheDay.map((call) => [call.phone, call.attempt, call.answer])).toEqual([
      ['+919860200001', 2, 'confirmed'],
      ['+919860200002', 2, 'confirmed'],
    ]);
    expect([...report.actions].sort((a, b) => a.awb.localeCompare(b.awb))).toEqual([
      { awb: 'AWB6020001', kind: 'reschedule', date: '2026-11-26' },
      { awb: 'AWB6020002', kind: 'reschedule', date: '2026-11-26' },
    ]);
  });

  it('callback: called at the time asked, sooner than the cooldown, in a session of its own, counted as an attempt', async () => {
    const report = await simulate('callback');
    expect(report.sessions.map((session) => [session.start, session.trigger, session.calls])).toEqual([
      ['2026-11-24T10:00', 'scheduled', 3],
      ['2026-11-24T11:30', 'callback', 1],
      ['2026-11-24T12:00', 'scheduled', 1],
      ['2026-11-24T16:00', 'callback', 1],
    ]);
    expect(callRows(report).filter((row) => row[0] !== '2026-11-24T10:00')).toEqual([
      ['2026-11-24T11:30', '+919860300001', 2, 'answered', 'confirmed', true],
      ['2026-11-24T12:00', '+919860300003', 2, 'answered', 'confirmed', true],
      ['2026-11-24T16:00', '+919860300002', 2, 'answered', 'confirmed', true],
    ]);
    // At 12:00 the customer who asked for 16:00 waits for their time, not for the cooldown.
    expect(report.sessions[2]!.skipped.cooldown).toBe(1);
    expect(report.actions.map((action) => [action.awb, action.kind, action.time])).toEqual([
      ['AWB6030001', 'callback', '11:30'],
      ['AWB6030002', 'callback', '16:00'],
    ]);
  });

  it('address-change is a success for calling, with an action carrying the new address', async () => {
    const report = await simulate('address-change');
    expect(callRows(report)).toEqual([
      ['2026-11-24T10:00', '+919860400001', 1, 'answered', 'address-change', true],
    ]);
    expect(report.actions).toEqual([
      { awb: 'AWB6040001', kind: 'address-change', address: expect.stringMatching(/\S/) },
    ]);
    expect(report.sessions[1]!.skipped.successful).toBe(1);
  });

  it('cancel and wrong number: the order is never called again, with an action each', async () => {
    const report = await simulate('cancel-and-wrong-number');
    expect(report.calls).toHaveLength(2);
    expect(report.sessions.slice(1).map((session) => session.skipped.stopped)).toEqual([2, 2]);
    expect(report.actions.map((action) => action.kind).sort()).toEqual(['cancel', 'wrong-number']);
  });

  it('misdialled: the number is not dialled again, and a fix-phone action is raised', async () => {
    const report = await simulate('misdialled');
    expect(callRows(report)).toEqual([
      ['2026-11-24T10:00', '+919860600001', 1, 'failed', null, false],
      ['2026-11-24T10:00', '+919860600002', 1, 'busy', null, false],
      ['2026-11-24T12:00', '+919860600002', 2, 'answered', 'confirmed', true],
    ]);
    expect(report.sessions[1]!.skipped.invalidPhone).toBe(1);
    expect(report.actions).toEqual([{ awb: 'AWB6060001', kind: 'fix-phone' }]);
  });
});
