import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../src/dev/fake-vapi/server';
import { classifyEndedCall } from '../../src/main/domain/outcome';
import type { LogEntry } from '../../src/main/log';
import { VapiClient, VapiError, type VapiClientOptions } from '../../src/main/vapi';
import { backoffDelayMs, MAX_BACKOFF_MS, parseRetryAfterMs } from '../../src/main/vapi/retry';
import { ManualClock } from '../helpers/manual-clock';

const KEY = 'sk-private-0123456789abcdef';
let fake: FakeVapi | null = null;
let rawServer: Server | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
  if (rawServer) await new Promise((resolve) => rawServer!.close(resolve));
  rawServer = null;
});

interface Setup {
  fake: FakeVapi;
  clock: ManualClock;
  client: VapiClient;
  logs: LogEntry[];
}

async function setup(
  fakeOptions: Partial<FakeVapiOptions> = {},
  clientOptions: Partial<VapiClientOptions> = {},
  clock = new ManualClock(),
): Promise<Setup> {
  fake = await startFakeVapi({ clock, apiKey: KEY, ...fakeOptions });
  const logs: LogEntry[] = [];
  const client = new VapiClient({
    baseUrl: fake.url,
    apiKey: KEY,
    assistantId: 'assistant-1',
    phoneNumberId: 'phone-1',
    clock,
    random: () => 0.5,
    log: { log: (entry) => logs.push(entry) },
    maxRetries: 4,
    ...clientOptions,
  });
  return { fake, clock, client, logs };
}

const request = {
  customerNumber: '+919876500001',
  customerName: 'Raj Kumar',
  variableValues: { awb: 'AWB1000001', customerName: 'Raj Kumar' },
  metadata: { callId: 12, awbs: 'AWB1000001' },
};

async function caught(promise: Promise<unknown>): Promise<VapiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(VapiError);
    return error as VapiError;
  }
  throw new Error('expected the request to fail');
}

