/**
 * What happened on the line of a finished VAPI call (DESIGN.md, Outcomes): answered / busy / no-answer /
 * voicemail / failed, `error` when nobody was dialled at all, `canceled` when it was cancelled at VAPI first.
 * Whether the call succeeded is the customer's answer's to say (answer.ts, next-step.ts), never the line's.
 *
 * Input is structural (a VapiCall fits) so the domain stays free of the client. The end reasons come from
 * VAPI's `Call.endedReason` enum and its "Call ended reasons" guide (docs.vapi.ai/calls/call-ended-reason);
 * VAPI adds reasons often, so unknown ones fall through to patterns and then to what the transcript shows.
 */
import type { CallOutcome } from './call';

/** The parts of a VAPI call the verdict looks at. */
export interface EndedCallFacts {
  status?: string;
  endedReason?: string;
  analysis?: { successEvaluation?: unknown };
  artifact?: { transcript?: string; messages?: ReadonlyArray<{ role: string; message?: string }> };
  /** Older top-level copies of the artifact fields. */
  transcript?: string;
  messages?: ReadonlyArray<{ role: string; message?: string }>;
}

export interface CallVerdict {
  outcome: CallOutcome;
  /** One short sentence for the operator: why this outcome. */
  why: string;
}

/** Statuses after which a call never changes again. */
const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['ended', 'not-found', 'deletion-failed']);

