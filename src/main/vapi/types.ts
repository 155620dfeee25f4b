/**
 * The subset of VAPI's call API that the desk uses, typed after the real shapes (VAPI's OpenAPI document,
 * `fern/apis/api/openapi.json` in github.com/VapiAI/docs, schemas `Call`, `CreateCallDTO`, `Analysis`,
 * `Artifact`, `SubscriptionLimits`), and the parser that turns a response body into a `VapiCall`.
 *
 * Parsing is lenient about what we do not use (VAPI adds fields often) and strict about what we do: a body
 * without an id, or with a status we do not know, is a malformed response rather than a guess.
 */
import { z } from 'zod';

/** `Call.status` in the OpenAPI document. `not-found` / `deletion-failed` are VAPI bookkeeping states. */
export const VAPI_CALL_STATUSES = [
  'scheduled',
  'queued',
  'ringing',
  'in-progress',
  'forwarding',
  'ended',
  'not-found',
  'deletion-failed',
] as const;
export type VapiCallStatus = (typeof VAPI_CALL_STATUSES)[number];

/** `SubscriptionLimits`: returned with `POST /call`; `concurrencyBlocked` is how VAPI says "no free line". */
export interface VapiSubscriptionLimits {
  concurrencyBlocked?: boolean;
  concurrencyLimit?: number;
  remainingConcurrentCalls?: number;
}

/** One spoken turn in `artifact.messages` (roles seen: 'system', 'bot', 'user', 'tool_calls', ...). */
export interface VapiMessage {
  role: string;
  message?: string;
  secondsFromStart?: number;
}

export interface VapiAnalysis {
  summary?: string;
  structuredData?: Record<string, unknown>;
  /**
   * The assistant's success evaluation. The schema says string: 'true' / 'false' for the default PassFail
   * rubric, a score or a word for the other rubrics. Booleans are accepted too, to be forgiving.
   */
  successEvaluation?: string | boolean | number;
}

export interface VapiArtifact {
  /** "AI: ...\nUser: ..." lines, derived by VAPI from `messages`. */
  transcript?: string;
  messages?: VapiMessage[];
  /** Deprecated by VAPI in favour of `recording`, still sent. */
  recordingUrl?: string;
  stereoRecordingUrl?: string;
  recording?: { stereoUrl?: string; mono?: { combinedUrl?: string } };
}

/** A call as `GET /call/{id}`, `GET /call` and `POST /call` return it (only the fields we read). */
export interface VapiCall {
  id: string;
  type?: string;
  status: VapiCallStatus;
  /** Why the call ended, e.g. 'customer-busy', 'voicemail', 'twilio-failed-to-connect-call'. */
  endedReason?: string;
  /** Extra words about `endedReason`, when VAPI has them. */
  endedMessage?: string;
  /** ISO 8601 strings, as VAPI sends them. */
  createdAt: string;
  updatedAt?: string;
  startedAt?: string;
  endedAt?: string;
  /** USD. */
  cost?: number;
  assistantId?: string;
  phoneNumberId?: string;
  customer?: { number?: string; name?: string };
  assistantOverrides?: { variableValues?: Record<string, unknown>; metadata?: Record<string, unknown> };
  analysis?: VapiAnalysis;
  artifact?: VapiArtifact;
  /** Only on `POST /call` responses. */
  subscriptionLimits?: VapiSubscriptionLimits;
  /** Top-level fields from VAPI's older Call shape, kept because older accounts' calls still carry them. */
  transcript?: string;
  recordingUrl?: string;
  summary?: string;
  messages?: VapiMessage[];
  /** The whole JSON object as received, for audits. */
  raw: Record<string, unknown>;
}

/** What the desk asks for when it dials one number. */
export interface CreateCallRequest {
  /** E.164, e.g. "+919876500001". */
  customerNumber: string;
  customerName: string;
  /** Template values for the assistant's prompt ({{awb}}, {{customerName}}, ...). */
  variableValues: Record<string, string>;
  /** Our own identifiers (call row id, AWBs, session), echoed back on the call. */
  metadata: Record<string, string | number>;
}

export interface CreateCallOptions {
  /**
   * Asked after every backoff wait, before a retry: false means give up (working hours ended meanwhile) and
   * throw the last error.
   */
  stillWanted?: () => boolean;
}

/**
 * The `POST /call` body we send (a `CreateCallDTO`): the saved assistant by id, or, when no id is set, the
 * shipped assistant itself as a transient `assistant` (resources/assistant/).
 */
export interface CreateCallBody {
  assistantId?: string;
  assistant?: Record<string, unknown>;
  phoneNumberId: string;
  customer: { number: string; name?: string };
  assistantOverrides: { variableValues: Record<string, string>; metadata: Record<string, string | number> };
}

/** `GET /call`'s filters that take an id (OpenAPI: paths./call.get.parameters). */
export const LIST_ID_FILTERS = ['id', 'assistantId', 'phoneNumberId'] as const;
/** `GET /call`'s time filters; VAPI takes ISO 8601, the desk passes epoch milliseconds. */
export const LIST_TIME_FILTERS = [
  'createdAtGt',
  'createdAtLt',
  'createdAtGe',
  'createdAtLe',
  'updatedAtGt',
  'updatedAtLt',
  'updatedAtGe',
  'updatedAtLe',
] as const;

export type ListCallsQuery = Partial<Record<(typeof LIST_ID_FILTERS)[number], string>> &
  Partial<Record<(typeof LIST_TIME_FILTERS)[number], number>> & {
    /** VAPI's default is 100, maximum 1000. */
    limit?: number;
  };

/** The most calls one `GET /call` returns. */
export const LIST_CALLS_MAX_LIMIT = 1000;

