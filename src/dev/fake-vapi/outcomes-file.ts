/**
 * A file of scripted fake outcomes per number, `{"9876500002": ["busy", "answered"]}`: read once for the
 * headless host's `--sandbox-outcomes` and the standalone fake VAPI's `--outcomes`, so that both take the same
 * file and refuse a bad one with the same sentence.
 */
import { readFileSync } from 'node:fs';
import { FAKE_OUTCOMES, isFakeOutcome, type FakeOutcome } from './outcomes';

export class OutcomesFileError extends Error {
  override name = 'OutcomesFileError';
}

export function readOutcomesFile(file: string): Record<string, FakeOutcome[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OutcomesFileError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OutcomesFileError(`${file} must hold {"<phone>": ["busy", "answered"], …}`);
  }
  const outcomes: Record<string, FakeOutcome[]> = {};
  for (const [phone, list] of Object.entries(parsed)) {
    if (!Array.isArray(list) || !list.every(isFakeOutcome)) {
      throw new OutcomesFileError(
        `the outcomes for ${phone} are not a list of known outcomes (${FAKE_OUTCOMES.join(', ')})`,
      );
    }
    outcomes[phone] = list;
  }
  return outcomes;
}
