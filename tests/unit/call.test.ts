/**
 * Counting calls (domain/call.ts): which rows are attempts, which are still open, and the tally the console,
 * the report and the simulator share.
 */
import { describe, expect, it } from 'vitest';
import { countsAsAttempt, isUnresolved, tallyCalls, type CallAttempt } from '../../src/main/domain/call';

type Row = Pick<CallAttempt, 'outcome' | 'kind' | 'successful' | 'state' | 'cost'>;
const row = (overrides: Partial<Row> = {}): Row => ({
  outcome: 'busy',
  kind: 'new',
  successful: false,
  state: 'ended',
  cost: null,
  ...overrides,
});

describe('countsAsAttempt and isUnresolved', () => {
  it.each([
    ['error', false],
    ['canceled', false],
    ['answered', true],
    ['busy', true],
    ['interrupted', true],
    [null, true],
  ] as const)('a %s call is an attempt: %s', (outcome, attempt) => {
    expect(countsAsAttempt({ outcome })).toBe(attempt);
  });

  it.each([
    ['ended', false],
    ['pending', true],
    ['ringing', true],
    ['unresolved', true],
  ] as const)('a call %s is unresolved: %s', (state, unresolved) => {
    expect(isUnresolved({ state })).toBe(unresolved);
  });
});

describe('tallyCalls', () => {
  it('is all zeros for no calls', () => {
    expect(tallyCalls([])).toEqual({
      calls: 0,
      newCalls: 0,
      retryCalls: 0,
      successful: 0,
      failed: 0,
      inFlight: 0,
      unresolved: 0,
      errors: 0,
      cost: 0,
    });
  });

  it('counts each kind of row once, in its one column, and adds the cost of placed calls', () => {
    const rows = [
      row({ outcome: 'answered', successful: true, cost: 0.25 }),
      row({ kind: 'retry', cost: 0.5 }),
      row({ kind: 'retry', outcome: null, state: 'ringing' }),
      row({ outcome: null, state: 'unresolved' }),
      row({ outcome: 'error', cost: 9 }),
      row({ outcome: 'canceled', kind: 'retry' }),
    ];
    expect(tallyCalls(rows)).toEqual({
      calls: 4,
      newCalls: 2,
      retryCalls: 2,
      successful: 1,
      failed: 1,
      inFlight: 1,
      unresolved: 1,
      errors: 2,
      cost: 0.75,
    });
  });
});
