/**
 * The VAPI call API client: create a call, read one, list recent ones.
 *
 * Why a thin `fetch` client and not `@vapi-ai/server-sdk` (checked at 2.0.1): the SDK retries 408/429/5xx
 * for every method including `POST /call`, so an ambiguous create could phone a customer twice; its backoff
 * sleeps on the real `setTimeout`, which a virtual clock cannot govern; it cannot say how many requests are
 * in flight; and it weighs ~47 MB for three endpoints. The shapes here follow VAPI's OpenAPI document
 * instead (see types.ts).
 *
 * Time: request timeouts use real time (an AbortSignal) because network I/O is real even when the engine's
 * clock is virtual; backoff waits use the injected clock, so a simulation decides how long they last.
 */
import type { Clock } from '../clock';
import type { LogLevel, Logger } from '../log';
import { VapiError, redact, type VapiOperation } from './errors';
import { errorFromException, errorFromStatus } from './http-errors';
import { backoffDelayMs, parseRetryAfterMs } from './retry';
import {
  CUSTOMER_NAME_MAX_LENGTH,
  parseVapiAssistant,
  parseVapiCall,
  parseVapiCallList,
  parseVapiPhoneNumber,
  type CreateCallBody,
  type CreateCallOptions,
  type CreateCallRequest,
  LIST_ID_FILTERS,
  LIST_TIME_FILTERS,
  type ListCallsQuery,
  type ParseResult,
  type VapiAssistant,
  type VapiCall,
  type VapiPhoneNumber,
  type VapiSubscriptionLimits,
} from './types';

export type VapiLogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Receives one line per notable event; the key has already been removed from `message` and `fields`. */
export type VapiLog = (
  level: VapiLogLevel,
  message: string,
  fields?: Record<string, string | number>,
) => void;

export interface VapiClientOptions {
  baseUrl?: string;
  /** The organisation's private key (sent as a Bearer token). */
  apiKey: string;
  assistantId: string;
  /**
   * Sent as the transient `assistant` of every call when `assistantId` is empty (the shipped assistant,
   * resources/assistant/); with neither, a create is refused before anything is sent.
   */
  assistant?: Record<string, unknown>;
  phoneNumberId: string;
  clock: Clock;
  /** Told VAPI's `subscriptionLimits` whenever a create answers with them (the account's concurrency). */
  onSubscriptionLimits?: (limits: VapiSubscriptionLimits) => void;
  requestTimeoutMs?: number;
  /**
   * Retries of a failed read after the first request (so at most maxRetries + 1 requests). None by default:
   * the engine owns backoff (a session pauses, the reconciler asks again later, both on the engine's clock),
   * and a client retrying underneath would multiply requests during a rate limit. Creates are never retried
   * once the request may have reached VAPI, whatever this says.
   */
  maxRetries?: number;
  retryBaseMs?: number;
  random?: () => number;
  /** Gets one line per retry and per failure; the key is removed from every line before it is logged. */
  log?: Logger;
}

type Exchange = { ok: true; json: unknown } | { ok: false; error: VapiError; retryAfterMs: number | null };

export class VapiClient {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly assistantId: string;
  private readonly assistant: Record<string, unknown> | undefined;
  private readonly phoneNumberId: string;
  private readonly onSubscriptionLimits: VapiClientOptions['onSubscriptionLimits'];
  private readonly clock: Clock;
  private readonly requestTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly random: () => number;
  private readonly logger: Logger | undefined;
  private requestsInFlight = 0;

  constructor(options: VapiClientOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.vapi.ai').replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.assistantId = options.assistantId;
    this.assistant = options.assistant;
    this.phoneNumberId = options.phoneNumberId;
    this.onSubscriptionLimits = options.onSubscriptionLimits;
    this.clock = options.clock;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.maxRetries = options.maxRetries ?? 0;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.random = options.random ?? Math.random;
    this.logger = options.log;
  }

  /** HTTP requests currently waiting for VAPI's answer (backoff waits are not counted). */
  get inFlight(): number {
    return this.requestsInFlight;
  }

