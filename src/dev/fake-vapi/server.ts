/**
 * A local stand-in for VAPI's call API over real HTTP (POST /call, GET /call/:id, GET /call; and for Check
 * VAPI and "Create the assistant": GET /assistant/:id, POST /assistant, GET /phone-number/:id), used by the
 * tests, the simulator and sandbox mode. Same paths, JSON shapes, error bodies and concurrency behaviour as
 * the real service; call progress follows the injected clock, faults and latency are scriptable.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../main/clock';
import {
  DEFAULT_TIMINGS,
  isActive,
  planCall,
  renderCall,
  type FakeCallRecord,
  type FakeTimings,
} from './calls';
import { FaultBook, faultBody, faultDialled, type FakeEndpoint, type FaultSpec } from './faults';
import { addLocalDays, formatLocalDate } from '../../main/domain/local-time';
import { OutcomeScript, randomOutcome, type FakeOutcome } from './outcomes';
import { parseListFilter } from './list-filter';
import { badRequest, validateCreateCall, type ApiErrorBody } from './validate';

export interface FakeVapiOptions {
  /** Call progress is computed from `clock.now()`: a virtual clock drives the calls. */
  clock: Clock;
  /** When set, any other Bearer token gets VAPI's 401. */
  apiKey?: string;
  /** Lifetime of an answered call, from creation to end. */
  callSeconds?: number;
  /** Real milliseconds to wait before answering each request. */
  latencyMs?: number;
  /** Organisation-wide limit of calls not yet ended; unlimited when omitted. */
  concurrencyLimit?: number;
  /**
   * How an over-limit create is refused. 'blocked-call' (default) is what VAPI documents: 201 with a call
   * that ended at once with 'call.start.error-subscription-concurrency-limit-reached' and
   * `subscriptionLimits.concurrencyBlocked: true`. 'http-400' is the older 400 "Over Concurrency Limit.".
   */
  concurrencyRejection?: 'blocked-call' | 'http-400';
  /** Successive results per number (E.164 or national digits); the last entry repeats when used up. */
  outcomes?: Record<string, FakeOutcome[]>;
  /** Numbers (E.164 or national digits) whose calls are answered and never end: a stuck call. */
  stuck?: string[];
  /** VAPI's analysis (the customer's answer) shows up this many seconds after an answered call ends. */
  analysisDelaySeconds?: number;
  /** The desk's time zone, for the days and times customers say; Asia/Kolkata by default. */
  timezone?: string;
  defaultOutcome?: FakeOutcome;
  /** Sandbox mode: numbers without a script get a plausible random mix instead of `defaultOutcome`. */
  randomOutcomes?: boolean;
  random?: () => number;
  host?: string;
  port?: number;
  timings?: Partial<FakeTimings>;
  /**
   * Assistant ids `GET /assistant/:id` knows besides those made with `POST /assistant`; when omitted, every
   * id is known (as `POST /call` has always accepted any). An unknown id gets VAPI's 404.
   */
  assistants?: string[];
  /** Phone numbers `GET /phone-number/:id` knows (id → number and status); every id when omitted. */
  phoneNumbers?: Record<string, { number: string; status?: 'active' | 'activating' | 'blocked' }>;
}

export interface CreatedCall {
  id: string;
  /** Epoch ms on the fake's clock. */
  at: number;
  body: Record<string, unknown>;
  /** The dialled number (E.164). */
  number: string;
  /** How the call goes: its scripted outcome. */
  fate: FakeOutcome;
  /** The call never ends (a `stuck` number). */
  stuck: boolean;
  /** `assistantOverrides.metadata` as sent: the desk's own ids for the call. */
  metadata: Record<string, unknown>;
}

