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

describe('classifyEndedCall, reason by reason: what happened and the sentence the operator reads', () => {
  const spoke = { artifact: { messages: [{ role: 'user', message: 'haan ji' }] } };
  const silent = { artifact: { messages: [{ role: 'bot', message: 'Namaste?' }] } };

  it.each([
    'customer-ended-call',
    'assistant-ended-call',
    'assistant-ended-call-after-message-spoken',
    'assistant-ended-call-with-hangup-task',
    'assistant-said-end-call-phrase',
    'assistant-forwarded-call',
    'exceeded-max-duration',
    'customer-ended-call-before-warm-transfer',
    'customer-ended-call-after-warm-transfer-attempt',
    'customer-ended-call-during-transfer',
    'call.forwarding.operator-busy',
    'call.forwarding.no-answer',
    'call.in-progress.twilio-completed-call',
    'call.in-progress.sip-completed-call',
    'vonage-completed',
    'call.ending.hook-executed-say',
    'call.ending.hook-executed-transfer',
  ])('%s ends a conversation: answered without artifacts, no-answer when only the bot spoke', (reason) => {
    expect(classifyEndedCall(call(reason))).toEqual({
      outcome: 'answered',
      why: `customer answered (${reason})`,
    });
    expect(classifyEndedCall(call(reason, silent))).toEqual({
      outcome: 'no-answer',
      why: `nobody spoke (${reason})`,
    });
  });

  it('silence-timed-out is a conversation only when the customer is on record speaking', () => {
    expect(classifyEndedCall(call('silence-timed-out', spoke))).toEqual({
      outcome: 'answered',
      why: 'customer answered (silence-timed-out)',
    });
    for (const facts of [{}, silent]) {
      expect(classifyEndedCall(call('silence-timed-out', facts))).toEqual({
        outcome: 'no-answer',
        why: 'nobody spoke (silence-timed-out)',
      });
    }
  });

  const neverDialled = [
    'call-start-error-neither-assistant-nor-server-set',
    'assistant-not-found',
    'assistant-not-valid',
    'assistant-not-invalid',
    'assistant-not-provided',
    'scheduled-call-deleted',
    'phone-call-provider-bypass-enabled-but-no-call-received',
    'db-error',
    'no-server-available',
    'call.start.error-anything-new',
    'assistant-request-returned-error',
  ];
  const couldNotConnect = [
    'twilio-failed-to-connect-call',
    'call.in-progress.error-vapifault-transport-never-connected',
    'call.in-progress.error-providerfault-outbound-sip-403-forbidden',
    'call.in-progress.error-providerfault-outbound-sip-503-service-unavailable',
    'twilio-reported-customer-misdialed',
    'vonage-rejected',
  ];

  it.each([
    ...neverDialled.map((reason) => [reason, 'error', 'VAPI did not start the call'] as const),
    ...couldNotConnect.map((reason) => [reason, 'failed', 'the call could not be connected'] as const),
  ])('%s is %s (%s), even when a transcript is attached', (reason, outcome, words) => {
    expect(classifyEndedCall(call(reason, spoke))).toEqual({ outcome, why: `${words} (${reason})` });
  });

  // VAPI's faults: reasons that begin with a fault's prefix, and reasons that are exactly a fault.
  const prefixFaults = [
    'pipeline-error-openai-llm-failed',
    'call.in-progress.error-vapifault-worker-died',
    'worker-shutdown',
  ];
  const exactFaults = [
    'server-shutdown',
    'phone-call-provider-closed-websocket',
    'assistant-error',
    'assistant-join-timed-out',
    'unknown-error',
    'vonage-disconnected',
  ];

  it.each([...prefixFaults, ...exactFaults])(
    '%s is a fault: answered but broken after the customer spoke, failed before',
    (reason) => {
      expect(classifyEndedCall(call(reason, spoke))).toEqual({
        outcome: 'answered',
        why: `customer answered but the call broke (${reason})`,
      });
      expect(classifyEndedCall(call(reason))).toEqual({
        outcome: 'failed',
        why: `the call failed (${reason})`,
      });
    },
  );

  // The fault patterns are anchored: a newer reason that only contains a fault is not one.
  const containingAFault = [
    ...[...prefixFaults, ...exactFaults].map((fault) => `new-${fault}`),
    ...exactFaults.map((fault) => `${fault}-new`),
  ];

  it.each(containingAFault)('a new reason %s without a conversation is not a fault', (reason) => {
    expect(classifyEndedCall(call(reason))).toEqual({
      outcome: 'failed',
      why: `the call ended without a conversation (${reason})`,
    });
  });

  it.each(['new-vonage-rejected', 'vonage-rejected-new', 'outbound-sip-12-odd'])(
    'a new reason %s after a conversation is not a connection failure',
    (reason) => {
      expect(classifyEndedCall(call(reason, spoke))).toEqual({
        outcome: 'answered',
        why: `customer answered but the call broke (${reason})`,
      });
    },
  );

  it.each([
    ['customer-busy', 'busy', 'line was busy'],
    ['voicemail', 'voicemail', 'reached voicemail'],
    ['customer-did-not-answer', 'no-answer', 'not answered (customer-did-not-answer)'],
    [
      'call.in-progress.error-providerfault-outbound-sip-408-request-timeout',
      'no-answer',
      'not answered (call.in-progress.error-providerfault-outbound-sip-408-request-timeout)',
    ],
    [
      'call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable',
      'no-answer',
      'not answered (call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable)',
    ],
    ['manually-canceled', 'canceled', 'cancelled at VAPI before it reached the customer'],
    ['  ', 'failed', 'VAPI gave no end reason'],
    ['carrier-busy-signal', 'busy', 'line was busy (carrier-busy-signal)'],
    ['callee-no-answer-timeout', 'no-answer', 'not answered (callee-no-answer-timeout)'],
    ['phone-did-not-answer-twice', 'no-answer', 'not answered (phone-did-not-answer-twice)'],
    ['carrier-voicemail-detected', 'voicemail', 'reached voicemail (carrier-voicemail-detected)'],
  ] as const)('%s is %s: "%s", even when the customer spoke', (reason, outcome, why) => {
    expect(classifyEndedCall(call(reason, spoke))).toEqual({ outcome, why });
  });

  it('a missing or blank end reason is failed', () => {
    for (const reason of [undefined, '', '  ']) {
      expect(classifyEndedCall(call(reason, spoke))).toEqual({
        outcome: 'failed',
        why: 'VAPI gave no end reason',
      });
    }
  });

  it('trims the end reason before reading it', () => {
    expect(classifyEndedCall(call('  customer-busy \n')).outcome).toBe('busy');
  });

  it('a new reason without artifacts is failed, and after only the bot spoke too', () => {
    for (const facts of [{}, silent]) {
      expect(classifyEndedCall(call('call.ended.some-new-reason', facts))).toEqual({
        outcome: 'failed',
        why: 'the call ended without a conversation (call.ended.some-new-reason)',
      });
    }
  });
});