/** VAPI limits `customer.name` to 40 characters and rejects longer names with a 400. */
export const CUSTOMER_NAME_MAX_LENGTH = 40;

const messageSchema = z.looseObject({
  role: z.string(),
  message: z.string().optional(),
  secondsFromStart: z.number().optional(),
});

const recordSchema = z.record(z.string(), z.unknown());

const callSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  status: z.string().optional(),
  endedReason: z.string().optional(),
  endedMessage: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  cost: z.number().optional(),
  assistantId: z.string().optional(),
  phoneNumberId: z.string().optional(),
  customer: z.looseObject({ number: z.string().optional(), name: z.string().optional() }).optional(),
  assistantOverrides: z
    .looseObject({ variableValues: recordSchema.optional(), metadata: recordSchema.optional() })
    .optional(),
  analysis: z
    .looseObject({
      summary: z.string().optional(),
      structuredData: recordSchema.optional(),
      successEvaluation: z.union([z.string(), z.boolean(), z.number()]).optional(),
    })
    .optional(),
  artifact: z
    .looseObject({
      transcript: z.string().optional(),
      messages: z.array(messageSchema).optional(),
      recordingUrl: z.string().optional(),
      stereoRecordingUrl: z.string().optional(),
      recording: z
        .looseObject({
          stereoUrl: z.string().optional(),
          mono: z.looseObject({ combinedUrl: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
  subscriptionLimits: z
    .looseObject({
      concurrencyBlocked: z.boolean().optional(),
      concurrencyLimit: z.number().optional(),
      remainingConcurrentCalls: z.number().optional(),
    })
    .optional(),
  transcript: z.string().optional(),
  recordingUrl: z.string().optional(),
  summary: z.string().optional(),
  messages: z.array(messageSchema).optional(),
});

function isKnownStatus(status: string): status is VapiCallStatus {
  return (VAPI_CALL_STATUSES as readonly string[]).includes(status);
}

/** Drops keys whose value is null: VAPI sends null for absent optional fields on some endpoints. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null) copy[key] = withoutNulls(inner);
  }
  return copy;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Reads one call object; `problem` says in plain words what was wrong with it. */
export function parseVapiCall(json: unknown): ParseResult<VapiCall> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problem: 'expected a call object' };
  }
  const parsed = callSchema.safeParse(withoutNulls(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: `call ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const { status, ...rest } = parsed.data;
  // The schema marks status optional; a call that carries an end reason has ended whatever else it says.
  const resolvedStatus = status ?? (rest.endedReason || rest.endedAt ? 'ended' : 'queued');
  if (!isKnownStatus(resolvedStatus)) {
    return { ok: false, problem: `call ${rest.id} has unknown status "${resolvedStatus}"` };
  }
  return { ok: true, value: { ...rest, status: resolvedStatus, raw: json as Record<string, unknown> } };
}

/** Reads the array `GET /call` returns. */
export function parseVapiCallList(json: unknown): ParseResult<VapiCall[]> {
  if (!Array.isArray(json)) return { ok: false, problem: 'expected an array of calls' };
  const calls: VapiCall[] = [];
  for (const item of json) {
    const parsed = parseVapiCall(item);
    if (!parsed.ok) return parsed;
    calls.push(parsed.value);
  }
  return { ok: true, value: calls };
}

/** The recording link, wherever this call's shape keeps it. */
export function recordingUrlOf(call: VapiCall): string | undefined {
  return (
    call.artifact?.recording?.mono?.combinedUrl ??
    call.artifact?.recordingUrl ??
    call.artifact?.recording?.stereoUrl ??
    call.recordingUrl
  );
}

/** The transcript, wherever this call's shape keeps it. */
export function transcriptOf(call: Pick<VapiCall, 'artifact' | 'transcript'>): string | undefined {
  return call.artifact?.transcript ?? call.transcript;
}

/** An assistant as `GET /assistant/{id}` and `POST /assistant` return it (OpenAPI `Assistant`: the fields we read). */
export interface VapiAssistant {
  id: string;
  name?: string;
  raw: Record<string, unknown>;
}

/**
 * A phone number as `GET /phone-number/{id}` returns it (OpenAPI `PhoneNumber`, one of ByoPhoneNumber,
 * TwilioPhoneNumber, VonagePhoneNumber, VapiPhoneNumber, TelnyxPhoneNumber, told apart by `provider`).
 */
export interface VapiPhoneNumber {
  id: string;
  provider?: string;
  /** E.164; absent on some SIP numbers. */
  number?: string;
  name?: string;
  /** 'active' | 'activating' | 'blocked'. */
  status?: string;
  raw: Record<string, unknown>;
}

const assistantSchema = z.looseObject({ id: z.string().min(1), name: z.string().optional() });
const phoneNumberSchema = z.looseObject({
  id: z.string().min(1),
  provider: z.string().optional(),
  number: z.string().optional(),
  name: z.string().optional(),
  status: z.string().optional(),
});

function parseResource<T extends { id: string }>(
  json: unknown,
  schema: z.ZodType<Omit<T, 'raw'>>,
  what: string,
): ParseResult<T & { raw: Record<string, unknown> }> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problem: `expected ${what} object` };
  }
  const parsed = schema.safeParse(withoutNulls(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: `${what} ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { ok: true, value: { ...(parsed.data as T), raw: json as Record<string, unknown> } };
}

export function parseVapiAssistant(json: unknown): ParseResult<VapiAssistant> {
  return parseResource<VapiAssistant>(json, assistantSchema, 'an assistant');
}

export function parseVapiPhoneNumber(json: unknown): ParseResult<VapiPhoneNumber> {
  return parseResource<VapiPhoneNumber>(json, phoneNumberSchema, 'a phone number');
}