export interface FakeVapi {
  readonly url: string;
  /** Requests received and not yet answered (or dropped). */
  readonly inFlight: number;
  close(): Promise<void>;
  setOutcomes(number: string, outcomes: FakeOutcome[]): void;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Every create request that placed a call (a phone rang), in order. */
  created(): CreatedCall[];
  /** Calls occupying a line at the clock's now. */
  activeCallCount(): number;
  /** Requests received per endpoint, faulted ones included (to count a client's retries). */
  requestCount(endpoint: FakeEndpoint): number;
  /** Assistants made with `POST /assistant`, as stored (the request body with id and timestamps). */
  createdAssistants(): Record<string, unknown>[];
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

function errorReply(body: ApiErrorBody): Reply {
  return { status: body.statusCode, body };
}

function keyRefusal(req: IncomingMessage, apiKey: string | undefined): Reply | null {
  if (apiKey === undefined || req.headers.authorization === `Bearer ${apiKey}`) return null;
  const message =
    'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.';
  return errorReply({ message, error: 'Unauthorized', statusCode: 401 });
}

/** The organisation every resource of the fake belongs to. */
const FAKE_ORG_ID = 'fake-org';

/** The fake's own admin path: test-only, NOT part of VAPI's API. */
export const FAKE_PLACED_PATH = '/__fake/placed';

/** A call the fake placed as `GET /__fake/placed` lists it: `created()` without the request body. */
export type PlacedCall = Omit<CreatedCall, 'body'>;

/**
 * Test-only, NOT part of VAPI's API: `GET /__fake/placed` answers every call the fake really placed (a phone
 * rang), in order, as `PlacedCall`s, so that a test in another process can hold the desk's history against
 * what "VAPI" did. It asks for the same Bearer key as the VAPI routes when the fake has one (the list holds
 * customers' numbers), skips latency and faults, and is not counted in `requestCount`. Null for other paths.
 */
function fakeAdminReply(
  req: IncomingMessage,
  path: string,
  apiKey: string | undefined,
  created: () => CreatedCall[],
): Reply | null {
  if (path !== FAKE_PLACED_PATH) return null;
  if (req.method !== 'GET') {
    return errorReply({ message: `Cannot ${req.method} ${path}`, error: 'Not Found', statusCode: 404 });
  }
  const placed: PlacedCall[] = created().map(({ body: _body, ...call }) => call);
  return keyRefusal(req, apiKey) ?? { status: 200, body: placed };
}

export async function startFakeVapi(options: FakeVapiOptions): Promise<FakeVapi> {
  const { clock } = options;
  const callSeconds = options.callSeconds ?? 45;
  const timings: FakeTimings = { ...DEFAULT_TIMINGS, ...options.timings };
  const random = options.random ?? Math.random;
  const script = new OutcomeScript(options.outcomes);
  const timezone = options.timezone ?? 'Asia/Kolkata';
  const stuckNumbers = new OutcomeScript(
    Object.fromEntries((options.stuck ?? []).map((number) => [number, ['answered' as const]])),
  );
  const faults = new FaultBook();
  const calls = new Map<string, FakeCallRecord>();
  const createdLog: CreatedCall[] = [];
  const requestCounts: Record<FakeEndpoint, number> = { createCall: 0, getCall: 0, listCalls: 0 };
  const hanging = new Set<ServerResponse>();
  const assistants = new Map<string, Record<string, unknown> & { id: string }>();
  let inFlight = 0;
  let answeredCount = 0;
  let baseUrl = '';

  const activeCount = () => [...calls.values()].filter((call) => isActive(call, clock.now())).length;

  function createCall(rawBody: string, dialledOnly: boolean): Reply {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      return errorReply(badRequest(error instanceof Error ? error.message : 'Invalid JSON'));
    }
    const valid = validateCreateCall(body);
    if (!valid.ok) return errorReply(valid.error);
    const now = clock.now();
    const limit = options.concurrencyLimit;
    const active = activeCount();
    const blocked = limit !== undefined && active >= limit;
    if (blocked && options.concurrencyRejection === 'http-400') {
      return errorReply(badRequest('Over Concurrency Limit.'));
    }
    const outcome: FakeOutcome | null = blocked
      ? null
      : (script.take(valid.call.customer.number) ??
        (options.randomOutcomes
          ? randomOutcome(random, formatLocalDate(addLocalDays(now, 1, timezone), timezone))
          : (options.defaultOutcome ?? 'answered')));
    const stuck = !blocked && stuckNumbers.take(valid.call.customer.number) !== null;
    const record = planCall(
      {
        id: randomUUID(),
        createdAt: now,
        fate: outcome ?? 'concurrency-blocked',
        answeredEnd: answeredCount++ % 3 === 2 ? 'customer-ended-call' : 'assistant-ended-call',
        analysisDelayMs: (options.analysisDelaySeconds ?? 0) * 1000,
        timezone,
        body: valid.call,
        stuck,
      },
      callSeconds,
      timings,
    );
    calls.set(record.id, record);
    if (outcome !== null) {
      const overrides = valid.call.assistantOverrides ?? {};
      const metadata = overrides.metadata;
      createdLog.push({
        id: record.id,
        at: now,
        body: body as Record<string, unknown>,
        number: valid.call.customer.number,
        fate: outcome,
        stuck,
        metadata:
          metadata !== null && typeof metadata === 'object'
            ? { ...(metadata as Record<string, unknown>) }
            : {},
      });
    }
    if (dialledOnly) return { status: 201, body: null };
    const subscriptionLimits =
      limit === undefined
        ? { concurrencyBlocked: false }
        : {
            concurrencyBlocked: blocked,
            concurrencyLimit: limit,
            remainingConcurrentCalls: blocked ? 0 : Math.max(0, limit - active - 1),
          };
    return { status: 201, body: { subscriptionLimits, ...renderCall(record, now, baseUrl) } };
  }

