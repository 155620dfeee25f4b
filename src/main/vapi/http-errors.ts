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

/**
 * Maps an HTTP error status. For `createCall`, statuses that say "not processed" (429, 500, 502, 503) are
 * safe to retry; a 504 comes from a gateway that gave up waiting on VAPI, which may well have dialled, so it
 * is reported as an ambiguous timeout instead of being retried.
 */
export function errorFromStatus(
  operation: VapiOperation,
  status: number,
  bodyText: string,
  path: string,
): VapiError {
  const serverMessage = errorBodyMessage(bodyText);
  const detail = `${operation}: HTTP ${status} from ${path}: ${serverMessage ?? bodyText.slice(0, 300)}`;
  const isCreate = operation === 'createCall';
  // VAPI has reported a full house both as 400 "Over Concurrency Limit." and as a 429; either way the
  // dialer should wait for a line, not count an attempt nor treat it as a configuration problem.
  if ((status === 400 || status === 429) && CONCURRENCY_WORDS.test(serverMessage ?? bodyText)) {
    return new VapiError({ kind: 'concurrency-limit', operation, status, detail, retryable: true });
  }
  if (status === 401 || status === 403) {
    return new VapiError({ kind: 'auth', operation, status, detail, retryable: false });
  }
  if (status === 404) {
    return new VapiError({ kind: 'not-found', operation, status, detail, retryable: false });
  }
  if (status === 408) {
    // The server timed out reading our request, so it never acted on it.
    return new VapiError({ kind: 'timeout', operation, status, detail, retryable: true });
  }
  if (status === 429) {
    return new VapiError({ kind: 'rate-limit', operation, status, detail, retryable: true });
  }
  if (status === 504 && isCreate) {
    return new VapiError({
      kind: 'timeout',
      operation,
      status,
      detail,
      retryable: false,
      mayHaveDialled: true,
    });
  }
  if (status >= 500) {
    return new VapiError({ kind: 'server', operation, status, detail, retryable: true });
  }
  const message = serverMessage
    ? `VAPI refused the request: ${serverMessage} — check the assistant, phone number and customer number in Settings`
    : undefined;
  return new VapiError({ kind: 'bad-request', operation, status, detail, retryable: false, message });
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
 * Maps an exception thrown by fetch or by reading the body. A create whose request may have reached VAPI
 * (timeout, reset mid-exchange) is never retried: it may have dialled, and a second dial would phone the
 * customer twice. `mayHaveDialled` tells the dialer to check the call list before dialling again.
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
      retryable: !isCreate,
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
    retryable: !isCreate || nothingSent,
    mayHaveDialled: isCreate && !nothingSent,
  });
}
