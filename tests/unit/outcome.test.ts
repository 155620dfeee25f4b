import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../src/main/domain/call';
import {
  classifyEndedCall,
  customerSpoke,
  evaluationVerdict,
  isTerminalStatus,
  type EndedCallFacts,
  type EvaluationVerdict,
} from '../../src/main/domain/outcome';

const CONVERSATION = 'AI: Namaste Raj ji, aapka parcel aaj aa raha hai.\nUser: Haan ji, shaam ko aaiye.';
const NOBODY_SPOKE = 'AI: Namaste? Hello? Kya aap sun pa rahe hain?';

function call(endedReason: string | undefined, extra: Partial<EndedCallFacts> = {}): EndedCallFacts {
  return { status: 'ended', endedReason, ...extra };
}

const withTalk = (successEvaluation?: unknown): Partial<EndedCallFacts> => ({
  artifact: { transcript: CONVERSATION },
  ...(successEvaluation === undefined ? {} : { analysis: { successEvaluation } }),
});

describe('classifyEndedCall', () => {
  const cases: Array<[string, EndedCallFacts, CallOutcome]> = [
    ['a busy line is busy', call('customer-busy'), 'busy'],
    ['a call nobody picked up is no-answer', call('customer-did-not-answer'), 'no-answer'],
    ['VAPI voicemail detection is voicemail', call('voicemail'), 'voicemail'],
    ['a talk the evaluation passed is answered', call('assistant-ended-call', withTalk('true')), 'answered'],
    [
      'a talk the evaluation failed is answered, not a success',
      call('customer-ended-call', withTalk('false')),
      'answered',
    ],
    ['a boolean true evaluation counts as a pass', call('assistant-ended-call', withTalk(true)), 'answered'],
    [
      'a talk without any evaluation configured is answered',
      call('customer-ended-call', withTalk()),
      'answered',
    ],
    [
      'a finished call without artifacts is answered (its answer decides the rest)',
      call('customer-ended-call'),
      'answered',
    ],
    ['a talk cut at max duration still counts', call('exceeded-max-duration', withTalk('Pass')), 'answered'],
    [
      'an unreadable evaluation does not confirm success',
      call('assistant-ended-call', withTalk('Checklist: 2 of 5')),
      'answered',
    ],
    [
      'silence with nobody speaking is no-answer',
      call('silence-timed-out', { artifact: { transcript: NOBODY_SPOKE } }),
      'no-answer',
    ],
    [
      'a pick-up and hang-up without a word is no-answer',
      call('customer-ended-call', { artifact: { messages: [{ role: 'bot', message: 'Namaste' }] } }),
      'no-answer',
    ],
    ['Twilio failing to connect is failed', call('twilio-failed-to-connect-call'), 'failed'],
    ['Vonage failing to connect is failed', call('vonage-failed-to-connect-call'), 'failed'],
    ['a misdialled number is failed', call('twilio-reported-customer-misdialed'), 'failed'],
    [
      'a SIP 503 from the trunk is failed',
      call('call.in-progress.error-providerfault-outbound-sip-503-service-unavailable'),
      'failed',
    ],
    [
      'a transport that never connected is failed',
      call('call.in-progress.error-vapifault-transport-never-connected'),
      'failed',
    ],
    [
      'SIP 480 (temporarily unavailable) is no-answer',
      call('call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable'),
      'no-answer',
    ],
    [
      'SIP 408 (request timeout) is no-answer',
      call('call.in-progress.error-providerfault-outbound-sip-408-request-timeout'),
      'no-answer',
    ],
    [
      'the concurrency limit means nobody was dialled',
      call('call.start.error-subscription-concurrency-limit-reached'),
      'error',
    ],
    [
      'missing credits mean nobody was dialled',
      call('call.start.error-subscription-insufficient-credits'),
      'error',
    ],
    ['an unknown assistant means nobody was dialled', call('assistant-not-found'), 'error'],
    ['a failing assistant server means nobody was dialled', call('assistant-request-failed'), 'error'],
    [
      'no assistant at all means nobody was dialled',
      call('call-start-error-neither-assistant-nor-server-set'),
      'error',
    ],
    [
      'an LLM failure before anyone spoke is failed',
      call('pipeline-error-openai-llm-failed', { artifact: { transcript: NOBODY_SPOKE } }),
      'failed',
    ],
    [
      'a dropped websocket without artifacts is failed',
      call('phone-call-provider-closed-websocket'),
      'failed',
    ],
    [
      'a mid-call fault after the customer spoke is answered but not a success',
      call('call.in-progress.error-vapifault-worker-died', withTalk()),
      'answered',
    ],
    [
      'a mid-call fault after the customer spoke is answered whatever the evaluation',
      call('pipeline-error-eleven-labs-voice-failed', withTalk('true')),
      'answered',
    ],
    ['a new busy-like reason is busy', call('customer-line-busy-on-network'), 'busy'],
    [
      'a new reason after a conversation is judged by the evaluation',
      call('call.ended.some-new-reason', withTalk('true')),
      'answered',
    ],
    ['a new reason with nothing said is failed', call('call.ended.some-new-reason'), 'failed'],
    ['a call cancelled at VAPI before it reached anyone is canceled', call('manually-canceled'), 'canceled'],
    [
      'silence without artifacts is no-answer: nobody is on record speaking',
      call('silence-timed-out'),
      'no-answer',
    ],
    ['no end reason at all is failed', call(undefined), 'failed'],
  ];

  it.each(cases)('%s', (_rule, facts, outcome) => {
    const verdict = classifyEndedCall(facts);
    expect(verdict.outcome).toBe(outcome);
    expect(verdict.why.length).toBeGreaterThan(0);
  });

  it('never judges success: only the customer’s answer does (next-step.ts)', () => {
    expect(classifyEndedCall(call('assistant-ended-call', withTalk('true')))).not.toHaveProperty(
      'successful',
    );
  });

  it('treats every call.start error VAPI lists as "not dialled", never as an attempt', () => {
    const startErrors = [
      'call.start.error-vapifault-get-org',
      'call.start.error-vapifault-get-subscription',
      'call.start.error-get-assistant',
      'call.start.error-get-phone-number',
      'call.start.error-get-customer',
      'call.start.error-get-resources-validation',
      'call.start.error-vapi-number-international',
      'call.start.error-vapi-number-outbound-daily-limit',
      'call.start.error-get-transport',
      'call.start.error-subscription-wallet-does-not-exist',
      'call.start.error-fraud-check-failed',
      'call.start.error-subscription-frozen',
      'call.start.error-subscription-upgrade-failed',
      'call.start.error-enterprise-feature-not-available-recording-consent',
      'call.start.error-vapifault-database-error',
    ];
    for (const reason of startErrors) expect(classifyEndedCall(call(reason)).outcome, reason).toBe('error');
  });

  it('reads the older top-level transcript when there is no artifact', () => {
    expect(classifyEndedCall(call('silence-timed-out', { transcript: NOBODY_SPOKE })).outcome).toBe(
      'no-answer',
    );
    expect(classifyEndedCall(call('silence-timed-out', { transcript: CONVERSATION })).outcome).toBe(
      'answered',
    );
  });
});

