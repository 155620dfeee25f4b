/**
 * What the customer said decides what happens next (domain/next-step.ts), rule by rule.
 */
import { describe, expect, it } from 'vitest';
import type { CustomerAnswerView } from '../../src/shared/desk-types';
import { callbackInstant, nextStepFor, type NextStepInput } from '../../src/main/domain/next-step';
import { DEFAULT_CALLING_SETTINGS } from '../../src/main/domain/settings';
import { at } from '../helpers/factories';

const settings = DEFAULT_CALLING_SETTINGS;

function answer(overrides: Partial<CustomerAnswerView>): CustomerAnswerView {
  return {
    intent: 'confirmed',
    date: null,
    time: null,
    address: null,
    landmark: null,
    codReady: null,
    notes: null,
    source: 'structuredOutputs',
    ...overrides,
  };
}

function step(overrides: Partial<NextStepInput>) {
  return nextStepFor({
    outcome: 'answered',
    endedReason: 'assistant-ended-call',
    answer: null,
    endedAt: at('2026-11-24T10:01'),
    settings,
    ...overrides,
  });
}

describe('success comes only from what the customer said', () => {
  it('confirmed is a success, with no action', () => {
    expect(step({ answer: answer({ intent: 'confirmed' }) })).toMatchObject({
      successful: true,
      action: null,
    });
  });

  it('an answered call without a readable answer is not a success (no evaluation, empty analysis, late analysis)', () => {
    expect(step({ answer: null })).toMatchObject({ successful: false, action: null, callbackAt: null });
  });

  it('unclear is an attempt, not a success, retried after the cooldown', () => {
    expect(step({ answer: answer({ intent: 'unclear' }) })).toMatchObject({
      successful: false,
      callbackAt: null,
      noCallBefore: null,
      closesOrder: false,
    });
  });

  it.each(['busy', 'no-answer', 'voicemail', 'failed'] as const)('%s is never a success', (outcome) => {
    expect(step({ outcome, endedReason: 'customer-busy', answer: answer({}) })).toMatchObject({
      successful: false,
    });
  });
});

describe('the answers that give dispatch work', () => {
  it('address-change is a success for calling, with the new address in an action', () => {
    const result = step({
      answer: answer({ intent: 'address-change', address: 'Flat 4, MG Road', landmark: 'near the temple' }),
    });
    expect(result).toMatchObject({
      successful: true,
      action: { kind: 'address-change', address: 'Flat 4, MG Road', landmark: 'near the temple' },
    });
  });

  it('reschedule blocks calling until the day asked opens, with the date in an action', () => {
    const result = step({ answer: answer({ intent: 'reschedule', date: '2026-11-26' }) });
    expect(result).toMatchObject({ successful: false, action: { kind: 'reschedule', date: '2026-11-26' } });
    expect(result.noCallBefore).toBe(at('2026-11-26T10:00'));
  });

  it('reschedule without a day (or for today) still ends calling for the day', () => {
    expect(step({ answer: answer({ intent: 'reschedule' }) }).noCallBefore).toBe(at('2026-11-25T00:00'));
    expect(step({ answer: answer({ intent: 'reschedule', date: '2026-11-24' }) }).noCallBefore).toBe(
      at('2026-11-25T00:00'),
    );
  });

  it('cancel and wrong-number close the order, each with its action', () => {
    expect(step({ answer: answer({ intent: 'cancel' }) })).toMatchObject({
      closesOrder: true,
      successful: false,
      action: { kind: 'cancel' },
    });
    expect(step({ answer: answer({ intent: 'wrong-number' }) })).toMatchObject({
      closesOrder: true,
      action: { kind: 'wrong-number' },
    });
  });

  it.each([
    'twilio-reported-customer-misdialed',
    'call.in-progress.error-providerfault-outbound-sip-403-forbidden',
    'call.in-progress.error-providerfault-outbound-sip-404-not-found',
    'call.in-progress.error-providerfault-outbound-sip-484-address-incomplete',
  ])('a number VAPI could not dial (%s) is marked bad, with a fix-phone action', (endedReason) => {
    expect(step({ outcome: 'failed', endedReason })).toMatchObject({
      badNumber: true,
      successful: false,
      action: { kind: 'fix-phone' },
    });
  });

  it('a plain connection failure does not mark the number bad', () => {
    expect(step({ outcome: 'failed', endedReason: 'twilio-failed-to-connect-call' })).toMatchObject({
      badNumber: false,
      action: null,
    });
  });
});

describe('callbacks at the time asked, inside working hours', () => {
  const ended = at('2026-11-24T10:01');
  const asked = (time: string, date: string | null = null) =>
    callbackInstant(answer({ intent: 'callback', time, date }), ended, settings);

  it('calls back at the time asked later that day, even sooner than the cooldown', () => {
    expect(asked('11:30')).toBe(at('2026-11-24T11:30'));
  });

  it('a time already past means the next day at that time', () => {
    expect(asked('10:00')).toBe(at('2026-11-25T10:00'));
  });

  it('a time before working hours moves to their start; after them, to the next day’s start', () => {
    expect(asked('09:00', '2026-11-25')).toBe(at('2026-11-25T10:00'));
    expect(asked('19:00')).toBe(at('2026-11-25T10:00'));
    expect(asked('17:00')).toBe(at('2026-11-25T10:00'));
  });

  it('a day asked is kept', () => {
    expect(asked('15:00', '2026-11-27')).toBe(at('2026-11-27T15:00'));
  });

  it('without a time there is no callback instant: the cooldown applies, and the action is still raised', () => {
    const result = step({ answer: answer({ intent: 'callback' }) });
    expect(result).toMatchObject({ callbackAt: null, action: { kind: 'callback' } });
  });

  it('the callback instant is recorded on the step', () => {
    expect(step({ answer: answer({ intent: 'callback', time: '16:00' }) }).callbackAt).toBe(
      at('2026-11-24T16:00'),
    );
  });
});
