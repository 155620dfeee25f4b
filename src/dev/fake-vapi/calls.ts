/**
 * A fake call's life, computed from the clock rather than driven by timers: given when it was created and
 * how it is scripted to end, its status, end reason and artifacts at any instant follow. A virtual clock
 * therefore moves fake calls along exactly as it moves the engine.
 */
import { conversationFor, parcelFromVariables } from './conversation';
import { fateOf, type FakeFate, type FakeOutcome } from './outcomes';

/** Seconds from creation at which each phase ends (a real outbound call's rough rhythm). */
export interface FakeTimings {
  /** queued → ringing. */
  queuedSeconds: number;
  /** ringing → in-progress when someone (or a voicemail box) picks up. */
  answerSeconds: number;
  /** A busy line is reported after this long. */
  busySeconds: number;
  /** An unanswered call gives up after this long. */
  noAnswerSeconds: number;
  /** A voicemail call ends after the greeting and a short message. */
  voicemailSeconds: number;
  /** A call the carrier cannot connect ends after this long, without ringing. */
  failedSeconds: number;
}

export const DEFAULT_TIMINGS: FakeTimings = {
  queuedSeconds: 1,
  answerSeconds: 5,
  busySeconds: 15,
  noAnswerSeconds: 30,
  voicemailSeconds: 25,
  failedSeconds: 2,
};

export type FakeCallFate = FakeOutcome | 'concurrency-blocked';

export interface FakeCallRecord {
  id: string;
  /** Epoch ms on the fake's clock. */
  createdAt: number;
  fate: FakeCallFate;
  /** For an answered call: who hung up. */
  answeredEnd: 'customer-ended-call' | 'assistant-ended-call';
  /** VAPI's analysis (the customer's answer) shows up this long after the end. */
  analysisDelayMs: number;
  /** The desk's time zone, for the dialogue's "kal". */
  timezone: string;
  assistantId: string;
  phoneNumberId: string;
  customer: { number: string; name?: string };
  assistantOverrides: Record<string, unknown>;
  name?: string;
  /** Epoch ms when ringing started, ends (Infinity for a stuck call, which never ends). */
  startedAt: number | null;
  endedAt: number;
  /** When someone picked up (answered / voicemail). */
  pickedUpAt: number | null;
}

export interface NewCall {
  id: string;
  createdAt: number;
  fate: FakeCallFate;
  answeredEnd: FakeCallRecord['answeredEnd'];
  analysisDelayMs?: number;
  timezone?: string;
  /** Answered and never ends (the provider lost track of it, or a line left open). */
  stuck?: boolean;
  body: {
    assistantId: string;
    phoneNumberId: string;
    customer: { number: string; name?: string };
    assistantOverrides?: Record<string, unknown>;
    name?: string;
  };
}

export function planCall(call: NewCall, callSeconds: number, timings: FakeTimings): FakeCallRecord {
  const at = (seconds: number) => call.createdAt + Math.round(seconds * 1000);
  const ringFrom = Math.min(timings.queuedSeconds, callSeconds);
  const base = {
    id: call.id,
    createdAt: call.createdAt,
    fate: call.fate,
    answeredEnd: call.answeredEnd,
    analysisDelayMs: call.analysisDelayMs ?? 0,
    timezone: call.timezone ?? 'Asia/Kolkata',
    assistantId: call.body.assistantId,
    phoneNumberId: call.body.phoneNumberId,
    customer: call.body.customer,
    assistantOverrides: call.body.assistantOverrides ?? {},
    ...(call.body.name ? { name: call.body.name } : {}),
  };
  if (call.stuck) {
    return {
      ...base,
      startedAt: at(ringFrom),
      endedAt: Number.POSITIVE_INFINITY,
      pickedUpAt: at(Math.min(timings.answerSeconds, callSeconds)),
    };
  }
  if (call.fate === 'concurrency-blocked') {
    return { ...base, startedAt: null, endedAt: call.createdAt, pickedUpAt: null };
  }
  const fate = fateOf(call.fate);
  switch (fate.line) {
    case 'failed':
    case 'misdialled':
      return { ...base, startedAt: null, endedAt: at(timings.failedSeconds), pickedUpAt: null };
    case 'busy':
      return {
        ...base,
        startedAt: at(timings.queuedSeconds),
        endedAt: at(timings.busySeconds),
        pickedUpAt: null,
      };
    case 'no-answer':
      return {
        ...base,
        startedAt: at(timings.queuedSeconds),
        endedAt: at(timings.noAnswerSeconds),
        pickedUpAt: null,
      };
    case 'voicemail':
      return {
        ...base,
        startedAt: at(timings.queuedSeconds),
        endedAt: at(timings.voicemailSeconds),
        pickedUpAt: at(timings.answerSeconds),
      };
    case 'answered':
      // A call shorter than the usual ring still gets picked up before it ends.
      return {
        ...base,
        startedAt: at(ringFrom),
        endedAt: at(callSeconds),
        pickedUpAt: at(Math.min(timings.answerSeconds, callSeconds)),
      };
  }
}

export function isEnded(call: FakeCallRecord, now: number): boolean {
  return now >= call.endedAt;
}

