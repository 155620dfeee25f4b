/**
 * The live board: a dialer's real-time report of the running session, computed from its calls in the store
 * and the engine's progress. Outcomes by kind, the calls that just ended, lines in use of the limit, calls
 * per minute and when the session should be done at that pace.
 */
import type { EndedCallView, LiveBoard, LiveOutcomeCounts, LiveSession } from '../../shared/desk-types';
import type { StoredCall } from '../store';

const JUST_ENDED = 10;
/** The pace is measured over the last few minutes: recent enough to follow a pause, long enough to be steady. */
const PACE_WINDOW_MS = 5 * 60_000;
/** Below this much of a session, a pace would be a guess. */
const PACE_MIN_MS = 15_000;

export interface BoardInput {
  session: LiveSession;
  /** The session's calls, any order. */
  calls: readonly StoredCall[];
  /** Numbers not yet dialled. */
  waiting: number;
  lineLimit: number;
  vapiLineLimit: number | null;
  now: number;
  customerOf: (call: StoredCall) => string;
}

export function outcomeCounts(calls: readonly StoredCall[]): LiveOutcomeCounts {
  const counts: LiveOutcomeCounts = {
    confirmed: 0,
    answered: 0,
    noAnswer: 0,
    busy: 0,
    voicemail: 0,
    failed: 0,
    errors: 0,
    unresolved: 0,
  };
  for (const call of calls) {
    if (call.state === 'unresolved') counts.unresolved += 1;
    if (call.state !== 'ended') continue;
    switch (call.outcome) {
      case 'answered':
        if (call.successful) counts.confirmed += 1;
        else counts.answered += 1;
        break;
      case 'no-answer':
        counts.noAnswer += 1;
        break;
      case 'busy':
        counts.busy += 1;
        break;
      case 'voicemail':
        counts.voicemail += 1;
        break;
      case 'failed':
      case 'interrupted':
        counts.failed += 1;
        break;
      case 'error':
      case 'canceled':
        counts.errors += 1;
        break;
      case null:
        break;
    }
  }
  return counts;
}

function justEnded(input: BoardInput): EndedCallView[] {
  return input.calls
    .filter(
      (call): call is StoredCall & { endedAt: number } => call.state === 'ended' && call.endedAt !== null,
    )
    .sort((a, b) => b.endedAt - a.endedAt || b.id - a.id)
    .slice(0, JUST_ENDED)
    .map((call) => ({
      callId: call.id,
      customer: input.customerOf(call),
      phoneE164: call.phoneE164,
      awbs: call.awbs,
      outcome: call.outcome,
      successful: call.successful,
      answer: call.intent,
      endedAt: call.endedAt,
      durationSeconds: call.durationSeconds,
    }));
}

/** Calls ended per minute over the pace window; null when too little of the session has passed. */
function pace(input: BoardInput): number | null {
  const { now, session } = input;
  const window = Math.min(PACE_WINDOW_MS, now - session.startedAt);
  if (window < PACE_MIN_MS) return null;
  const ended = input.calls.filter(
    (call) => call.state === 'ended' && call.outcome !== 'error' && (call.endedAt ?? 0) > now - window,
  ).length;
  if (ended === 0) return null;
  return Math.round((ended / (window / 60_000)) * 10) / 10;
}

export function liveBoard(input: BoardInput): LiveBoard {
  const linesInUse = input.session.inFlight.filter((call) => call.state !== 'unresolved').length;
  const callsPerMinute = pace(input);
  const remaining = input.waiting + linesInUse;
  const finishAt =
    callsPerMinute === null
      ? null
      : remaining === 0
        ? input.now
        : Math.round(input.now + (remaining / callsPerMinute) * 60_000);
  return {
    outcomes: outcomeCounts(input.calls),
    justEnded: justEnded(input),
    linesInUse,
    lineLimit: input.lineLimit,
    vapiLineLimit: input.vapiLineLimit,
    callsPerMinute,
    waiting: input.waiting,
    finishAt,
  };
}
