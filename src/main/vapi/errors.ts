/**
 * The one error type the VAPI client throws: a `kind` the dialer can branch on, an operator-readable
 * `message` (what to do about it), and the technical `detail` for the log. Neither ever contains the key.
 */

export const VAPI_ERROR_KINDS = [
  'auth',
  'bad-request',
  'not-found',
  'rate-limit',
  'server',
  'timeout',
  'network',
  'malformed-response',
  'concurrency-limit',
  'account',
] as const;
export type VapiErrorKind = (typeof VAPI_ERROR_KINDS)[number];

export type VapiOperation =
  'createCall' | 'getCall' | 'listCalls' | 'getAssistant' | 'getPhoneNumber' | 'createAssistant';

export interface VapiErrorInit {
  kind: VapiErrorKind;
  operation: VapiOperation;
  /** Operator-facing sentence. Defaults to the standard one for the kind. */
  message?: string;
  detail: string;
  status?: number;
  /** Whether the same request may succeed if made again later. */
  retryable: boolean;
  /** Only for createCall: VAPI may have started dialling although we got no usable answer. */
  mayHaveDialled?: boolean;
  /**
   * The refusal is about the account or its configuration (key, credits, subscription, assistant or phone
   * number), not about one customer: every other call would be refused the same way, so calling stops.
   */
  stopsCalling?: boolean;
  /** VAPI's call id when one is known (a concurrency-blocked create still gets an id). */
  callId?: string;
  /** How long VAPI asked us to wait (Retry-After), when it said so on the final answer. */
  retryAfterMs?: number;
}

const OPERATOR_MESSAGES: Record<VapiErrorKind, string> = {
  auth: 'VAPI rejected the private key — open Settings and check the VAPI key',
  'bad-request':
    'VAPI refused the request — check the assistant, phone number and customer number in Settings',
  'not-found': 'VAPI does not know this call, assistant or phone number — check the ids in Settings',
  'rate-limit': 'VAPI is limiting how fast we may ask — calls continue after a short wait',
  server: 'VAPI is having trouble on its side — calls continue once it recovers',
  timeout: 'VAPI did not answer in time — calls continue once it responds again',
  network: 'Cannot reach VAPI — check the internet connection',
  'malformed-response': 'VAPI sent a reply the app could not read — it will be checked again',
  'concurrency-limit':
    'All VAPI call lines are busy (organisation concurrency limit) — waiting for a free line',
  account:
    'VAPI refused calls for this account (credits, subscription or phone number) — check the VAPI dashboard',
};

const MAY_HAVE_DIALLED_MESSAGE =
  'VAPI did not confirm the call and it may have dialled — check the VAPI call log before calling this number again';

export class VapiError extends Error {
  readonly kind: VapiErrorKind;
  readonly operation: VapiOperation;
  readonly detail: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly mayHaveDialled: boolean;
  readonly stopsCalling: boolean;
  readonly callId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: VapiErrorInit) {
    const mayHaveDialled = init.mayHaveDialled ?? false;
    const defaultMessage = mayHaveDialled ? MAY_HAVE_DIALLED_MESSAGE : OPERATOR_MESSAGES[init.kind];
    super(init.message ?? defaultMessage);
    this.name = 'VapiError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.detail = init.detail;
    this.status = init.status;
    this.retryable = init.retryable;
    this.mayHaveDialled = mayHaveDialled;
    this.stopsCalling = init.stopsCalling ?? false;
    this.callId = init.callId;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The same error with some fields replaced (errors are immutable once thrown). */
  with(changes: Partial<Pick<VapiErrorInit, 'detail' | 'retryAfterMs'>>): VapiError {
    return new VapiError({
      kind: this.kind,
      operation: this.operation,
      message: this.message,
      detail: this.detail,
      status: this.status,
      retryable: this.retryable,
      mayHaveDialled: this.mayHaveDialled,
      stopsCalling: this.stopsCalling,
      callId: this.callId,
      retryAfterMs: this.retryAfterMs,
      ...changes,
    });
  }
}

export function isVapiError(error: unknown): error is VapiError {
  return error instanceof VapiError;
}

/**
 * Replaces every occurrence of `secret` (and its Bearer header form) in `text`. Used on every detail and log
 * line, because a proxy or VAPI itself could echo a request header back in an error body.
 */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  return text.split(secret).join('[redacted]');
}