describe('evaluationVerdict', () => {
  const cases: Array<[unknown, EvaluationVerdict]> = [
    ['true', 'pass'],
    ['TRUE', 'pass'],
    ['"true"', 'pass'],
    [true, 'pass'],
    ['Pass', 'pass'],
    ['false', 'fail'],
    [false, 'fail'],
    ['Excellent', 'pass'],
    ['Good', 'pass'],
    ['Fair', 'fail'],
    ['Poor', 'fail'],
    ['Strongly Agree', 'pass'],
    ['Neutral', 'fail'],
    ['8', 'pass'],
    ['6', 'fail'],
    ['8/10', 'pass'],
    [9, 'pass'],
    ['85%', 'pass'],
    ['40%', 'fail'],
    [75, 'pass'],
    [undefined, 'none'],
    [null, 'none'],
    ['  ', 'none'],
    ['Checklist: greeting done, slot agreed', 'unreadable'],
    [{ score: 1 }, 'unreadable'],
  ];
  it.each(cases)('reads %j as %s', (value, expected) => {
    expect(evaluationVerdict(value)).toBe(expected);
  });
});

describe('customerSpoke', () => {
  it('looks at user turns in the messages first', () => {
    expect(customerSpoke({ artifact: { messages: [{ role: 'user', message: 'haan' }] } })).toBe(true);
    expect(customerSpoke({ artifact: { messages: [{ role: 'user', message: '  ' }] } })).toBe(false);
  });
  it('falls back to the transcript, and says so when there is neither', () => {
    expect(customerSpoke({ artifact: { transcript: CONVERSATION } })).toBe(true);
    expect(customerSpoke({ artifact: { transcript: NOBODY_SPOKE } })).toBe(false);
    expect(customerSpoke({})).toBeNull();
  });
});

describe('isTerminalStatus', () => {
  it.each([
    ['ended', true],
    ['not-found', true],
    ['deletion-failed', true],
    ['queued', false],
    ['ringing', false],
    ['in-progress', false],
    ['forwarding', false],
    ['scheduled', false],
  ])('%s → %s', (status, terminal) => {
    expect(isTerminalStatus(status)).toBe(terminal);
  });
});
