/**
 * What an answered fake call "said", in VAPI's shapes: the dialogue as `artifact.messages` (every entry with
 * VAPI's required `role`, `message`, `time`, `endTime`, `secondsFromStart`), the "AI: / User:" transcript, and
 * the answer the shipped assistant (resources/assistant) extracts, where VAPI puts it:
 * `artifact.structuredOutputs` keyed by output id with `{ name, result }` values (current accounts) and
 * `analysis.structuredData` / `successEvaluation` / `summary` (the legacy analysis plan).
 *
 * `conversationFor({ intent, facts, startedAt, ... })` is the call the fake's calls.ts makes per answer;
 * `conversationFor(facts)` with `{ successful }` keeps the shape it had before answers existed.
 */
import { ANSWER_OUTPUT_NAME, type AnswerIntent } from '../../main/domain/answer';
import { formatLocalDate } from '../../main/domain/local-time';
import {
  parcelName,
  scriptFor,
  type AnswerResult,
  type ConversationLanguage,
  type ParcelFacts,
  type Speaker,
  type Turn,
} from './conversation-lines';

export type { AnswerResult, ConversationLanguage, ParcelFacts } from './conversation-lines';

/** Before answers: a confirmed or a "deliver tomorrow" call. */
export interface ConversationFacts {
  customerName: string;
  awb: string;
  codAmount: string | null;
  successful: boolean;
}

/** The shape `conversationFor(facts)` has always returned. */
export interface Conversation {
  messages: Array<{ role: 'bot' | 'user'; message: string; secondsFromStart: number }>;
  /** VAPI's transcript format: one "AI: ..." or "User: ..." line per turn. */
  transcript: string;
  summary: string;
  structuredData: Record<string, unknown>;
}

/** Where the answer shows up: VAPI today, an account with only the legacy analysis, both, or nowhere. */
export type AnswerPlacement = 'both' | 'current' | 'legacy' | 'none';

export interface ConversationRequest {
  intent: AnswerIntent;
  facts: ParcelFacts;
  /** Epoch ms when the customer picked up; message times count from here. */
  startedAt: number;
  /** Epoch ms by which the last word must be said (the call's end): a long dialogue is paced to fit. */
  endsBy?: number;
  /** The desk's time zone, for the call's own day ("kal"); default Asia/Kolkata. */
  timezone?: string;
  language?: ConversationLanguage;
  /** reschedule: the day asked for, YYYY-MM-DD (default the day after the call). */
  date?: string;
  /** callback: when to call again, HH:MM (default 17:00). */
  time?: string;
  /** address-change: the new address and a landmark. */
  address?: string;
  landmark?: string;
  answerIn?: AnswerPlacement;
  /** The key of our output in `artifact.structuredOutputs` (VAPI's output id; inline outputs get one per call). */
  outputId?: string;
}

/** One entry of `artifact.messages` (OpenAPI BotMessage / UserMessage). */
export interface SpokenMessage {
  role: Speaker;
  message: string;
  /** Epoch ms. */
  time: number;
  endTime: number;
  secondsFromStart: number;
}

export interface AnsweredConversation {
  messages: SpokenMessage[];
  transcript: string;
  summary: string;
  /** The structured output's result: what `readAnswer` should give back. */
  answer: AnswerResult;
  /** Merge into the call's `artifact` (recording fields are the caller's). */
  artifact: {
    messages: SpokenMessage[];
    transcript: string;
    structuredOutputs?: Record<string, { name: string; result: AnswerResult }>;
  };
  /** The call's `analysis`: `{}` when the legacy plan is not in play. */
  analysis: { summary?: string; structuredData?: AnswerResult; successEvaluation?: 'true' | 'false' };
  /** Seconds from pick-up to the end of the last word. */
  talkSeconds: number;
}

export const DEFAULT_OUTPUT_ID = '5b0e7f3c-2d1a-4c8b-9e6f-0a4d2c7b1e93';
const DEFAULT_ADDRESS = 'Flat 302, Shanti Apartments, Sector 21, Dwarka, New Delhi 110075';
const DEFAULT_LANDMARK = 'Hanuman Mandir';