  /**
   * Asks VAPI to dial one customer. Resolves once VAPI accepted the call (status 'queued' as a rule).
   * Throws `VapiError`; kind 'concurrency-limit' means no line was free and nobody was dialled.
   */
  async createCall(request: CreateCallRequest, options: CreateCallOptions = {}): Promise<VapiCall> {
    const transient = this.assistantId.trim() === '' ? this.assistant : undefined;
    if (!transient) this.requireSetting(this.assistantId, 'assistant id');
    this.requireSetting(this.phoneNumberId, 'phone number id');
    const body: CreateCallBody = {
      ...(transient ? { assistant: transient } : { assistantId: this.assistantId }),
      phoneNumberId: this.phoneNumberId,
      customer: { number: request.customerNumber },
      // VAPI's CreateCallDTO has no top-level `metadata` (its validator rejects unknown properties); the
      // documented place for our own ids is the assistant overrides, which VAPI echoes back on the call.
      assistantOverrides: { variableValues: request.variableValues, metadata: request.metadata },
    };
    const name = request.customerName.trim().slice(0, CUSTOMER_NAME_MAX_LENGTH);
    if (name) body.customer.name = name;
    const json = await this.send('createCall', 'POST', '/call', body, options.stillWanted);
    const call = this.parseOrThrow('createCall', parseVapiCall(json), true);
    if (call.subscriptionLimits) this.onSubscriptionLimits?.(call.subscriptionLimits);
    if (
      call.subscriptionLimits?.concurrencyBlocked === true ||
      call.endedReason === 'call.start.error-subscription-concurrency-limit-reached'
    ) {
      throw new VapiError({
        kind: 'concurrency-limit',
        operation: 'createCall',
        detail: `createCall: VAPI blocked call ${call.id} (${call.endedReason ?? 'concurrencyBlocked'}), limit ${
          call.subscriptionLimits?.concurrencyLimit ?? 'unknown'
        }`,
        retryable: true,
        callId: call.id,
      });
    }
    return call;
  }

  async getCall(id: string): Promise<VapiCall> {
    const json = await this.send('getCall', 'GET', `/call/${encodeURIComponent(id)}`);
    return this.parseOrThrow('getCall', parseVapiCall(json), false);
  }

  /**
   * Calls of the organisation matching VAPI's list filters, newest first as VAPI returns them (at most
   * `limit`, VAPI's default 100, maximum 1000). Time bounds are epoch milliseconds, sent as ISO 8601.
   */
  async listCalls(query: ListCallsQuery = {}): Promise<VapiCall[]> {
    const params = new URLSearchParams();
    for (const name of LIST_ID_FILTERS) {
      const value = query[name];
      if (value !== undefined) params.set(name, value);
    }
    for (const name of LIST_TIME_FILTERS) {
      const value = query[name];
      if (value !== undefined) params.set(name, new Date(value).toISOString());
    }
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.toString();
    const json = await this.send('listCalls', 'GET', search ? `/call?${search}` : '/call');
    return this.parseOrThrow('listCalls', parseVapiCallList(json), false);
  }

  /** `GET /assistant/{id}`: the assistant the desk's calls use (Check VAPI). */
  async getAssistant(id: string): Promise<VapiAssistant> {
    const json = await this.send('getAssistant', 'GET', `/assistant/${encodeURIComponent(id)}`);
    return this.parseOrThrow('getAssistant', parseVapiAssistant(json), false);
  }

  /** `GET /phone-number/{id}`: the number the desk's calls go out from (Check VAPI). */
  async getPhoneNumber(id: string): Promise<VapiPhoneNumber> {
    const json = await this.send('getPhoneNumber', 'GET', `/phone-number/${encodeURIComponent(id)}`);
    return this.parseOrThrow('getPhoneNumber', parseVapiPhoneNumber(json), false);
  }

  /**
   * `POST /assistant` with a `CreateAssistantDTO` (the shipped assistant's JSON). Never retried: a request
   * whose answer was lost may have created it, and a second would make a duplicate.
   */
  async createAssistant(body: Record<string, unknown>): Promise<VapiAssistant> {
    const json = await this.send('createAssistant', 'POST', '/assistant', body, () => false);
    return this.parseOrThrow('createAssistant', parseVapiAssistant(json), false);
  }

