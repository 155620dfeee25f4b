/**
 * Which result each fake call gets: scripted per number (successive calls take successive entries), a
 * plausible random mix in sandbox mode, or a default. Also a small seedable random source so that sandbox
 * runs and tests can be replayed.
 */
import type { AnswerIntent } from '../../shared/desk-types';

/** Results that need no detail. `answered` (= `confirmed`) and `answered-unsuccessful` (= `unclear`) are the
 *  older words, kept so every scenario written with them still runs. */
export const FAKE_OUTCOMES = [
  'answered',
  'confirmed',
  'answered-unsuccessful',
  'unclear',
  'address-change',
  'cancel',
  'wrong-number',
  'busy',
  'no-answer',
  'voicemail',
  'failed',
  'misdialled',
] as const;
type SimpleOutcome = (typeof FAKE_OUTCOMES)[number];
/** A result a scenario or test scripts for a number: the simple words, or an answer with its detail. */
export type FakeOutcome = SimpleOutcome | `reschedule:${string}` | `callback:${string}`;

/** What the fake does with a call: what happens on the line, and what the customer says when they answer. */
export type FakeFate =
  | { line: 'answered'; intent: AnswerIntent; date?: string; time?: string }
  | { line: 'busy' | 'no-answer' | 'voicemail' | 'failed' | 'misdialled' };

const RESCHEDULE = /^reschedule:(\d{4}-\d{2}-\d{2})$/;
const CALLBACK = /^callback:(([01]\d|2[0-3]):[0-5]\d)$/;

export function isFakeOutcome(value: unknown): value is FakeOutcome {
  return (
    typeof value === 'string' &&
    ((FAKE_OUTCOMES as readonly string[]).includes(value) || RESCHEDULE.test(value) || CALLBACK.test(value))
  );
}

/** What a scripted word means for the call. */
export function fateOf(outcome: FakeOutcome): FakeFate {
  const reschedule = RESCHEDULE.exec(outcome);
  if (reschedule) return { line: 'answered', intent: 'reschedule', date: reschedule[1] };
  const callback = CALLBACK.exec(outcome);
  if (callback) return { line: 'answered', intent: 'callback', time: callback[1] };
  switch (outcome as SimpleOutcome) {
    case 'answered':
    case 'confirmed':
      return { line: 'answered', intent: 'confirmed' };
    case 'answered-unsuccessful':
    case 'unclear':
      return { line: 'answered', intent: 'unclear' };
    case 'address-change':
    case 'cancel':
    case 'wrong-number':
      return { line: 'answered', intent: outcome as AnswerIntent };
    default:
      return { line: outcome as 'busy' | 'no-answer' | 'voicemail' | 'failed' | 'misdialled' };
  }
}

/** How VAPI's record would call it: the line outcome, and whether the customer's answer makes it a success. */
export function fateVerdict(fate: FakeFate): { outcome: string; successful: boolean } {
  if (fate.line === 'misdialled') return { outcome: 'failed', successful: false };
  if (fate.line !== 'answered') return { outcome: fate.line, successful: false };
  return { outcome: 'answered', successful: fate.intent === 'confirmed' || fate.intent === 'address-change' };
}

/** Roughly what an Indian last-mile calling desk sees in a day, answers included. */
const SANDBOX_MIX: ReadonlyArray<[FakeOutcome, number]> = [
  ['confirmed', 0.47],
  ['unclear', 0.04],
  ['callback:16:00', 0.03],
  ['address-change', 0.03],
  ['cancel', 0.02],
  ['wrong-number', 0.01],
  ['busy', 0.1],
  ['no-answer', 0.13],
  ['voicemail', 0.09],
  ['failed', 0.03],
  ['misdialled', 0.01],
];

/** A plausible random result; a reschedule asks for the day after `now`'s local day. */
export function randomOutcome(random: () => number, tomorrow?: string): FakeOutcome {
  let roll = random();
  const mix: ReadonlyArray<[FakeOutcome, number]> = tomorrow
    ? [[`reschedule:${tomorrow}`, 0.04], ...SANDBOX_MIX]
    : SANDBOX_MIX;
  for (const [outcome, share] of mix) {
    if (roll < share) return outcome;
    roll -= share;
  }
  return 'confirmed';
}

/** mulberry32: tiny, fast and good enough to make a sandbox day repeatable from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(number: string): string {
  return number.replace(/\D/g, '');
}

/**
 * The script of outcomes per number. Keys may be E.164 ("+919876500001") or written as a scenario writes
 * them ("9876500001"): a key matches a dialled number when its digits are the number's trailing digits.
 */
export class OutcomeScript {
  private readonly scripts = new Map<string, { outcomes: FakeOutcome[]; next: number }>();

  constructor(initial: Record<string, FakeOutcome[]> = {}) {
    for (const [number, outcomes] of Object.entries(initial)) this.set(number, outcomes);
  }

  /** Replaces the script for `number` and starts it from its first entry. */
  set(number: string, outcomes: FakeOutcome[]): void {
    this.scripts.set(digits(number), { outcomes: [...outcomes], next: 0 });
  }

  /**
   * The next scripted outcome for `number`, or null when it has none. When the list runs out the last
   * entry repeats, so ["busy", "answered"] means "busy once, then answered every time".
   */
  take(number: string): FakeOutcome | null {
    const dialled = digits(number);
    let script = this.scripts.get(dialled);
    if (!script) {
      for (const [key, candidate] of this.scripts) {
        if (key.length >= 8 && dialled.endsWith(key)) script = candidate;
      }
    }
    if (!script || script.outcomes.length === 0) return null;
    const index = Math.min(script.next, script.outcomes.length - 1);
    script.next += 1;
    return script.outcomes[index] ?? null;
  }
}