  function getCall(id: string): Reply {
    const call = calls.get(id);
    if (!call) return errorReply({ message: 'Call not found', error: 'Not Found', statusCode: 404 });
    return { status: 200, body: renderCall(call, clock.now(), baseUrl) };
  }

  /** Whether the call's record last changed before `bound` and will not change again. */
  function settledBefore(call: FakeCallRecord, now: number, bound: number): boolean {
    const settledAt = call.endedAt + Math.max(0, call.analysisDelayMs);
    return now >= settledAt && settledAt < bound;
  }

  function listCalls(query: URLSearchParams): Reply {
    const filter = parseListFilter(query);
    if (typeof filter === 'string') return errorReply(badRequest(filter));
    const now = clock.now();
    const { updatedSince, createdSince } = filter;
    const matching = [...calls.values()]
      // A call whose record stopped changing (ended, its analysis in) before the bound cannot pass it, nor
      // one created before a createdAt bound: not rendered, so that a poll costs the calls that moved, not
      // every call ever placed (VAPI answers these filters from its index).
      .filter((call) => updatedSince === null || !settledBefore(call, now, updatedSince))
      .filter((call) => createdSince === null || call.createdAt >= createdSince)
      .map((call) => ({ call, json: renderCall(call, now, baseUrl) }))
      .filter(({ json }) => filter.matches(json))
      .reverse()
      .sort((a, b) => b.call.createdAt - a.call.createdAt)
      .slice(0, filter.limit);
    return { status: 200, body: matching.map(({ json }) => json) };
  }

  function route(method: string, path: string): FakeEndpoint | { id: string } | null {
    if (path === '/call' && method === 'POST') return 'createCall';
    if (path === '/call' && method === 'GET') return 'listCalls';
    const match = /^\/call\/([^/]+)$/.exec(path);
    if (match && method === 'GET') return { id: decodeURIComponent(match[1] ?? '') };
    return null;
  }

