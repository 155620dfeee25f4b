/**
 * Turns what came back from one HTTP exchange with VAPI — an error status with its body, or an exception
 * from fetch — into a `VapiError`, deciding two things the dialer depends on: may the request be retried,
 * and may a create have dialled anyway.
 */
import { VapiError, type VapiOperation } from './errors';

/** VAPI (NestJS) error bodies: `{ message: string | string[], error: 'Bad Request', statusCode: 400 }`. */
export function errorBodyMessage(bodyText: string): string | undefined {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'message' in body) {
      const message = (body as { message: unknown }).message;
      if (typeof message === 'string') return message;
      if (Array.isArray(message)) return message.filter((part) => typeof part === 'string').join('; ');
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the caller falls back to the raw text.
  }
  return undefined;
}

const CONCURRENCY_WORDS = /concurrency/i;
/** How VAPI words a refusal that is about money or the plan, not about the one customer being called. */
const ACCOUNT_WORDS = /credit|balance|wallet|billing|payment|subscription|upgrade your plan|plan limit/i;
/** A create refused because the assistant or the phone number named in Settings cannot be used. */
const CONFIGURATION_WORDS = /assistant|phone ?number(?!\S*customer)|phoneNumberId|squad|workflow/i;

/**
 * Maps an HTTP error status. A create answered with anything but a definite refusal (4xx) may still have
 * placed the call — a 500 can come after VAPI started dialling, a 429 from a proxy in front of it — so such a
 * create is never re-sent blindly: `mayHaveDialled` tells the dialer to ask VAPI first. A refusal that would
 * hit every call alike (key, credits, subscription, the assistant or phone number in Settings) `stopsCalling`.
 */
export function errorFromStatus(
  operation: VapiOperation,
  status: number,
  bodyText: string,
  path: string,
): VapiError {
  const serverMessage = errorBodyMessage(bodyText);
  const words = serverMessage ?? bodyText;
  const detail = `${operation}: HTTP ${status} from ${path}: ${serverMessage ?? bodyText.slice(0, 300)}`;
  const isCreate = operation === 'createCall';
  const base = { operation, status, detail };
  // VAPI has reported a full house both as 400 "Over Concurrency Limit." and as a 429; either way the
  // dialer should wait for a line, not count an attempt nor treat it as a configuration problem.
  if ((status === 400 || status === 429) && CONCURRENCY_WORDS.test(words)) {
    return new VapiError({ ...base, kind: 'concurrency-limit', retryable: true });
  }
  if (status >= 300 && status < 400) {
    // Not VAPI's API answering (it never redirects): a wrong base URL, or something in between. Nothing was
    // acted on, and every request would get the same answer.
    return new VapiError({
      ...base,
      kind: 'bad-request',
      retryable: false,
      stopsCalling: true,
      message: `VAPI's address answered with a redirect (HTTP ${status}), which the desk does not follow — check VAPI's base URL in Settings`,
    });
  }
  if (status === 401) return new VapiError({ ...base, kind: 'auth', retryable: false, stopsCalling: true });
  if (status === 402 || ((status === 400 || status === 403) && ACCOUNT_WORDS.test(words))) {
    return new VapiError({
      ...base,
      kind: 'account',
      retryable: false,
      stopsCalling: true,
      message: serverMessage
        ? `VAPI refused calls for this account: ${serverMessage} — check credits and subscription in the VAPI dashboard`
        : undefined,
    });
  }
  if (status === 403) return new VapiError({ ...base, kind: 'auth', retryable: false, stopsCalling: true });
  if (status === 404) {
    // On a create, an unknown assistant or phone number id; on a read, an unknown call.
    return new VapiError({ ...base, kind: 'not-found', retryable: false, stopsCalling: isCreate });
  }
  if (status === 408) {
    // The server timed out reading our request, so it never acted on it.
    return new VapiError({ ...base, kind: 'timeout', retryable: true });
  }
  if (status === 429) {
    return new VapiError({ ...base, kind: 'rate-limit', retryable: true, mayHaveDialled: isCreate });
  }
  if (status === 504 && isCreate) {
    return new VapiError({ ...base, kind: 'timeout', retryable: true, mayHaveDialled: true });
  }
  if (status >= 500) {
    return new VapiError({ ...base, kind: 'server', retryable: true, mayHaveDialled: isCreate });
  }
  const message = serverMessage
    ? `VAPI refused the request: ${serverMessage} — check the assistant, phone number and customer number in Settings`
    : undefined;
  const aboutSettings = isCreate && !/customer/i.test(words) && CONFIGURATION_WORDS.test(words);
  return new VapiError({
    ...base,
    kind: 'bad-request',
    retryable: false,
    message,
    stopsCalling: aboutSettings,
  });
}

/** Connection errors that happen before a single byte of the request reached VAPI. */
const NOTHING_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const candidate = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof candidate.code === 'string') return candidate.code;
  if (Array.isArray(candidate.errors) && candidate.errors.length > 0) return errorCode(candidate.errors[0]);
  return errorCode(candidate.cause);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * Maps an exception thrown by fetch or by reading the body. Every such fault passes (`retryable`), but a create
 * whose request may have reached VAPI (timeout, reset mid-exchange) may have dialled: it is never re-sent
 * before VAPI's call list has been asked whether the first one placed a call (`mayHaveDialled`).
 */
export function errorFromException(
  operation: VapiOperation,
  error: unknown,
  path: string,
  timeoutMs: number,
): VapiError {
  const isCreate = operation === 'createCall';
  if (isTimeout(error)) {
    return new VapiError({
      kind: 'timeout',
      operation,
      detail: `${operation}: no answer from ${path} within ${timeoutMs} ms`,
      retryable: true,
      mayHaveDialled: isCreate,
    });
  }
  const code = errorCode(error);
  const text = error instanceof Error ? error.message : String(error);
  const detail = `${operation}: ${path} failed: ${text}${code ? ` (${code})` : ''}`;
  const nothingSent = code !== undefined && NOTHING_SENT_CODES.has(code);
  return new VapiError({
    kind: 'network',
    operation,
    detail,
    retryable: true,
    mayHaveDialled: isCreate && !nothingSent,
  });
}