/** The first of the usual template variable names that carries a value. */
export function pickVariable(values: Record<string, unknown>, names: string[]): string | null {
  for (const name of names) {
    const value = values[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/** The parcel as the call's `assistantOverrides.variableValues` describe it. */
export function parcelFromVariables(
  variables: Record<string, unknown>,
  customerName: string | undefined,
): ParcelFacts {
  return {
    customerName: pickVariable(variables, ['customerName', 'customer_name', 'name']) ?? customerName ?? 'ji',
    awb: pickVariable(variables, ['awb', 'awbs', 'AWB', 'awbNumber', 'awbList']) ?? 'your parcel',
    codAmount: pickVariable(variables, ['codAmount', 'cod_amount', 'cod']),
    orderType: pickVariable(variables, ['orderType', 'order_type', 'type']),
  };
}

export function factsFromVariables(
  variables: Record<string, unknown>,
  customerName: string | undefined,
  successful: boolean,
): ConversationFacts {
  const { orderType: _type, ...facts } = parcelFromVariables(variables, customerName);
  return { ...facts, successful };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Seconds a turn takes to say: a breath plus about three words a second. */
function speakingSeconds(message: string): number {
  return 1 + message.split(/\s+/).length / 3;
}

const PAUSE_SECONDS = 0.7;

function pace(turns: Turn[], startedAt: number, endsBy: number | undefined): SpokenMessage[] {
  const natural = turns.reduce((sum, [, message]) => sum + PAUSE_SECONDS + speakingSeconds(message), 0);
  const available = endsBy === undefined ? natural : Math.max(0, (endsBy - startedAt) / 1000);
  const scale = Math.min(1, available / natural);
  let offset = 0;
  return turns.map(([role, message]) => {
    offset += PAUSE_SECONDS * scale;
    const seconds = speakingSeconds(message) * scale;
    const time = startedAt + Math.round(offset * 1000);
    const spoken = {
      role,
      message,
      time,
      endTime: startedAt + Math.round((offset + seconds) * 1000),
      secondsFromStart: Math.round(offset * 100) / 100,
    };
    offset += seconds;
    return spoken;
  });
}

function transcriptOf(messages: ReadonlyArray<{ role: Speaker; message: string }>): string {
  return messages.map(({ role, message }) => `${role === 'bot' ? 'AI' : 'User'}: ${message}`).join('\n');
}

function answeredConversation(request: ConversationRequest): AnsweredConversation {
  const callDate = formatLocalDate(request.startedAt, request.timezone ?? 'Asia/Kolkata');
  const date = request.date ?? addDays(callDate, 1);
  const asked = {
    date,
    daysAhead: Math.round((Date.parse(date) - Date.parse(callDate)) / 86_400_000),
    time: request.time ?? '17:00',
    address: request.address ?? DEFAULT_ADDRESS,
    landmark: request.landmark ?? DEFAULT_LANDMARK,
  };
  const script = scriptFor(request.intent, request.facts, asked, request.language ?? 'hinglish');
  const messages = pace(script.turns, request.startedAt, request.endsBy);
  const transcript = transcriptOf(messages);
  const placement = request.answerIn ?? 'both';
  const current = placement === 'both' || placement === 'current';
  const legacy = placement === 'both' || placement === 'legacy';
  const success = request.intent === 'confirmed' || request.intent === 'address-change';
  const last = messages[messages.length - 1];
  return {
    messages,
    transcript,
    summary: script.summary,
    answer: script.result,
    artifact: {
      messages,
      transcript,
      ...(current
        ? {
            structuredOutputs: {
              [request.outputId ?? DEFAULT_OUTPUT_ID]: { name: ANSWER_OUTPUT_NAME, result: script.result },
            },
          }
        : {}),
    },
    analysis: legacy
      ? {
          summary: script.summary,
          structuredData: script.result,
          successEvaluation: success ? 'true' : 'false',
        }
      : {},
    talkSeconds: last ? (last.endTime - request.startedAt) / 1000 : 0,
  };
}

/** The dialogue calls.ts has played since before answers: confirmed, or "deliver tomorrow". */
function confirmedOrTomorrow(facts: ConversationFacts): Conversation {
  const parcel = parcelName(facts.awb);
  const turns: Turn[] = [
    [
      'bot',
      `Namaste ${facts.customerName} ji, main courier delivery team se bol rahi hoon. Aapka parcel ${parcel} aaj delivery ke liye nikla hai.`,
    ],
    ['user', 'Haan ji, boliye.'],
    ['bot', 'Kya aap aaj ghar par available rahenge? Kaunsa time aapke liye theek rahega?'],
  ];
  if (facts.successful) {
    const cod = facts.codAmount ? ` Cash on delivery ke liye ₹${facts.codAmount} tayyar rakhiyega.` : '';
    turns.push(
      ['user', 'Haan, shaam 4 se 6 ke beech aa jaiye. Main ghar par hi hoon.'],
      ['bot', `Theek hai, 4 se 6 baje ka slot note kar liya hai.${cod} Dhanyavaad!`],
      ['user', 'Thank you.'],
    );
  } else {
    turns.push(
      ['user', 'Aaj main bahar hoon, kal bhej dijiye please.'],
      ['bot', 'Koi baat nahi, main kal ki delivery ke liye request note kar leti hoon. Dhanyavaad!'],
      ['user', 'Ok, bye.'],
    );
  }
  let second = 0;
  const messages = turns.map(([role, message]) => {
    second += 4 + Math.round(message.length / 20);
    return { role, message, secondsFromStart: second };
  });
  const summary = facts.successful
    ? `${facts.customerName} confirmed delivery of ${parcel} today between 16:00 and 18:00.`
    : `${facts.customerName} is not available today and asked for ${parcel} to be delivered tomorrow.`;
  const structuredData: Record<string, unknown> = facts.successful
    ? { intent: 'confirmed', time: '16:00', awb: facts.awb, deliveryConfirmed: true }
    : { intent: 'reschedule', date: 'kal', awb: facts.awb, deliveryConfirmed: false };
  if (facts.codAmount && facts.successful) structuredData.codReady = true;
  return { messages, transcript: transcriptOf(messages), summary, structuredData };
}

/**
 * The conversation of an answered call. With `{ intent, facts, startedAt, ... }`: the dialogue for that
 * answer in VAPI's shapes. With the older `{ customerName, awb, codAmount, successful }`: the dialogue and
 * shape calls.ts has used so far, whose structuredData now also carries the answer's `intent` (its `date`
 * is the word "kal": that call knows no calendar).
 */
export function conversationFor(request: ConversationRequest): AnsweredConversation;
export function conversationFor(facts: ConversationFacts): Conversation;
export function conversationFor(
  input: ConversationRequest | ConversationFacts,
): AnsweredConversation | Conversation {
  return 'intent' in input ? answeredConversation(input) : confirmedOrTomorrow(input);
}