describe('the pass thresholds of a success evaluation: 7 of 10 and 70%', () => {
  it.each([
    [7, 'pass'],
    [6.9, 'fail'],
    [10, 'pass'],
    [0, 'fail'],
    [11, 'fail'],
    [70, 'pass'],
    [69.5, 'fail'],
    [100, 'pass'],
    ['7', 'pass'],
    ['6.5', 'fail'],
    ['7/10', 'pass'],
    ['6 / 10', 'fail'],
    ['70%', 'pass'],
    ['69%', 'fail'],
    ['69.9 %', 'fail'],
    ['70.5%', 'pass'],
    ['8%', 'fail'],
    ['100%', 'pass'],
    ['5%', 'fail'],
    [Number.NaN, 'unreadable'],
    [Number.POSITIVE_INFINITY, 'unreadable'],
  ] as const)('%j is %s', (value, verdict) => {
    expect(evaluationVerdict(value)).toBe(verdict);
  });
});

describe('the words of a success evaluation', () => {
  it.each([
    ['true', 'pass'],
    ['pass', 'pass'],
    ['passed', 'pass'],
    ['yes', 'pass'],
    ['success', 'pass'],
    ['successful', 'pass'],
    ['excellent', 'pass'],
    ['good', 'pass'],
    ['strongly agree', 'pass'],
    ['agree', 'pass'],
    ['false', 'fail'],
    ['fail', 'fail'],
    ['failed', 'fail'],
    ['no', 'fail'],
    ['unsuccessful', 'fail'],
    ['fair', 'fail'],
    ['poor', 'fail'],
    ['neutral', 'fail'],
    ['disagree', 'fail'],
    ['strongly disagree', 'fail'],
    [' "Pass" ', 'pass'],
    ['" pass "', 'pass'],
    ['pa"ss', 'unreadable'],
    ["it's good", 'unreadable'],
    ['69.95%', 'fail'],
    ['7.55', 'pass'],
    ['6.95', 'fail'],
    ["'false'", 'fail'],
    ['Good.', 'pass'],
    ['"', 'none'],
    ['""', 'none'],
    ['8 out of 10', 'unreadable'],
    ['about 8', 'unreadable'],
    ['8/100', 'unreadable'],
    ['8/10 overall', 'unreadable'],
    ['x80%', 'unreadable'],
    ['80% sure', 'unreadable'],
    ['80', 'pass'],
    ['8.', 'pass'],
    ['.8', 'unreadable'],
    ['80 %', 'pass'],
    ['7.5/10', 'pass'],
    ['7/ 10', 'pass'],
  ] as const)('%j is %s', (value, verdict) => {
    expect(evaluationVerdict(value)).toBe(verdict);
  });
});