describe('VapiClient against the fake VAPI', () => {
  it('creates a call with the documented body and follows it to its end on the clock', async () => {
    const { fake, clock, client } = await setup({ callSeconds: 45 });
    const call = await client.createCall(request);
    expect(call.status).toBe('queued');
    expect(fake.created()).toHaveLength(1);
    expect(fake.created()[0]?.body).toEqual({
      assistantId: 'assistant-1',
      phoneNumberId: 'phone-1',
      customer: { number: '+919876500001', name: 'Raj Kumar' },
      assistantOverrides: { variableValues: request.variableValues, metadata: request.metadata },
    });
    clock.advance(10_000);
    expect((await client.getCall(call.id)).status).toBe('in-progress');
    clock.advance(35_000);
    const ended = await client.getCall(call.id);
    expect(ended.status).toBe('ended');
    expect(ended.artifact?.transcript).toContain('AWB1000001');
    expect(ended.raw.id).toBe(call.id);
    expect(classifyEndedCall(ended)).toMatchObject({ outcome: 'answered' });
  });

  it('lists calls since a time, newest first', async () => {
    const { clock, client } = await setup();
    await client.createCall(request);
    clock.advance(60_000);
    const since = clock.now();
    const second = await client.createCall({ ...request, customerNumber: '+919876500002' });
    const recent = await client.listCalls({ createdAtGe: since, limit: 10 });
    expect(recent.map((call) => call.id)).toEqual([second.id]);
    expect(await client.listCalls()).toHaveLength(2);
  });

  it('keeps a long customer name within VAPI’s 40 characters', async () => {
    const { fake, client } = await setup();
    await client.createCall({ ...request, customerName: 'Shri Venkata Satya Narayana Murthy Subrahmanyam' });
    const body = fake.created()[0]?.body as { customer: { name: string } };
    expect(body.customer.name).toHaveLength(40);
  });

  it('retries a read answered 429 with jittered exponential backoff on the clock, then succeeds', async () => {
    const { fake, clock, client } = await setup({}, { retryBaseMs: 500 });
    fake.addFault({ endpoint: 'listCalls', status: 429, times: 2 });
    const startedAt = clock.now();
    await client.listCalls();
    expect(fake.requestCount('listCalls')).toBe(3);
    // Full jitter with random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(clock.sleeps).toEqual([250, 500]);
    expect(clock.now() - startedAt).toBe(750);
  });

  it.each([429, 500, 502, 503])(
    'never re-sends a create answered %i: VAPI may have placed it, so the dialer asks first',
    async (status) => {
      const { fake, clock, client } = await setup();
      fake.addFault({ endpoint: 'createCall', status, times: 1, dialled: true });
      const error = await caught(client.createCall(request));
      expect(error).toMatchObject({ status, retryable: true, mayHaveDialled: true, stopsCalling: false });
      expect(fake.requestCount('createCall')).toBe(1);
      expect(fake.created()).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    },
  );

  it.each([
    [401, { message: 'Invalid Key.', error: 'Unauthorized', statusCode: 401 }, 'auth'],
    [402, { message: 'Insufficient credits.', error: 'Payment Required', statusCode: 402 }, 'account'],
    [400, { message: 'Wallet balance too low. Please add credits.', statusCode: 400 }, 'account'],
    [403, { message: 'Subscription does not allow outbound calls.', statusCode: 403 }, 'account'],
    [
      400,
      {
        message: "Couldn't Get Phone Number. Need Either `phoneNumberId` Or `phoneNumber`.",
        statusCode: 400,
      },
      'bad-request',
    ],
    [404, { message: 'Assistant not found', statusCode: 404 }, 'not-found'],
  ] as const)(
    'stops calling on a %i that refuses the whole account or its settings (%j)',
    async (status, body, kind) => {
      rawServer = createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
      await new Promise<void>((resolve) => rawServer!.listen(0, '127.0.0.1', resolve));
      const client = new VapiClient({
        baseUrl: `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}`,
        apiKey: KEY,
        assistantId: 'a',
        phoneNumberId: 'p',
        clock: new ManualClock(),
      });
      const error = await caught(client.createCall(request));
      expect(error).toMatchObject({ kind, status, stopsCalling: true, mayHaveDialled: false });
    },
  );

  it('does not stop calling over one customer’s bad number', async () => {
    const { client } = await setup();
    const error = await caught(client.createCall({ ...request, customerNumber: '98765' }));
    expect(error).toMatchObject({ kind: 'bad-request', stopsCalling: false });
  });

  it('sends every list filter VAPI documents, times as ISO 8601', async () => {
    const { fake, clock, client } = await setup();
    const first = await client.createCall(request);
    clock.advance(60_000);
    await client.createCall({ ...request, customerNumber: '+919876500002' });
    const since = clock.now() - 1_000;
    expect((await client.listCalls({ createdAtGe: since })).map((call) => call.customer?.number)).toEqual([
      '+919876500002',
    ]);
    expect((await client.listCalls({ id: first.id })).map((call) => call.id)).toEqual([first.id]);
    expect(await client.listCalls({ phoneNumberId: 'another-number' })).toEqual([]);
    expect(await client.listCalls({ assistantId: 'assistant-1', limit: 1 })).toHaveLength(1);
    expect(await client.listCalls({ updatedAtGt: clock.now() + 1 })).toEqual([]);
    expect(fake.requestCount('listCalls')).toBe(5);
  });

  it('waits as long as Retry-After says instead of its own backoff', async () => {
    const { fake, clock, client } = await setup();
    fake.addFault({ endpoint: 'getCall', status: 429, times: 1, retryAfterSeconds: 7 });
    const call = await client.createCall(request);
    await client.getCall(call.id);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('retries a 500 and then succeeds', async () => {
    const { fake, clock, client } = await setup();
    const call = await client.createCall(request);
    fake.addFault({ endpoint: 'getCall', status: 500, times: 1 });
    expect((await client.getCall(call.id)).id).toBe(call.id);
    expect(fake.requestCount('getCall')).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('gives up after maxRetries with a typed server error', async () => {
    const { fake, clock, client, logs } = await setup({}, { maxRetries: 2, random: () => 0.999 });
    fake.addFault({ endpoint: 'listCalls', status: 503 });
    const error = await caught(client.listCalls());
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true, mayHaveDialled: false });
    expect(fake.requestCount('listCalls')).toBe(3);
    expect(clock.sleeps).toEqual([499, 999]);
    expect(logs.filter((entry) => entry.level === 'warn')).toHaveLength(2);
    expect(logs.at(-1)).toMatchObject({ level: 'error' });
  });

  it('retries a GET that timed out, and reports a typed timeout once retries are used up', async () => {
    const { fake, clock, client } = await setup({}, { requestTimeoutMs: 150, maxRetries: 1 });
    const call = await client.createCall(request);
    fake.addFault({ endpoint: 'getCall', kind: 'timeout', times: 1 });
    expect((await client.getCall(call.id)).id).toBe(call.id);
    expect(clock.sleeps).toHaveLength(1);
    fake.addFault({ endpoint: 'getCall', kind: 'timeout' });
    const error = await caught(client.getCall(call.id));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, mayHaveDialled: false });
    expect(fake.requestCount('getCall')).toBe(4);
  });

  it('never retries a create that timed out: it may have dialled', async () => {
    const { fake, clock, client } = await setup({}, { requestTimeoutMs: 150 });
    fake.addFault({ endpoint: 'createCall', kind: 'timeout', times: 1 });
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'timeout', mayHaveDialled: true, retryable: true });
    expect(error.message).toMatch(/may have dialled/);
    expect(fake.requestCount('createCall')).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect(fake.created()).toHaveLength(1);
  });

  it('treats a 504 on create as an ambiguous timeout, not as a retryable server error', async () => {
    const { fake, client } = await setup();
    fake.addFault({ endpoint: 'createCall', status: 504, times: 1 });
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'timeout', status: 504, mayHaveDialled: true });
    expect(fake.requestCount('createCall')).toBe(1);
  });

  it('retries a reset GET but not a reset create', async () => {
    const { fake, client } = await setup();
    const call = await client.createCall(request);
    fake.addFault({ endpoint: 'getCall', kind: 'reset', times: 1 });
    expect((await client.getCall(call.id)).id).toBe(call.id);
    fake.addFault({ endpoint: 'createCall', kind: 'reset', times: 1 });
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'network', mayHaveDialled: true, retryable: true });
    expect(fake.requestCount('createCall')).toBe(2);
  });

  it('retries a create whose connection was refused: nothing reached VAPI', async () => {
    const { fake, clock } = await setup();
    const url = fake.url;
    await fake.close();
    const client = new VapiClient({
      baseUrl: url,
      apiKey: KEY,
      assistantId: 'a',
      phoneNumberId: 'p',
      clock,
      maxRetries: 1,
    });
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'network', mayHaveDialled: false, retryable: true });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('reports broken JSON as malformed-response; a broken create answer may have dialled', async () => {
    const { fake, client } = await setup({}, { maxRetries: 0 });
    fake.addFault({ endpoint: 'getCall', kind: 'malformed' });
    expect(await caught(client.getCall('any'))).toMatchObject({
      kind: 'malformed-response',
      mayHaveDialled: false,
    });
    fake.addFault({ endpoint: 'createCall', kind: 'malformed', times: 1 });
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'malformed-response', mayHaveDialled: true, retryable: true });
  });

  it('does not retry a rejected key and never shows the key', async () => {
    const { fake, clock, client, logs } = await setup({ apiKey: 'the-real-key' });
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(error.message).toBe('VAPI rejected the private key — open Settings and check the VAPI key');
    expect(fake.requestCount('createCall')).toBe(1);
    expect(clock.sleeps).toEqual([]);
    for (const text of [
      error.message,
      error.detail,
      error.stack ?? '',
      ...logs.map((entry) => entry.message),
    ]) {
      expect(text).not.toContain(KEY);
    }
  });

  it('removes the key even when a server echoes the Authorization header back', async () => {
    rawServer = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `bad header: ${req.headers.authorization}`, statusCode: 401 }));
    });
    await new Promise<void>((resolve) => rawServer!.listen(0, '127.0.0.1', resolve));
    const logs: LogEntry[] = [];
    const client = new VapiClient({
      baseUrl: `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}`,
      apiKey: KEY,
      assistantId: 'a',
      phoneNumberId: 'p',
      clock: new ManualClock(),
      log: { log: (entry) => logs.push(entry) },
    });
    const error = await caught(client.getCall('x'));
    expect(error.detail).toContain('[redacted]');
    expect(error.detail).not.toContain(KEY);
    expect(logs.map((entry) => entry.message).join('\n')).not.toContain(KEY);
  });

  it('never follows a redirect: the call (name, number, key) reaches no other host, and calling stops', async () => {
    let elsewhere = 0;
    const other = createServer((_req, res) => {
      elsewhere += 1;
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id":"call-elsewhere","status":"queued"}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/call`;
      rawServer = createServer((_req, res) => {
        res.writeHead(307, { location: otherUrl });
        res.end();
      });
      await new Promise<void>((resolve) => rawServer!.listen(0, '127.0.0.1', resolve));
      const client = new VapiClient({
        baseUrl: `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}`,
        apiKey: KEY,
        assistantId: 'a',
        phoneNumberId: 'p',
        clock: new ManualClock(),
      });
      const error = await caught(client.createCall(request));
      expect(error).toMatchObject({ status: 307, stopsCalling: true, mayHaveDialled: false });
      expect(error.message).toContain('redirect');
      expect(elsewhere).toBe(0);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('refuses to call without a key, without sending anything', async () => {
    const { fake, clock } = await setup();
    const client = new VapiClient({
      baseUrl: fake.url,
      apiKey: ' ',
      assistantId: 'a',
      phoneNumberId: 'p',
      clock,
    });
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'auth', message: expect.stringContaining('missing') });
    expect(fake.requestCount('createCall')).toBe(0);
  });

  it('names the empty setting when the assistant or phone number id is missing, without sending anything', async () => {
    const { fake, clock } = await setup();
    const noAssistant = new VapiClient({
      baseUrl: fake.url,
      apiKey: KEY,
      assistantId: '',
      phoneNumberId: 'p',
      clock,
    });
    expect((await caught(noAssistant.createCall(request))).message).toContain('assistant id is missing');
    const noNumber = new VapiClient({
      baseUrl: fake.url,
      apiKey: KEY,
      assistantId: 'a',
      phoneNumberId: '',
      clock,
    });
    expect((await caught(noNumber.createCall(request))).message).toContain('phone number id is missing');
    expect(fake.requestCount('createCall')).toBe(0);
  });

  it('maps a concurrency-blocked create to concurrency-limit without retrying or dialling', async () => {
    const { fake, clock, client } = await setup({ concurrencyLimit: 1 });
    await client.createCall(request);
    const error = await caught(client.createCall({ ...request, customerNumber: '+919876500002' }));
    expect(error).toMatchObject({ kind: 'concurrency-limit', retryable: true, mayHaveDialled: false });
    expect(error.callId).toEqual(expect.any(String));
    expect(fake.requestCount('createCall')).toBe(2);
    expect(fake.created()).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('maps the older 400 "Over Concurrency Limit." to concurrency-limit too', async () => {
    const { client } = await setup({ concurrencyLimit: 1, concurrencyRejection: 'http-400' });
    await client.createCall(request);
    const error = await caught(client.createCall(request));
    expect(error).toMatchObject({ kind: 'concurrency-limit', status: 400 });
  });

  it('reports VAPI’s own words for a bad request, and a missing call as not-found', async () => {
    const { client } = await setup();
    const bad = await caught(client.createCall({ ...request, customerNumber: '98765' }));
    expect(bad).toMatchObject({ kind: 'bad-request', status: 400, retryable: false });
    expect(bad.message).toContain('E.164');
    expect(await caught(client.getCall('no-such-call'))).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('makes one request and no retry unless asked: the engine owns backoff', async () => {
    const { fake } = await setup();
    fake.addFault({ endpoint: 'getCall', status: 503, times: 1 });
    const client = new VapiClient({
      baseUrl: fake.url,
      apiKey: KEY,
      assistantId: 'a',
      phoneNumberId: 'p',
      clock: new ManualClock(),
    });
    expect(await caught(client.getCall('any'))).toMatchObject({ kind: 'server', retryable: true });
    expect(fake.requestCount('getCall')).toBe(1);
  });

  it('counts requests in flight but not backoff waits', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 4, 30), { autoAdvanceSleeps: false });
    const { fake, client } = await setup({ latencyMs: 50 }, {}, clock);
    fake.addFault({ endpoint: 'listCalls', status: 429, times: 1 });
    const pending = client.listCalls();
    expect(client.inFlight).toBe(1);
    for (let i = 0; i < 100 && clock.pendingTimers === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(clock.pendingTimers).toBe(1);
    expect(client.inFlight).toBe(0);
    clock.advance(clock.sleeps[0] ?? 0);
    await Promise.resolve();
    expect(client.inFlight).toBe(1);
    await pending;
    expect(client.inFlight).toBe(0);
  });
});

describe('retry arithmetic', () => {
  it('draws full jitter under a doubling ceiling that stops growing at the cap', () => {
    expect(backoffDelayMs(0, 500, () => 0.999)).toBe(499);
    expect(backoffDelayMs(3, 500, () => 0.999)).toBe(3996);
    expect(backoffDelayMs(20, 500, () => 0.999)).toBeLessThan(MAX_BACKOFF_MS);
    expect(backoffDelayMs(5, 500, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date on the given clock', () => {
    const now = Date.UTC(2026, 10, 24, 5, 0, 0);
    expect(parseRetryAfterMs('12', now)).toBe(12_000);
    expect(parseRetryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfterMs(new Date(now - 30_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfterMs('86400', now)).toBe(5 * 60_000);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });
});
