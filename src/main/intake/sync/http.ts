/**
 * JSON over HTTP for the order-source adapters, with a timeout and failures turned into sentences an
 * operator can act on ("refused the credentials", "did not answer within 30 s"). Uses Node's fetch.
 * A request carrying the source's credentials names the origins they were saved for; to any other origin
 * nothing is sent, redirects included: fetch would re-send a 307's body (iThink's secret key) and every
 * header but Authorization to wherever the redirect points, so such requests follow redirects by hand, and
 * only within those origins.
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

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function refuseForeignOrigin(request: JsonRequest, url: string, redirectedFrom: string | null): void {
  if (!request.credentialOrigins) return;
  const refusal = secretOriginRefusal(
    { value: '', origins: request.credentialOrigins },
    url,
    'the order-source credentials',
    'Settings → Order source',
  );
  if (refusal === null) return;
  throw new OrderSourceError(redirectedFrom ? `${redirectedFrom} redirected elsewhere. ${refusal}` : refusal);
}

export async function requestJson(source: string, request: JsonRequest): Promise<unknown> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = request.url;
  let method = request.method ?? 'GET';
  let body = request.body;
  let response: Response;
  try {
    for (let hops = 0; ; hops += 1) {
      refuseForeignOrigin(request, url, hops > 0 ? source : null);
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...request.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        redirect: request.credentialOrigins ? 'manual' : 'follow',
      });
      const location = response.headers.get('location');
      if (!request.credentialOrigins || !REDIRECTS.has(response.status) || !location) break;
      await response.body?.cancel();
      if (hops >= MAX_REDIRECTS) {
        throw new OrderSourceError(`${source} keeps redirecting; check its address in Settings`);
      }
      url = new URL(location, url).toString();
      if (
        response.status === 303 ||
        (response.status !== 307 && response.status !== 308 && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
    }
  } catch (error) {
    if (error instanceof OrderSourceError) throw error;
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
