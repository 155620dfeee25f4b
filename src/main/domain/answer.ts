/**
 * What the customer said on a call (DESIGN.md, Outcomes: the second layer of truth), read from the ended
 * call's JSON wherever VAPI put it: the current structured outputs (`artifact.structuredOutputs`, an object
 * keyed by output id whose values are `{ name, result }`; ours is found by name), the legacy
 * `analysis.structuredData`, and only as a last hint `analysis.successEvaluation`. Spoken dates and times
 * ("kal", "25/11/2026", "shaam 4 baje") become YYYY-MM-DD and HH:MM relative to the call's own day.
 *
 * Pure: no clock, no I/O, never throws. Unreadable input gives null; an intent we do not know gives 'unclear'
 * with the words kept in `notes`.
 */
import { evaluationVerdict } from './outcome';

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
  const date = readSpokenDate(result.date, callDate);
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

// ---- Spoken dates --------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function utcDay(year: number, month: number, day: number): number | null {
  const instant = Date.UTC(year, month - 1, day);
  const check = new Date(instant);
  const valid =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return valid && month >= 1 && month <= 12 ? instant : null;
}

function isoDay(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** The first day on or after `from` that falls on month/day. */
function nextOccurrence(from: number, month: number, day: number): number | null {
  const year = new Date(from).getUTCFullYear();
  for (const candidate of [year, year + 1, year + 2, year + 3, year + 4]) {
    const instant = utcDay(candidate, month, day);
    if (instant !== null && instant >= from) return instant;
  }
  return null;
}

/** Days after the call for words that name one ("kal" is tomorrow when a delivery is being arranged). */
const RELATIVE_DAYS: Array<[string[], number]> = [
  [['parso', 'parson', 'parsoon', 'परसों', 'परसो'], 2],
  [['tomorrow', 'tmrw', 'tmr', 'kal', 'कल'], 1],
  [['today', 'tonight', 'aaj', 'आज'], 0],
];

const WEEKDAYS: string[][] = [
  ['sunday', 'sun', 'ravivar', 'raviwar', 'itvar', 'itwar', 'रविवार'],
  ['monday', 'mon', 'somvar', 'somwar', 'सोमवार'],
  ['tuesday', 'tue', 'tues', 'mangalvar', 'mangalwar', 'मंगलवार'],
  ['wednesday', 'wed', 'budhvar', 'budhwar', 'बुधवार'],
  ['thursday', 'thu', 'thur', 'thurs', 'guruvar', 'guruwar', 'brihaspativar', 'गुरुवार'],
  ['friday', 'fri', 'shukravar', 'shukrawar', 'शुक्रवार'],
  ['saturday', 'sat', 'shanivar', 'shaniwar', 'शनिवार'],
];

const MONTHS: string[][] = [
  ['january', 'jan', 'janvari', 'जनवरी'],
  ['february', 'feb', 'farvari', 'फरवरी'],
  ['march', 'mar', 'maarch', 'मार्च'],
  ['april', 'apr', 'aprail', 'अप्रैल'],
  ['may', 'mai', 'मई'],
  ['june', 'jun', 'joon', 'जून'],
  ['july', 'jul', 'julai', 'जुलाई'],
  ['august', 'aug', 'agast', 'अगस्त'],
  ['september', 'sep', 'sept', 'sitambar', 'सितंबर', 'सितम्बर'],
  ['october', 'oct', 'aktubar', 'अक्टूबर'],
  ['november', 'nov', 'navambar', 'नवंबर', 'नवम्बर'],
  ['december', 'dec', 'disambar', 'दिसंबर', 'दिसम्बर'],
];

const DEVANAGARI_DIGITS = /[०-९]/g;

function asciiDigits(said: string): string {
  return said.replace(DEVANAGARI_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x0966));
}

function words(said: string): string[] {
  return said.match(/[\p{L}\p{M}]+|\d+/gu) ?? [];
}

function indexIn(lists: string[][], tokens: string[]): number {
  return lists.findIndex((names) => tokens.some((token) => names.includes(token)));
}

/** A date from what was said, without the year-correction remark. */
function spokenDate(said: string, from: number): number | null {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[t\s])/.exec(said);
  if (iso) return utcDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$/.exec(said);
  if (dmy) {
    const [day, month] = [Number(dmy[1]), Number(dmy[2])];
    if (!dmy[3]) return nextOccurrence(from, month, day);
    return utcDay(dmy[3].length === 2 ? 2000 + Number(dmy[3]) : Number(dmy[3]), month, day);
  }
  const tokens = words(said.replace(/(\d+)(st|nd|rd|th)\b/g, '$1'));
  if (/day after tomorrow/.test(said)) return from + 2 * DAY_MS;
  for (const [names, offset] of RELATIVE_DAYS) {
    if (tokens.some((token) => names.includes(token))) return from + offset * DAY_MS;
  }
  const month = indexIn(MONTHS, tokens);
  if (month >= 0) {
    const numbers = tokens.filter((token) => /^\d+$/.test(token)).map(Number);
    const day = numbers.find((value) => value >= 1 && value <= 31);
    const year = numbers.find((value) => value >= 2000 && value <= 2100);
    if (day === undefined) return null;
    return year ? utcDay(year, month + 1, day) : nextOccurrence(from, month + 1, day);
  }
  const weekday = indexIn(WEEKDAYS, tokens);
  if (weekday >= 0) {
    const ahead = (weekday - new Date(from).getUTCDay() + 7) % 7 || 7;
    return from + ahead * DAY_MS;
  }
  return null;
}