/** A call that occupies one of the organisation's lines at `now`. */
export function isActive(call: FakeCallRecord, now: number): boolean {
  return call.fate !== 'concurrency-blocked' && now >= call.createdAt && !isEnded(call, now);
}

function statusAt(call: FakeCallRecord, now: number): { status: string; since: number } {
  if (isEnded(call, now)) return { status: 'ended', since: call.endedAt };
  if (call.pickedUpAt !== null && now >= call.pickedUpAt)
    return { status: 'in-progress', since: call.pickedUpAt };
  if (call.startedAt !== null && now >= call.startedAt) return { status: 'ringing', since: call.startedAt };
  return { status: 'queued', since: call.createdAt };
}

const END_REASONS: Record<Exclude<FakeFate['line'], 'answered'> | 'concurrency-blocked', string> = {
  'concurrency-blocked': 'call.start.error-subscription-concurrency-limit-reached',
  failed: 'twilio-failed-to-connect-call',
  misdialled: 'twilio-reported-customer-misdialed',
  busy: 'customer-busy',
  'no-answer': 'customer-did-not-answer',
  voicemail: 'voicemail',
};

/** About what VAPI charges an Indian outbound minute, to keep cost columns plausible. */
const USD_PER_MINUTE = 0.11;

/** What an answered call said: the dialogue and, once VAPI's analysis is in, the customer's answer. */
function answeredDetails(
  call: FakeCallRecord,
  fate: Extract<FakeFate, { line: 'answered' }>,
  analysed: boolean,
  recordingBase: string,
): Record<string, unknown> {
  const variables = (call.assistantOverrides.variableValues ?? {}) as Record<string, unknown>;
  const talk = conversationFor({
    intent: fate.intent,
    facts: parcelFromVariables(variables, call.customer.name),
    startedAt: call.pickedUpAt ?? call.createdAt,
    endsBy: call.endedAt,
    timezone: call.timezone,
    ...(fate.date ? { date: fate.date } : {}),
    ...(fate.time ? { time: fate.time } : {}),
    // "Unclear": answered, and no structured answer at all.
    answerIn: !analysed || fate.intent === 'unclear' ? 'none' : 'both',
  });
  const recordingUrl = `${recordingBase}/recordings/${call.id}-mono.wav`;
  return {
    endedReason: call.answeredEnd,
    analysis: talk.analysis,
    artifact: {
      ...talk.artifact,
      recordingUrl,
      recording: { mono: { combinedUrl: recordingUrl } },
    },
  };
}

function endedDetails(call: FakeCallRecord, now: number, recordingBase: string): Record<string, unknown> {
  const talkedMs = call.startedAt === null ? 0 : call.endedAt - call.startedAt;
  const cost = Math.round((talkedMs / 60_000) * USD_PER_MINUTE * 10_000) / 10_000;
  const details: Record<string, unknown> = { cost, analysis: {}, artifact: { messages: [] } };
  const fate = call.fate === 'concurrency-blocked' ? null : fateOf(call.fate);
  if (fate?.line === 'answered') {
    Object.assign(
      details,
      answeredDetails(call, fate, now >= call.endedAt + call.analysisDelayMs, recordingBase),
    );
  } else {
    details.endedReason = END_REASONS[fate?.line ?? 'concurrency-blocked'];
  }
  if (fate?.line === 'voicemail') {
    const greeting = 'Namaste, aapka parcel aaj delivery ke liye nikla hai. Kripya humein call back karein.';
    const spokenAt = (call.pickedUpAt ?? call.createdAt) + 3_000;
    details.analysis = {
      summary: 'Reached voicemail; left a short delivery message.',
      successEvaluation: 'false',
    };
    details.artifact = {
      messages: [
        {
          role: 'bot',
          message: greeting,
          time: spokenAt,
          endTime: spokenAt + 6_000,
          secondsFromStart: (spokenAt - call.createdAt) / 1000,
        },
      ],
      transcript: `AI: ${greeting}`,
    };
  }
  return details;
}

/** The call as VAPI's `Call` JSON at instant `now`. */
export function renderCall(
  call: FakeCallRecord,
  now: number,
  recordingBase: string,
): Record<string, unknown> {
  const { status, since } = statusAt(call, now);
  const iso = (ms: number) => new Date(ms).toISOString();
  const json: Record<string, unknown> = {
    id: call.id,
    orgId: 'fake-org',
    type: 'outboundPhoneCall',
    status,
    createdAt: iso(call.createdAt),
    updatedAt: iso(since),
    assistantId: call.assistantId,
    phoneNumberId: call.phoneNumberId,
    phoneCallProvider: 'twilio',
    phoneCallTransport: 'pstn',
    customer: call.customer,
    assistantOverrides: call.assistantOverrides,
    cost: 0,
  };
  if (call.name) json.name = call.name;
  if (call.startedAt !== null && now >= call.startedAt) json.startedAt = iso(call.startedAt);
  if (status === 'ended') {
    json.endedAt = iso(call.endedAt);
    Object.assign(json, endedDetails(call, now, recordingBase));
    // VAPI's record changes again when the analysis arrives.
    if (call.analysisDelayMs > 0 && now >= call.endedAt + call.analysisDelayMs) {
      json.updatedAt = iso(call.endedAt + call.analysisDelayMs);
    }
  }
  return json;
}
