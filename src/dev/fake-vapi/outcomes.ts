/**
 * Which result each fake call gets: scripted per number (successive calls take successive entries), a
 * plausible random mix in sandbox mode, or a default. Also a small seedable random source so that sandbox
 * runs and tests can be replayed.
 */

export const FAKE_OUTCOMES = [
  'answered',
  'answered-unsuccessful',
  'busy',
  'no-answer',
  'voicemail',
  'failed',
] as const;
export type FakeOutcome = (typeof FAKE_OUTCOMES)[number];

export function isFakeOutcome(value: unknown): value is FakeOutcome {
  return typeof value === 'string' && (FAKE_OUTCOMES as readonly string[]).includes(value);
}

/** Roughly what an Indian last-mile calling desk sees in a day. */
const SANDBOX_MIX: ReadonlyArray<[FakeOutcome, number]> = [
  ['answered', 0.55],
  ['answered-unsuccessful', 0.1],
  ['busy', 0.1],
  ['no-answer', 0.13],
  ['voicemail', 0.09],
  ['failed', 0.03],
];

export function randomOutcome(random: () => number): FakeOutcome {
  let roll = random();
  for (const [outcome, share] of SANDBOX_MIX) {
    if (roll < share) return outcome;
    roll -= share;
  }
  return 'answered';
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
