/**
 * JSON over HTTP for the order-source adapters, with a timeout and failures turned into sentences an
 * operator can act on ("refused the credentials", "did not answer within 30 s"). Uses Node's fetch.
 * A request carrying the source's credentials names the origins they were saved for; to any other origin
 * nothing is sent.
 */
import { secretOriginRefusal } from '../../secrets';
import { OrderSourceError } from './adapter';

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
  timeoutMs?: number;
  /** The request carries the source's credentials: the origins they were saved for (none: send nowhere). */
  credentialOrigins?: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

export async function requestJson(source: string, request: JsonRequest): Promise<unknown> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (request.credentialOrigins) {
    const refusal = secretOriginRefusal(
      { value: '', origins: request.credentialOrigins },
      request.url,
      'the order-source credentials',
      'Settings → Order source',
    );
    if (refusal) throw new OrderSourceError(refusal);
  }
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new OrderSourceError(
        `${source} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`,
        detail,
      );
    }
    throw new OrderSourceError(`${source} could not be reached — check the address and the network`, detail);
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new OrderSourceError(
      `${source} refused the credentials (HTTP ${response.status}) — check them in Settings → Order source`,
      text.slice(0, 500),
    );
  }
  if (!response.ok) {
    throw new OrderSourceError(
      `${source} answered HTTP ${response.status}; try again later`,
      text.slice(0, 500),
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OrderSourceError(`${source} did not answer with JSON`, text.slice(0, 500));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON scalar as text ('' for null, objects and arrays). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Reads 'customer.phone' or 'items.0.sku' from parsed JSON; undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const step of path.split('.').filter(Boolean)) {
    if (Array.isArray(current) && /^\d+$/.test(step)) current = current[Number(step)];
    else if (isRecord(current)) current = current[step];
    else return undefined;
  }
  return current;
}
