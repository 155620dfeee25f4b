/**
 * The desk's words for engine values: outcomes, skip reasons, triggers, call states. One place, so every
 * view says "No answer" the same way.
 */
import type {
  AnswerIntent,
  CallOutcome,
  CallState,
  SessionTrigger,
  SkipReason,
} from '../../../shared/desk-types';
import { ANSWER_WORDS } from '../../../shared/report-words';

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  answered: 'Answered',
  busy: 'Busy',
  'no-answer': 'No answer',
  voicemail: 'Voicemail',
  failed: 'Failed to connect',
  error: 'Error (not dialled)',
  interrupted: 'Interrupted',
  canceled: 'Cancelled at VAPI',
};

/** Tone of an outcome badge: good (successful), warn (will be called again or needs dispatch), bad (errors, a
 *  customer who cancelled or a wrong number). */
export function outcomeTone(
  outcome: CallOutcome | null,
  successful: boolean,
  answer: AnswerIntent | null = null,
): 'good' | 'warn' | 'bad' | 'muted' {
  if (outcome === null) return 'muted';
  if (successful) return 'good';
  if (outcome === 'error' || outcome === 'interrupted' || answer === 'cancel' || answer === 'wrong-number') {
    return 'bad';
  }
  return 'warn';
}

export function outcomeLabel(
  outcome: CallOutcome | null,
  successful: boolean,
  answer: AnswerIntent | null = null,
  state?: CallState,
): string {
  if (outcome === null) return state === 'unresolved' ? 'Checking with VAPI' : 'In progress';
  if (outcome === 'answered' && answer) return `Answered · ${ANSWER_WORDS[answer]}`;
  if (outcome === 'answered' && !successful) return 'Answered, not confirmed';
  return OUTCOME_LABEL[outcome];
}

export const SKIP_LABEL: Record<SkipReason, string> = {
  cooldown: 'Cooling down',
  maxAttempts: 'Max attempts reached',
  successful: 'Already successful',
  invalidPhone: 'Invalid phone',
  notCallable: 'Not OFD / Undelivered',
  stopped: 'Stopped by the customer',
  rescheduled: 'Rescheduled',
  unresolved: 'Last call unconfirmed',
};

/** For sentences: "left out: 2 already successful, 1 with an invalid phone". */
export const SKIP_PHRASE: Record<SkipReason, string> = {
  cooldown: 'cooling down',
  maxAttempts: 'at max attempts',
  successful: 'already successful',
  invalidPhone: 'with an invalid phone',
  notCallable: 'not OFD or Undelivered',
  stopped: 'stopped by the customer (cancelled or wrong number)',
  rescheduled: 'rescheduled by the customer',
  unresolved: 'waiting for VAPI to confirm their last call',
};

export const SKIP_SHORT: Record<SkipReason, string> = {
  cooldown: 'cooldown',
  maxAttempts: 'max tries',
  successful: 'done',
  invalidPhone: 'bad phone',
  notCallable: 'not callable',
  stopped: 'stopped',
  rescheduled: 'later day',
  unresolved: 'unconfirmed',
};

/** Why the rule exists, shown when the operator asks about a number. */
export const SKIP_WHY: Record<SkipReason, string> = {
  cooldown: 'Called less than the cooldown ago (counted from the start of the session that called).',
  maxAttempts: 'Already called the maximum number of times.',
  successful: 'A call already confirmed this order; it is never called again.',
  invalidPhone: 'The phone number cannot be dialled; fix it in the order source.',
  notCallable: 'Only Out For Delivery and Undelivered orders are called.',
  stopped: 'The customer cancelled the order, or said it is the wrong number: it is never called again.',
  rescheduled: 'The customer asked for delivery on a later day: nobody calls before that day.',
  unresolved:
    'The last call may have rung, but VAPI has not yet said how it went (a lost reply, a restart). The desk keeps asking VAPI and never dials the number again before it knows.',
};

export const TRIGGER_LABEL: Record<SessionTrigger, string> = {
  scheduled: 'Scheduled',
  manual: 'Run now',
  'catch-up': 'Catch-up',
  callback: 'Callback',
};

export const CALL_STATE_LABEL: Record<CallState, string> = {
  pending: 'Dialling',
  queued: 'Queued',
  ringing: 'Ringing',
  'in-progress': 'Talking',
  unresolved: 'Checking with VAPI',
  ended: 'Ended',
};