function readSpokenDate(value: unknown, callDate: string): { date: string | null; remark: string | null } {
  const said = text(value);
  if (!said) return { date: null, remark: null };
  const call = /^(\d{4})-(\d{2})-(\d{2})$/.exec(callDate);
  const from = call ? utcDay(Number(call[1]), Number(call[2]), Number(call[3])) : null;
  if (from === null) return { date: null, remark: `date said: "${said}"` };
  const instant = spokenDate(asciiDigits(said.toLowerCase()), from);
  if (instant === null) return { date: null, remark: `date said: "${said}"` };
  const fromYear = new Date(from).getUTCFullYear();
  const parsed = new Date(instant);
  if (instant < from && parsed.getUTCFullYear() < fromYear) {
    // An extractor that does not know the year writes last year's (or its training year's) date.
    const rolled = nextOccurrence(from, parsed.getUTCMonth() + 1, parsed.getUTCDate());
    if (rolled !== null) return { date: isoDay(rolled), remark: `date "${said}" read as ${isoDay(rolled)}` };
  }
  return { date: isoDay(instant), remark: null };
}

/** YYYY-MM-DD for a spoken or written date, counted from `callDate` (YYYY-MM-DD); null when unreadable. */
export function normaliseDate(value: unknown, callDate: string): string | null {
  return readSpokenDate(value, callDate).date;
}

// ---- Spoken times --------------------------------------------------------------------------------------

// prettier-ignore
const HOUR_WORDS: Record<string, number> = {
  ek: 1, do: 2, teen: 3, char: 4, chaar: 4, paanch: 5, panch: 5, chhe: 6, chheh: 6, chah: 6, saat: 7,
  aath: 8, nau: 9, das: 10, gyarah: 11, gyaarah: 11, barah: 12, baarah: 12,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

// Lookarounds rather than \b so that "4pm" counts; Devanagari words stand as they are.
const MORNING = /(?<![a-z])(?:am|a\.m\.?|morning|subah|subeh)(?![a-z])|सुबह/u;
const LATER_HALF =
  /(?<![a-z])(?:pm|p\.m\.?|evening|afternoon|night|shaam|sham|dopahar|dupahar|raat)(?![a-z])|शाम|दोपहर|रात/u;

/** HH:MM (24-hour) for "16:00", "4 pm", "4:30 p.m.", "shaam 4 baje", "saade 4", "4 se 6"; null otherwise. */
export function normaliseTime(value: unknown): string | null {
  const said = text(value);
  if (!said) return null;
  const lower = asciiDigits(said.toLowerCase());
  // "4 se 6", "4-6 pm", "16:00-18:00": the start of the window, with the day part said anywhere.
  const start = lower.split(/\s*(?:–|—|\bto\b|\bse\b|से|-(?=\s*\d))\s*/u)[0] ?? lower;
  const spelled = start.replace(/[\p{L}]+/gu, (word) =>
    Object.hasOwn(HOUR_WORDS, word) ? String(HOUR_WORDS[word]) : word,
  );
  let hour: number;
  let minute = 0;
  const clock = /(\d{1,2})(?:[:.](\d{2}))?/.exec(spelled);
  if (/dedh|derh|डेढ़/u.test(spelled)) [hour, minute] = [1, 30];
  else if (/dhai|dhaai|ढाई/u.test(spelled)) [hour, minute] = [2, 30];
  else if (!clock) return null;
  else {
    hour = Number(clock[1]);
    minute = clock[2] ? Number(clock[2]) : 0;
    if (/saa?dh?e|साढ़े/u.test(spelled)) minute = 30;
    else if (/sa[vw]a|सवा/u.test(spelled)) minute = 15;
    else if (/paune|pone|पौने/u.test(spelled)) [hour, minute] = [hour - 1, 45];
  }
  if (hour < 0 || hour > 23 || minute > 59) return null;
  const written24 = clock?.[1]?.length === 2 && clock[1].startsWith('0');
  if (hour <= 12 && !written24) {
    if (MORNING.test(lower)) hour = hour === 12 ? 0 : hour;
    else if (LATER_HALF.test(lower)) hour = hour === 12 ? 12 : hour + 12;
    // No day part: a delivery desk's day runs 08:00–20:00, so "4 baje" is 16:00 and "10 baje" 10:00.
    else if (hour >= 1 && hour <= 7) hour += 12;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