  /**
   * The assistant and phone-number routes Check VAPI and "Create the assistant" use; null for other paths.
   * No faults or latency apply to them (they are not part of a session's traffic).
   */
  async function resourceReply(req: IncomingMessage, path: string): Promise<Reply | null> {
    const method = req.method ?? 'GET';
    const assistant = /^\/assistant(?:\/([^/]+))?$/.exec(path);
    const phoneNumber = /^\/phone-number\/([^/]+)$/.exec(path);
    if (!assistant && !phoneNumber) return null;
    const rawBody = await readBody(req);
    const refusal = keyRefusal(req, options.apiKey);
    if (refusal) return refusal;
    const now = new Date(clock.now()).toISOString();
    if (assistant && assistant[1] === undefined && method === 'POST') return createAssistant(rawBody, now);
    if (assistant && assistant[1] !== undefined && method === 'GET') {
      const id = decodeURIComponent(assistant[1]);
      const known =
        assistants.get(id) ??
        (options.assistants === undefined || options.assistants.includes(id)
          ? { id, orgId: FAKE_ORG_ID, name: 'Delivery assistant', createdAt: now, updatedAt: now }
          : null);
      return known
        ? { status: 200, body: known }
        : errorReply({ message: `Couldn't find assistant ${id}.`, error: 'Not Found', statusCode: 404 });
    }
    if (phoneNumber && method === 'GET') {
      const id = decodeURIComponent(phoneNumber[1] ?? '');
      const known =
        options.phoneNumbers === undefined
          ? { number: '+14155550100', status: 'active' as const }
          : options.phoneNumbers[id];
      if (!known) {
        return errorReply({
          message: `Couldn't find phone number ${id}.`,
          error: 'Not Found',
          statusCode: 404,
        });
      }
      const body = {
        id,
        orgId: FAKE_ORG_ID,
        provider: 'vapi',
        number: known.number,
        status: known.status ?? 'active',
        name: 'Desk line',
        createdAt: now,
        updatedAt: now,
      };
      return { status: 200, body };
    }
    return errorReply({ message: `Cannot ${method} ${path}`, error: 'Not Found', statusCode: 404 });
  }

  function createAssistant(rawBody: string, now: string): Reply {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      return errorReply(badRequest(error instanceof Error ? error.message : 'Invalid JSON'));
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return errorReply(badRequest('Expected a JSON object'));
    }
    const name = (body as { name?: unknown }).name;
    if (name !== undefined && (typeof name !== 'string' || name.length > 40)) {
      return errorReply(badRequest(['name must be shorter than or equal to 40 characters']));
    }
    const stored = {
      ...(body as Record<string, unknown>),
      id: randomUUID(),
      orgId: FAKE_ORG_ID,
      createdAt: now,
      updatedAt: now,
    };
    assistants.set(stored.id, stored);
    return { status: 201, body: stored };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-vapi');
    const admin = fakeAdminReply(req, url.pathname, options.apiKey, () => createdLog);
    if (admin) return send(res, admin);
    const resource = await resourceReply(req, url.pathname);
    if (resource) return send(res, resource);
    const method = req.method ?? 'GET';
    const target = route(method, url.pathname);
    const endpoint: FakeEndpoint | null =
      target === null ? null : typeof target === 'string' ? target : 'getCall';
    if (endpoint) requestCounts[endpoint] += 1;
    const rawBody = await readBody(req);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (endpoint === null) {
      const body = { message: `Cannot ${method} ${url.pathname}`, error: 'Not Found', statusCode: 404 };
      return send(res, errorReply(body));
    }
    const refusal = keyRefusal(req, options.apiKey);
    if (refusal) return send(res, refusal);
    const fault = faults.take(endpoint, clock.now());
    if (fault) {
      if (endpoint === 'createCall' && faultDialled(fault)) createCall(rawBody, true);
      if (fault.kind === 'timeout') {
        hanging.add(res);
        return;
      }
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"id":"019a-broken","status":"que');
        return;
      }
      const status = fault.status ?? 500;
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return send(res, { status, body: faultBody(status), headers });
    }
    if (endpoint === 'createCall') return send(res, createCall(rawBody, false));
    if (endpoint === 'listCalls') return send(res, listCalls(url.searchParams));
    return send(res, getCall(typeof target === 'object' && target !== null ? target.id : ''));
  }

  const server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      hanging.delete(res);
    });
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      send(res, { status: 500, body: { message, statusCode: 500 } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    get inFlight() {
      return inFlight;
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setOutcomes: (number, outcomes) => script.set(number, outcomes),
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    created: () => createdLog.map((entry) => ({ ...entry, metadata: { ...entry.metadata } })),
    activeCallCount: activeCount,
    requestCount: (endpoint) => requestCounts[endpoint],
    createdAssistants: () => [...assistants.values()].map((assistant) => ({ ...assistant })),
  };
}
