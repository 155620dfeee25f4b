/**
 * What the customer said on a call (DESIGN.md, Outcomes: the second layer of truth), read from the ended
 * call's JSON wherever VAPI put it: the current structured outputs (`artifact.structuredOutputs`, an object
 * keyed by output id whose values are `{ name, result }`; ours is found by name), the legacy
 * `analysis.structuredData`, and only as a last hint `analysis.successEvaluation`. Spoken dates and times
 * ("kal", "25/11/2026", "shaam 4 baje") become YYYY-MM-DD and HH:MM relative to the call's own day
 * (spoken-date-time.ts).
 *
 * Pure: no clock, no I/O, never throws. Unreadable input gives null; an intent we do not know gives 'unclear'
 * with the words kept in `notes`.
 */
import { evaluationVerdict } from './outcome';
import { normaliseTime, readSpokenDate } from './spoken-date-time';

export const ANSWER_INTENTS = [
  'confirmed',
  'reschedule',
  'callback',
  'address-change',
  'cancel',
  'wrong-number',
  'unclear',
] as const;
export type AnswerIntent = (typeof ANSWER_INTENTS)[number];

/** Where an answer was read from, most trustworthy first. */
export const ANSWER_SOURCES = ['structuredOutputs', 'structuredData', 'successEvaluation'] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

/** The name of the structured output in resources/assistant (VAPI limits names to 40 characters). */
export const ANSWER_OUTPUT_NAME = 'deliveryAnswer';

export interface CustomerAnswer {
  intent: AnswerIntent;
  /** YYYY-MM-DD: the day asked for (reschedule) or agreed. */
  date: string | null;
  /** HH:MM, 24-hour: when to call back (callback) or a preferred delivery time. */
  time: string | null;
  /** The new delivery address (address-change). */
  address: string | null;
  landmark: string | null;
  /** COD parcels: whether the cash / UPI amount will be ready; null when not said or prepaid. */
  codReady: boolean | null;
  /** The assistant's note plus anything we could not read ('date said: "next week"'). */
  notes: string | null;
  source: AnswerSource;
}

export interface ReadAnswerOptions {
  /** The call's local calendar day, YYYY-MM-DD: "kal" and weekdays count from it. */
  callDate: string;
  /** Our structured output's name; ANSWER_OUTPUT_NAME unless the operator renamed it. */
  outputName?: string;
}

export function isAnswerIntent(value: unknown): value is AnswerIntent {
  return typeof value === 'string' && (ANSWER_INTENTS as readonly string[]).includes(value);
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A result the extractor returned as a JSON string instead of an object. */
function asRecord(value: unknown): Json | null {
  if (isRecord(value)) return value;
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const squash = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');

/** Our output among `artifact.structuredOutputs`: by name, else the only result that carries an intent. */
function ourStructuredOutput(outputs: unknown, name: string): Json | null {
  const entries = Array.isArray(outputs) ? outputs : isRecord(outputs) ? Object.values(outputs) : [];
  const candidates = entries.filter(isRecord);
  const named = candidates.find(
    (entry) => typeof entry.name === 'string' && squash(entry.name) === squash(name),
  );
  if (named) return asRecord(named.result);
  const withIntent = candidates
    .map((entry) => asRecord(entry.result))
    .filter((result) => result && 'intent' in result);
  return withIntent.length === 1 ? withIntent[0]! : null;
}

/** `analysis.structuredData`: our fields at the top, or nested once under our output's name. */
function legacyStructuredData(data: unknown, name: string): Json | null {
  const record = asRecord(data);
  if (!record) return null;
  if ('intent' in record) return record;
  const nested = Object.entries(record).find(([key]) => squash(key) === squash(name));
  return nested ? asRecord(nested[1]) : null;
}

const INTENT_ALIASES: Record<string, AnswerIntent> = {
  confirm: 'confirmed',
  confirmation: 'confirmed',
  deliveryconfirmed: 'confirmed',
  rescheduled: 'reschedule',
  reschedulerequested: 'reschedule',
  callbackrequested: 'callback',
  addresschanged: 'address-change',
  changeaddress: 'address-change',
  cancelled: 'cancel',
  canceled: 'cancel',
  cancellation: 'cancel',
  refused: 'cancel',
  wrongperson: 'wrong-number',
  unknown: 'unclear',
};

function readIntent(value: unknown): AnswerIntent | null {
  if (typeof value !== 'string') return null;
  const word = squash(value.trim());
  return ANSWER_INTENTS.find((intent) => squash(intent) === word) ?? INTENT_ALIASES[word] ?? null;
}

const EMPTY_WORDS = new Set(['', 'null', 'none', 'n/a', 'na', 'unknown', '-']);

function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const cleaned = String(value).replace(/\s+/g, ' ').trim();
  return EMPTY_WORDS.has(cleaned.toLowerCase()) ? null : cleaned;
}

const YES = new Set(['true', 'yes', 'haan', 'han', 'ha', 'ready', 'ji', 'हाँ', 'हां']);
const NO = new Set(['false', 'no', 'nahi', 'nahin', 'not ready', 'नहीं']);

function yesNo(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const said = text(value)?.toLowerCase() ?? '';
  return YES.has(said) ? true : NO.has(said) ? false : null;
}

function answerFrom(result: Json, source: AnswerSource, callDate: string): CustomerAnswer | null {
  const notes: string[] = [];
  const said = text(result.notes);
  if (said) notes.push(said);
  const date = readSpokenDate(text(result.date), callDate);
  if (date.remark) notes.push(date.remark);
  const rawTime = text(result.time);
  const time = normaliseTime(rawTime);
  if (rawTime && !time) notes.push(`time said: "${rawTime}"`);
  const answer = {
    date: date.date,
    time,
    address: text(result.address),
    landmark: text(result.landmark),
    codReady: yesNo(result.codReady),
  };
  let intent = readIntent(result.intent);
  const rawIntent = text(result.intent);
  if (!intent) {
    const saidAnything =
      rawIntent || notes.length > 0 || Object.values(answer).some((value) => value !== null);
    if (!saidAnything) return null;
    intent = 'unclear';
    notes.unshift(rawIntent ? `intent "${rawIntent}"` : 'no intent given');
  }
  return { intent, ...answer, notes: notes.length > 0 ? notes.join('; ') : null, source };
}

/**
 * The customer's answer on an ended call, or null when the call carries none we can read (no analysis yet,
 * `analysis: {}`, artifacts switched off, malformed results).
 */
export function readAnswer(call: unknown, options: ReadAnswerOptions): CustomerAnswer | null {
  if (!isRecord(call)) return null;
  const name = options.outputName ?? ANSWER_OUTPUT_NAME;
  const artifact = asRecord(call.artifact);
  const analysis = asRecord(call.analysis);
  const current = ourStructuredOutput(artifact?.structuredOutputs, name);
  const fromCurrent = current && answerFrom(current, 'structuredOutputs', options.callDate);
  if (fromCurrent) return fromCurrent;
  const legacy = legacyStructuredData(analysis?.structuredData, name);
  const fromLegacy = legacy && answerFrom(legacy, 'structuredData', options.callDate);
  if (fromLegacy) return fromLegacy;
  const verdict = evaluationVerdict(analysis?.successEvaluation);
  if (verdict !== 'pass' && verdict !== 'fail') return null;
  return {
    intent: verdict === 'pass' ? 'confirmed' : 'unclear',
    date: null,
    time: null,
    address: null,
    landmark: null,
    codReady: null,
    notes: `only a success evaluation ("${String(analysis?.successEvaluation)}") was available`,
    source: 'successEvaluation',
  };
}