  /** Caught here rather than as VAPI's 400, so the operator is told which setting is empty. */
  private requireSetting(value: string, name: string): void {
    if (value.trim()) return;
    throw new VapiError({
      kind: 'bad-request',
      operation: 'createCall',
      message: `The VAPI ${name} is missing — open Settings and enter it`,
      detail: `createCall: no ${name} configured`,
      retryable: false,
    });
  }

  private parseOrThrow<T>(operation: VapiOperation, parsed: ParseResult<T>, accepted: boolean): T {
    if (parsed.ok) return parsed.value;
    // A 2xx to POST /call means VAPI accepted it, so an unreadable body still may have dialled.
    const error = new VapiError({
      kind: 'malformed-response',
      operation,
      detail: `${operation}: ${parsed.problem}`,
      retryable: true,
      mayHaveDialled: accepted,
    });
    this.log('error', `${error.kind}: ${error.detail}`);
    throw error;
  }

  /** One logical request: the first try plus retries of what is safe and worth retrying. */
  private async send(
    operation: VapiOperation,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    stillWanted: () => boolean = () => true,
  ) {
    if (!this.apiKey.trim()) {
      throw new VapiError({
        kind: 'auth',
        operation,
        message: 'The VAPI key is missing — open Settings and enter the VAPI private key',
        detail: `${operation}: no API key configured`,
        retryable: false,
      });
    }
    for (let retry = 0; ; retry++) {
      const exchange = await this.exchange(operation, method, path, body);
      if (exchange.ok) return exchange.json;
      const { error, retryAfterMs } = exchange;
      // A create that may have placed the call is never sent again from here: the dialer asks VAPI first.
      const retriable =
        error.retryable &&
        !error.mayHaveDialled &&
        error.kind !== 'concurrency-limit' &&
        retry < this.maxRetries;
      if (!retriable) {
        this.log(error.kind === 'concurrency-limit' ? 'info' : 'error', `${error.kind}: ${error.detail}`);
        throw retryAfterMs === null ? error : error.with({ retryAfterMs });
      }
      const waitMs = retryAfterMs ?? backoffDelayMs(retry, this.retryBaseMs, this.random);
      this.log(
        'warn',
        `${error.kind}: ${error.detail}; retry ${retry + 1} of ${this.maxRetries} in ${waitMs} ms`,
      );
      await this.clock.sleep(waitMs);
      if (!stillWanted()) {
        // The caller no longer wants this request (working hours ended during the wait): a retry now could
        // start a call at a time no call may start.
        this.log('warn', `${operation}: not retried, no longer wanted after the wait`);
        throw error;
      }
    }
  }

  /** Exactly one HTTP request and the reading of its answer. */
  private async exchange(
    operation: VapiOperation,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Exchange> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.apiKey}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    this.requestsInFlight++;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
        // A redirect is answered, never followed: following would send the call's body (the customer's name
        // and number) to a host the operator never saved, and VAPI's API does not redirect.
        redirect: 'manual',
      });
      const text = await response.text();
      if (!response.ok) {
        const error = errorFromStatus(operation, response.status, this.redact(text), path);
        return {
          ok: false,
          error,
          retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after'), this.clock.now()),
        };
      }
      try {
        return { ok: true, json: JSON.parse(text) as unknown };
      } catch {
        const accepted = operation === 'createCall';
        const error = new VapiError({
          kind: 'malformed-response',
          operation,
          status: response.status,
          detail: `${operation}: HTTP ${response.status} from ${path} is not JSON: ${this.redact(text.slice(0, 200))}`,
          retryable: true,
          mayHaveDialled: accepted,
        });
        return { ok: false, error, retryAfterMs: null };
      }
    } catch (thrown) {
      const error = errorFromException(operation, thrown, path, this.requestTimeoutMs);
      return { ok: false, error: error.with({ detail: this.redact(error.detail) }), retryAfterMs: null };
    } finally {
      this.requestsInFlight--;
    }
  }

  private redact(text: string): string {
    return redact(text, this.apiKey);
  }

  private log(level: LogLevel, message: string): void {
    this.logger?.log({ at: this.clock.now(), level, message: `VAPI ${this.redact(message)}` });
  }
}