export function isTerminalStatus(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Ends of a conversation that took place: somebody picked up and the call ran its course. */
const CONVERSATION_ENDS: ReadonlySet<string> = new Set([
  'customer-ended-call',
  'assistant-ended-call',
  'assistant-ended-call-after-message-spoken',
  'assistant-ended-call-with-hangup-task',
  'assistant-said-end-call-phrase',
  'assistant-forwarded-call',
  'exceeded-max-duration',
  'silence-timed-out',
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
]);

/** The phone rang out. SIP 408/480 are how a SIP trunk says the same (VAPI's guide groups them so). */
const NO_ANSWER_ENDS: ReadonlySet<string> = new Set([
  'customer-did-not-answer',
  'call.in-progress.error-providerfault-outbound-sip-408-request-timeout',
  'call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable',
]);

/**
 * VAPI refused to start the call (account, billing, concurrency, configuration): the customer's phone never
 * rang, so this is not an attempt. `call.start.*` is matched as a prefix.
 */
const NEVER_DIALLED_ENDS: ReadonlySet<string> = new Set([
  'call-start-error-neither-assistant-nor-server-set',
  'assistant-not-found',
  'assistant-not-valid',
  'assistant-not-invalid',
  'assistant-not-provided',
  'scheduled-call-deleted',
  'phone-call-provider-bypass-enabled-but-no-call-received',
  'db-error',
  'no-server-available',
]);

/** The carrier or SIP trunk could not put the call through. */
const CONNECT_FAILURE =
  /failed-to-connect|transport-never-connected|outbound-sip-\d{3}|misdialed|^vonage-rejected$/;

/** The assistant's machinery broke during the call (LLM, voice, transcriber, worker, websocket). */
const MID_CALL_FAULT =
  /^pipeline-|^call\.in-progress\.error-|^worker-|^server-shutdown$|^phone-call-provider-closed-websocket$|^assistant-error$|^assistant-join-timed-out$|^unknown-error$|^vonage-disconnected$/;

export type EvaluationVerdict = 'pass' | 'fail' | 'none' | 'unreadable';

const PASS_WORDS = new Set(['true', 'pass', 'passed', 'yes', 'success', 'successful', 'excellent', 'good']);
const FAIL_WORDS = new Set(['false', 'fail', 'failed', 'no', 'unsuccessful', 'fair', 'poor']);
const LIKERT_PASS = new Set(['strongly agree', 'agree']);
const LIKERT_FAIL = new Set(['neutral', 'disagree', 'strongly disagree']);

function scoreVerdict(score: number, isPercentage: boolean): EvaluationVerdict {
  // NumericScale is 1–10, PercentageScale 0–100%; 7/10 and 70% are where "good" starts on both.
  if (isPercentage || score > 10) return score >= 70 ? 'pass' : 'fail';
  return score >= 7 ? 'pass' : 'fail';
}

/**
 * Reads `analysis.successEvaluation` under every rubric VAPI offers (PassFail is the default and gives
 * 'true' / 'false'). Free-form output (Checklist, Matrix, AutomaticRubric) is 'unreadable': an evaluation
 * exists but does not confirm success, so the order is called again rather than dropped.
 */
export function evaluationVerdict(value: unknown): EvaluationVerdict {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'pass' : 'fail';
  if (typeof value === 'number') return Number.isFinite(value) ? scoreVerdict(value, false) : 'unreadable';
  if (typeof value !== 'string') return 'unreadable';
  const text = value
    .trim()
    .toLowerCase()
    .replace(/^["']|["'.]$/g, '')
    .trim();
  if (text === '') return 'none';
  if (PASS_WORDS.has(text) || LIKERT_PASS.has(text)) return 'pass';
  if (FAIL_WORDS.has(text) || LIKERT_FAIL.has(text)) return 'fail';
  const percentage = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percentage) return scoreVerdict(Number(percentage[1]), true);
  const score = /^(\d+(?:\.\d+)?)(?:\s*\/\s*10)?$/.exec(text);
  if (score) return scoreVerdict(Number(score[1]), false);
  return 'unreadable';
}

/**
 * Whether the customer said anything: true / false from the messages or the "AI: / User:" transcript,
 * null when the call carries neither (artifacts switched off), so the end reason alone has to decide.
 */
export function customerSpoke(call: EndedCallFacts): boolean | null {
  const messages = call.artifact?.messages ?? call.messages;
  if (messages && messages.length > 0) {
    return messages.some((turn) => turn.role === 'user' && (turn.message ?? '').trim() !== '');
  }
  const transcript = call.artifact?.transcript ?? call.transcript;
  if (transcript !== undefined) return /^\s*(user|customer)\s*:\s*\S/im.test(transcript);
  return null;
}

function answered(reason: string, callCompleted: boolean): CallVerdict {
  return {
    outcome: 'answered',
    why: callCompleted ? `customer answered (${reason})` : `customer answered but the call broke (${reason})`,
  };
}

/** Ends where the caller cancelled the call at VAPI before it reached the customer: not an attempt. */
const CANCELLED_ENDS: ReadonlySet<string> = new Set(['manually-canceled']);

/**
 * What happened on the line, from VAPI's end reason and the artifacts. Whether the call SUCCEEDED is not
 * decided here: only what the customer said decides it (next-step.ts).
 */
export function classifyEndedCall(call: EndedCallFacts): CallVerdict {
  const reason = call.endedReason?.trim() ?? '';
  if (CANCELLED_ENDS.has(reason)) {
    return { outcome: 'canceled', why: 'cancelled at VAPI before it reached the customer' };
  }
  if (reason === '') return { outcome: 'failed', why: 'VAPI gave no end reason' };
  if (reason === 'voicemail') return { outcome: 'voicemail', why: 'reached voicemail' };
  if (reason === 'customer-busy') return { outcome: 'busy', why: 'line was busy' };
  if (NO_ANSWER_ENDS.has(reason)) return { outcome: 'no-answer', why: `not answered (${reason})` };
  if (
    reason.startsWith('call.start.') ||
    NEVER_DIALLED_ENDS.has(reason) ||
    reason.startsWith('assistant-request-')
  ) {
    return { outcome: 'error', why: `VAPI did not start the call (${reason})` };
  }
  if (CONNECT_FAILURE.test(reason)) {
    return { outcome: 'failed', why: `the call could not be connected (${reason})` };
  }
  const spoke = customerSpoke(call);
  if (reason === 'silence-timed-out' && spoke !== true) {
    // VAPI hangs up on silence: without a word from the customer on record, nobody answered.
    return { outcome: 'no-answer', why: `nobody spoke (${reason})` };
  }
  if (CONVERSATION_ENDS.has(reason)) {
    if (spoke === false) return { outcome: 'no-answer', why: `nobody spoke (${reason})` };
    return answered(reason, true);
  }
  if (MID_CALL_FAULT.test(reason)) {
    if (spoke === true) return answered(reason, false);
    return { outcome: 'failed', why: `the call failed (${reason})` };
  }
  // An end reason newer than this table: judge by its words, then by what was said.
  if (/busy/.test(reason)) return { outcome: 'busy', why: `line was busy (${reason})` };
  if (/no-answer|did-not-answer/.test(reason)) {
    return { outcome: 'no-answer', why: `not answered (${reason})` };
  }
  if (/voicemail/.test(reason)) return { outcome: 'voicemail', why: `reached voicemail (${reason})` };
  if (spoke === true) return answered(reason, false);
  return { outcome: 'failed', why: `the call ended without a conversation (${reason})` };
}
