import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom, type FakeOutcome } from '../../src/dev/fake-vapi/outcomes';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../src/dev/fake-vapi/server';
import { ManualClock } from '../helpers/manual-clock';

const KEY = 'fake-private-key';
let fake: FakeVapi | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(
  options: Partial<FakeVapiOptions> = {},
): Promise<{ fake: FakeVapi; clock: ManualClock }> {
  const clock = new ManualClock();
  fake = await startFakeVapi({ clock, apiKey: KEY, ...options });
  return { fake, clock };
}

interface Json {
  status: number;
  body: Record<string, unknown> & { [key: string]: unknown };
  headers: Headers;
}

async function request(method: string, path: string, body?: unknown, key = KEY): Promise<Json> {
  const response = await fetch(`${fake!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Json['body'],
    headers: response.headers,
  };
}

function createBody(number: string, extra: Record<string, unknown> = {}) {
  return {
    assistantId: 'assistant-1',
    phoneNumberId: 'phone-1',
    customer: { number, name: 'Raj Kumar' },
    assistantOverrides: {
      variableValues: { awb: 'AWB1000001', customerName: 'Raj Kumar' },
      metadata: { callId: 7 },
    },
    ...extra,
  };
}

async function create(number: string): Promise<string> {
  const created = await request('POST', '/call', createBody(number));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function statusAfter(clock: ManualClock, id: string, seconds: number): Promise<Json['body']> {
  clock.advanceTo(
    Date.parse((await request('GET', `/call/${id}`)).body.createdAt as string) + seconds * 1000,
  );
  return (await request('GET', `/call/${id}`)).body;
}

describe('fake VAPI call progression', () => {
  it('moves an answered call queued → ringing → in-progress → ended on the clock, with its artifacts', async () => {
    const { clock } = await start({ callSeconds: 45 });
    const created = await request('POST', '/call', createBody('+919876500001'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'queued',
      type: 'outboundPhoneCall',
      customer: { number: '+919876500001' },
    });
    const id = created.body.id as string;
    expect((await statusAfter(clock, id, 0.5)).status).toBe('queued');
    expect((await statusAfter(clock, id, 2)).status).toBe('ringing');
    const talking = await statusAfter(clock, id, 10);
    expect(talking.status).toBe('in-progress');
    expect(talking.endedReason).toBeUndefined();
    const ended = await statusAfter(clock, id, 45);
    expect(ended.status).toBe('ended');
    expect(['assistant-ended-call', 'customer-ended-call']).toContain(ended.endedReason);
    expect(Date.parse(ended.endedAt as string) - Date.parse(ended.createdAt as string)).toBe(45_000);
    expect(Date.parse(ended.startedAt as string)).toBeLessThan(Date.parse(ended.endedAt as string));
    expect(ended.cost).toBeGreaterThan(0);
    const analysis = ended.analysis as Record<string, unknown>;
    expect(analysis.successEvaluation).toBe('true');
    expect(analysis.structuredData).toMatchObject({ intent: 'confirmed' });
    const artifact = ended.artifact as Record<string, unknown>;
    const outputs = Object.values(
      artifact.structuredOutputs as Record<string, { name: string; result: unknown }>,
    );
    expect(outputs).toEqual([
      { name: 'deliveryAnswer', result: expect.objectContaining({ intent: 'confirmed' }) },
    ]);
    const messages = artifact.messages as { time: number; endTime: number; secondsFromStart: number }[];
    expect(
      messages.every((message) => message.endTime >= message.time && message.secondsFromStart >= 0),
    ).toBe(true);
    expect(artifact.transcript).toMatch(/AWB1000001/);
    expect(artifact.transcript).toMatch(/^User: /m);
    expect(artifact.recordingUrl).toMatch(/^http/);
    expect(ended.assistantOverrides).toMatchObject({ metadata: { callId: 7 } });
  });

  it.each<[FakeOutcome, number, string]>([
    ['busy', 15, 'customer-busy'],
    ['no-answer', 30, 'customer-did-not-answer'],
    ['voicemail', 25, 'voicemail'],
    ['failed', 2, 'twilio-failed-to-connect-call'],
  ])('ends a %s call after %i s with endedReason %s', async (outcome, seconds, reason) => {
    const { clock } = await start({ defaultOutcome: outcome });
    const id = await create('+919876500002');
    const before = await statusAfter(clock, id, seconds - 0.5);
    expect(before.status).not.toBe('ended');
    const ended = await statusAfter(clock, id, seconds);
    expect(ended).toMatchObject({ status: 'ended', endedReason: reason });
  });

  it('gives an answered-unsuccessful (unclear) call no structured answer at all', async () => {
    const { clock } = await start({ defaultOutcome: 'answered-unsuccessful' });
    const id = await create('+919876500003');
    const ended = await statusAfter(clock, id, 45);
    expect(ended.endedReason).toMatch(/ended-call/);
    expect(ended.analysis).toEqual({});
    expect((ended.artifact as Record<string, unknown>).structuredOutputs).toBeUndefined();
  });

  it.each<[FakeOutcome, Record<string, unknown>]>([
    ['reschedule:2026-11-26', { intent: 'reschedule', date: '2026-11-26' }],
    ['callback:16:30', { intent: 'callback', time: '16:30' }],
    ['address-change', { intent: 'address-change' }],
    ['cancel', { intent: 'cancel' }],
    ['wrong-number', { intent: 'wrong-number' }],
  ])('answers %s with the matching structured output', async (outcome, result) => {
    const { clock } = await start({ defaultOutcome: outcome });
    const id = await create('+919876500004');
    const ended = await statusAfter(clock, id, 45);
    const outputs = (ended.artifact as Record<string, unknown>).structuredOutputs as Record<
      string,
      { name: string; result: Record<string, unknown> }
    >;
    expect(Object.values(outputs)[0]!.result).toMatchObject(result);
  });

  it('ends a misdialled number with Twilio’s misdial reason, before anyone answers', async () => {
    const { clock } = await start({ defaultOutcome: 'misdialled' });
    const id = await create('+919876500005');
    expect(await statusAfter(clock, id, 2)).toMatchObject({
      status: 'ended',
      endedReason: 'twilio-reported-customer-misdialed',
    });
  });

  it('adds the analysis only after its delay, and then moves updatedAt', async () => {
    const { clock } = await start({ analysisDelaySeconds: 8 });
    const id = await create('+919876500006');
    const justEnded = await statusAfter(clock, id, 45);
    expect(justEnded.analysis).toEqual({});
    const analysed = await statusAfter(clock, id, 53);
    expect(analysed.analysis).toMatchObject({ successEvaluation: 'true' });
    expect(Date.parse(analysed.updatedAt as string)).toBeGreaterThan(
      Date.parse(justEnded.updatedAt as string),
    );
  });
});

describe('fake VAPI scripted outcomes', () => {
  it('plays outcomes per number in sequence and then repeats the last', async () => {
    const { clock } = await start({ outcomes: { '9876500004': ['busy', 'no-answer', 'answered'] } });
    const reasons: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await create('+919876500004');
      reasons.push((await statusAfter(clock, id, 60)).endedReason);
    }
    expect(reasons.slice(0, 2)).toEqual(['customer-busy', 'customer-did-not-answer']);
    expect(reasons[2]).toMatch(/ended-call$/);
    expect(reasons[3]).toMatch(/ended-call$/);
    const other = await create('+919876500005');
    expect((await statusAfter(clock, other, 60)).endedReason).toMatch(/ended-call$/);
  });

  it('restarts a number script set later', async () => {
    const { fake, clock } = await start();
    fake.setOutcomes('+919876500006', ['voicemail']);
    const id = await create('+919876500006');
    expect((await statusAfter(clock, id, 60)).endedReason).toBe('voicemail');
  });

  it('mixes plausible random outcomes in sandbox mode, repeatably from a seed', async () => {
    const reasonsFor = async (seed: number) => {
      const { clock } = await start({ randomOutcomes: true, random: seededRandom(seed) });
      const ids: string[] = [];
      for (let i = 0; i < 120; i++) ids.push(await create(`+9198765${String(i).padStart(5, '0')}`));
      clock.advance(120_000);
      const list = await request('GET', '/call?limit=1000');
      await fake!.close();
      fake = null;
      const byId = new Map((list.body as unknown as Array<Record<string, unknown>>).map((c) => [c.id, c]));
      return ids.map((id) => {
        const call = byId.get(id)!;
        return `${String(call.endedReason)}/${String((call.analysis as { successEvaluation?: string }).successEvaluation)}`;
      });
    };
    const first = await reasonsFor(42);
    expect(await reasonsFor(42)).toEqual(first);
    const answered = first.filter((reason) => reason.includes('ended-call')).length;
    expect(answered / first.length).toBeGreaterThan(0.5);
    expect(answered / first.length).toBeLessThan(0.8);
    for (const reason of ['customer-busy', 'customer-did-not-answer', 'voicemail']) {
      expect(
        first.some((entry) => entry.startsWith(reason)),
        reason,
      ).toBe(true);
    }
    expect(first.some((entry) => entry.endsWith('ended-call/false'))).toBe(true);
  });
});

describe('fake VAPI endpoints and errors', () => {
  it('lists calls newest first, honouring limit and createdAtGe', async () => {
    const { clock, fake } = await start();
    const first = await create('+919876500007');
    clock.advance(60_000);
    const second = await create('+919876500008');
    clock.advance(60_000);
    const third = await create('+919876500009');
    const all = (await request('GET', '/call')).body as unknown as Array<{ id: string }>;
    expect(all.map((c) => c.id)).toEqual([third, second, first]);
    const limited = (await request('GET', '/call?limit=1')).body as unknown as Array<{ id: string }>;
    expect(limited.map((c) => c.id)).toEqual([third]);
    const since = new Date(clock.now() - 60_000).toISOString();
    const recent = (await request('GET', `/call?createdAtGe=${since}`)).body as unknown as Array<{
      id: string;
    }>;
    expect(recent.map((c) => c.id)).toEqual([third, second]);
    expect(fake.created().map((entry) => entry.id)).toEqual([first, second, third]);
    expect(fake.created()[0]?.body).toMatchObject({ assistantOverrides: { metadata: { callId: 7 } } });
  });

  it('answers an unknown call id with a 404 in VAPI’s error shape', async () => {
    await start();
    const missing = await request('GET', '/call/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await request('GET', '/calls')).status).toBe(404);
  });

  it('rejects invalid bodies with 400 and VAPI’s messages', async () => {
    await start();
    const noNumber = await request('POST', '/call', createBody('', { customer: {} }));
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.message).toEqual([
      expect.stringContaining('customer.number must be a valid phone number'),
    ]);
    const notE164 = await request('POST', '/call', createBody('9876500001'));
    expect(notE164.status).toBe(400);
    const noAssistant = await request('POST', '/call', {
      ...createBody('+919876500001'),
      assistantId: undefined,
    });
    expect(noAssistant.body).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("Couldn't Get Assistant"),
    });
    const topLevelMetadata = await request(
      'POST',
      '/call',
      createBody('+919876500001', { metadata: { a: 1 } }),
    );
    expect(topLevelMetadata.body.message).toEqual(['property metadata should not exist']);
    expect(fake!.created()).toEqual([]);
  });

  it('answers another key with VAPI’s 401', async () => {
    await start();
    const denied = await request('GET', '/call', undefined, 'some-public-key');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ statusCode: 401, message: expect.stringContaining('Invalid Key') });
  });

  it('blocks a create over the concurrency limit the way VAPI documents, until a line frees up', async () => {
    const { clock, fake } = await start({ concurrencyLimit: 2, callSeconds: 45 });
    await create('+919876500010');
    await create('+919876500011');
    expect(fake.activeCallCount()).toBe(2);
    const blocked = await request('POST', '/call', createBody('+919876500012'));
    expect(blocked.status).toBe(201);
    expect(blocked.body).toMatchObject({
      status: 'ended',
      endedReason: 'call.start.error-subscription-concurrency-limit-reached',
      subscriptionLimits: { concurrencyBlocked: true, concurrencyLimit: 2, remainingConcurrentCalls: 0 },
    });
    expect(fake.created()).toHaveLength(2);
    clock.advance(45_000);
    expect(fake.activeCallCount()).toBe(0);
    const accepted = await request('POST', '/call', createBody('+919876500012'));
    expect(accepted.body).toMatchObject({
      status: 'queued',
      subscriptionLimits: { concurrencyBlocked: false },
    });
  });

  it('can refuse over-limit creates with the older 400 "Over Concurrency Limit."', async () => {
    await start({ concurrencyLimit: 1, concurrencyRejection: 'http-400' });
    await create('+919876500013');
    const refused = await request('POST', '/call', createBody('+919876500014'));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('Over Concurrency Limit.');
  });
});

describe('fake VAPI faults', () => {
  it('answers a status fault a limited number of times, with Retry-After', async () => {
    const { fake } = await start();
    fake.addFault({ endpoint: 'listCalls', status: 429, times: 2, retryAfterSeconds: 3 });
    const first = await request('GET', '/call');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await request('GET', '/call')).status).toBe(429);
    expect((await request('GET', '/call')).status).toBe(200);
    expect(fake.requestCount('listCalls')).toBe(3);
  });

  it('applies a fault only inside its window on the fake clock', async () => {
    const { fake, clock } = await start();
    const start_ = clock.now();
    fake.addFault({ endpoint: 'createCall', status: 503, from: start_ + 60_000, to: start_ + 120_000 });
    expect((await request('POST', '/call', createBody('+919876500015'))).status).toBe(201);
    clock.advance(60_000);
    expect((await request('POST', '/call', createBody('+919876500015'))).status).toBe(503);
    clock.advance(60_000);
    expect((await request('POST', '/call', createBody('+919876500015'))).status).toBe(201);
    expect(fake.created()).toHaveLength(2);
  });

  it('sends broken JSON for a malformed fault and drops the socket for a reset', async () => {
    const { fake } = await start();
    fake.addFault({ endpoint: 'getCall', kind: 'malformed', times: 1 });
    fake.addFault({ endpoint: 'listCalls', kind: 'reset', times: 1 });
    const broken = await fetch(`${fake.url}/call/anything`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(broken.status).toBe(200);
    await expect(broken.clone().json()).rejects.toThrow();
    await expect(
      fetch(`${fake.url}/call`, { headers: { authorization: `Bearer ${KEY}` } }),
    ).rejects.toThrow();
  });

  it('never answers a timeout fault, counts it in flight until the client gives up, and may still dial', async () => {
    const { fake } = await start();
    fake.addFault({ endpoint: 'createCall', kind: 'timeout', times: 1 });
    const pending = fetch(`${fake.url}/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(createBody('+919876500016')),
      signal: AbortSignal.timeout(300),
    });
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    for (let i = 0; i < 50 && fake.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.inFlight).toBe(0);
    expect(fake.created()).toHaveLength(1);
  });
});
