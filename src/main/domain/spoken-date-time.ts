/**
 * Dates and times as a Hindi / English / Hinglish call says them ("kal", "parso", "27/11", "27 नवंबर",
 * "Monday"; "shaam 5 baje", "saade 4", "4-6 pm") turned into YYYY-MM-DD and 24-hour HH:MM. Relative words
 * count from the call's own local day, given as an argument. Pure; never throws; null when unreadable.
 */

function spokenText(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const cleaned = String(value).replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

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

export function readSpokenDate(
  value: unknown,
  callDate: string,
): { date: string | null; remark: string | null } {
  const said = spokenText(value);
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
  const said = spokenText(value);
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
