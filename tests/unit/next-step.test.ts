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

describe('the step for each answer, with the sentence the operator reads and the action dispatch gets', () => {
  const full = {
    date: '2026-11-26',
    time: '16:00',
    address: 'Flat 4, MG Road',
    landmark: 'near the temple',
    notes: 'ring twice',
  };
  const action = (kind: string, fields: Partial<typeof full> = full) => ({
    kind,
    date: fields.date ?? null,
    time: fields.time ?? null,
    address: fields.address ?? null,
    landmark: fields.landmark ?? null,
    notes: fields.notes ?? null,
  });
  const nothing = {
    successful: false,
    callbackAt: null,
    noCallBefore: null,
    closesOrder: false,
    badNumber: false,
    action: null,
  };

  it.each(['busy', 'no-answer', 'voicemail', 'failed', 'error', 'canceled', 'interrupted'] as const)(
    'a %s call with an ordinary end reason changes nothing but the attempt count',
    (outcome) => {
      expect(step({ outcome, endedReason: 'customer-busy', answer: answer({ ...full }) })).toEqual({
        ...nothing,
        why: `not answered (${outcome})`,
      });
    },
  );

  it('a call without an end reason is just not answered', () => {
    expect(step({ outcome: 'failed', endedReason: null })).toEqual({
      ...nothing,
      why: 'not answered (failed)',
    });
  });

  it('a number VAPI could not dial: bad number, and a fix-phone action naming the reason', () => {
    const endedReason = 'twilio-reported-customer-misdialed';
    expect(step({ outcome: 'failed', endedReason, answer: answer({ ...full }) })).toEqual({
      ...nothing,
      badNumber: true,
      action: action('fix-phone', { notes: `VAPI could not dial the number (${endedReason})` }),
      why: `the number could not be dialled (${endedReason}): fix the phone before it is called again`,
    });
  });

  it.each([
    'call.in-progress.error-providerfault-outbound-sip-4030-x',
    'call.in-progress.error-providerfault-outbound-sip-405-method-not-allowed',
    'call.in-progress.error-providerfault-outbound-sip-503-service-unavailable',
  ])('another SIP code (%s) does not mark the number bad', (endedReason) => {
    expect(step({ outcome: 'failed', endedReason }).badNumber).toBe(false);
  });

  it('an answered call is never a bad number, whatever the end reason says', () => {
    expect(
      step({ endedReason: 'twilio-reported-customer-misdialed', answer: answer({ intent: 'confirmed' }) }),
    ).toMatchObject({ badNumber: false, successful: true });
  });

  it('an answered call without a readable answer says so', () => {
    expect(step({ answer: null })).toEqual({
      ...nothing,
      why: 'answered, but no answer could be read from VAPI: called again after the cooldown',
    });
  });

  it('confirmed', () => {
    expect(step({ answer: answer({ intent: 'confirmed', ...full }) })).toEqual({
      ...nothing,
      successful: true,
      why: 'the customer confirmed the delivery',
    });
  });

  it('address-change carries every field the customer gave', () => {
    expect(step({ answer: answer({ intent: 'address-change', ...full }) })).toEqual({
      ...nothing,
      successful: true,
      action: action('address-change'),
      why: 'the customer confirmed and gave a new address',
    });
  });

  it('reschedule names the day asked, or "another day"', () => {
    expect(step({ answer: answer({ intent: 'reschedule', ...full }) })).toEqual({
      ...nothing,
      noCallBefore: at('2026-11-26T10:00'),
      action: action('reschedule'),
      why: 'the customer asked for delivery on 2026-11-26: not called before 2026-11-26',
    });
    expect(step({ answer: answer({ intent: 'reschedule' }) }).why).toBe(
      'the customer asked for delivery another day: not called before 2026-11-25',
    );
  });

  it('reschedule to a day that cannot be read still ends calling for the day', () => {
    expect(step({ answer: answer({ intent: 'reschedule', date: 'next week' }) }).noCallBefore).toBe(
      at('2026-11-25T00:00'),
    );
  });

  it('reschedule to tomorrow waits for tomorrow’s opening', () => {
    expect(step({ answer: answer({ intent: 'reschedule', date: '2026-11-25' }) }).noCallBefore).toBe(
      at('2026-11-25T10:00'),
    );
  });

  it('callback with a time says when; without one, says the cooldown applies', () => {
    expect(step({ answer: answer({ intent: 'callback', ...full }) })).toEqual({
      ...nothing,
      callbackAt: at('2026-11-26T16:00'),
      action: action('callback'),
      why: 'the customer asked to be called back at 16:00',
    });
    expect(step({ answer: answer({ intent: 'callback' }) }).why).toBe(
      'the customer asked to be called back without a time: called again after the cooldown',
    );
  });

  it('cancel and wrong-number', () => {
    expect(step({ answer: answer({ intent: 'cancel', notes: 'ordered by mistake' }) })).toEqual({
      ...nothing,
      closesOrder: true,
      action: action('cancel', { notes: 'ordered by mistake' }),
      why: 'the customer cancelled the order',
    });
    expect(step({ answer: answer({ intent: 'wrong-number' }) })).toEqual({
      ...nothing,
      closesOrder: true,
      action: action('wrong-number', {}),
      why: 'the person who answered said it is the wrong number',
    });
  });

  it('unclear', () => {
    expect(step({ answer: answer({ intent: 'unclear', ...full }) })).toEqual({
      ...nothing,
      why: 'the answer was unclear: called again after the cooldown',
    });
  });
});

describe('the callback instant at the edges of the day', () => {
  const ended = at('2026-11-24T10:01');
  const asked = (time: string, date: string | null = null, endedAt = ended) =>
    callbackInstant(answer({ intent: 'callback', time, date }), endedAt, settings);

  it('a time equal to the end of the call is tomorrow', () => {
    expect(asked('10:01')).toBe(at('2026-11-25T10:01'));
  });

  it('the opening minute itself is kept; a minute before closing too', () => {
    expect(asked('10:00', '2026-11-25')).toBe(at('2026-11-25T10:00'));
    expect(asked('16:59')).toBe(at('2026-11-24T16:59'));
  });

  it('no callback instant for a time or a day that cannot be read', () => {
    expect(asked('4 baje')).toBeNull();
    expect(asked('25:00')).toBeNull();
    expect(asked('16:00:30')).toBeNull();
    expect(asked('')).toBeNull();
    expect(asked('11:00', 'next week')).toBeNull();
  });
});