describe('customerSpoke: the user turns of the messages, else the transcript', () => {
  it.each([
    ['a user turn with words', [{ role: 'user', message: 'haan' }], true],
    ['a user turn of spaces only', [{ role: 'user', message: '  ' }], false],
    ['a user turn without a message', [{ role: 'user' }], false],
    ['only bot turns', [{ role: 'bot', message: 'Namaste' }], false],
    [
      'bot and user turns mixed',
      [
        { role: 'system', message: 'prompt' },
        { role: 'bot', message: 'Namaste' },
        { role: 'user', message: 'ji' },
        { role: 'bot', message: 'Dhanyavaad' },
      ],
      true,
    ],
    ['a bot turn naming the user', [{ role: 'bot', message: 'user: hello' }], false],
  ] as const)('%s → %s', (_label, messages, expected) => {
    expect(customerSpoke({ artifact: { messages } })).toBe(expected);
    expect(customerSpoke({ messages })).toBe(expected);
  });

  it('reads the transcript when the messages are empty, and the artifact before the top-level copies', () => {
    expect(customerSpoke({ artifact: { messages: [], transcript: CONVERSATION } })).toBe(true);
    expect(customerSpoke({ messages: [], transcript: NOBODY_SPOKE })).toBe(false);
    expect(customerSpoke({ messages: [] })).toBeNull();
    expect(
      customerSpoke({
        artifact: { messages: [{ role: 'bot', message: 'Namaste' }] },
        messages: [{ role: 'user', message: 'haan' }],
      }),
    ).toBe(false);
    expect(customerSpoke({ artifact: { transcript: NOBODY_SPOKE }, transcript: CONVERSATION })).toBe(false);
  });

  it.each([
    ['User: haan ji', true],
    ['Customer: haan ji', true],
    ['  user :  ji', true],
    ['AI: Namaste\nUSER: theek hai', true],
    ['User:   ', false],
    ['AI: the user: said nothing', false],
    ['AI: Hello?', false],
    ['', false],
  ] as const)('the transcript %j → %s', (transcript, expected) => {
    expect(customerSpoke({ transcript })).toBe(expected);
  });
});
