/**
 * The VAPI client's reads for Check VAPI (GET /assistant/:id, GET /phone-number/:id), "Create the assistant"
 * (POST /assistant), the shipped assistant sent as a call's transient `assistant` when no id is set, and the
 * account's concurrency as VAPI reports it on POST /call — against the fake VAPI, which answers the same way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../src/dev/fake-vapi/server';
import {
  VapiClient,
  VapiError,
  type VapiClientOptions,
  type VapiSubscriptionLimits,
} from '../../src/main/vapi';
import shippedAssistant from '../../resources/assistant/delivery-confirmation.assistant.json';
import { ManualClock } from '../helpers/manual-clock';
import { vapiSchemaErrors } from '../helpers/vapi-schemas';

const KEY = 'sk-private-resources-0123';
let fake: FakeVapi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(
  fakeOptions: Partial<FakeVapiOptions> = {},
  clientOptions: Partial<VapiClientOptions> = {},
) {
  const clock = new ManualClock();
  fake = await startFakeVapi({ clock, apiKey: KEY, ...fakeOptions });
  const client = new VapiClient({
    baseUrl: fake.url,
    apiKey: KEY,
    assistantId: 'assistant-1',
    phoneNumberId: 'phone-1',
    clock,
    ...clientOptions,
  });
  return { fake, client };
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
    if (error instanceof VapiError) return error;
    throw error;
  }
  throw new Error('expected a VapiError');
}

describe('the assistant a call uses', () => {
  it('sends the shipped assistant as a transient `assistant` when no assistant id is set', async () => {
    const { fake, client } = await setup({}, { assistantId: '', assistant: shippedAssistant });
    await client.createCall(request);
    const body = fake.created()[0]!.body;
    expect(body).not.toHaveProperty('assistantId');
    expect(body.assistant).toEqual(shippedAssistant);
    expect(vapiSchemaErrors('CreateCallDTO', body)).toEqual([]);
  });

  it('sends the saved assistant id, and no transient assistant, when one is set', async () => {
    const { fake, client } = await setup({}, { assistant: shippedAssistant });
    await client.createCall(request);
    const body = fake.created()[0]!.body;
    expect(body.assistantId).toBe('assistant-1');
    expect(body).not.toHaveProperty('assistant');
    expect(vapiSchemaErrors('CreateCallDTO', body)).toEqual([]);
  });

  it('refuses before sending anything when there is neither', async () => {
    const { fake, client } = await setup({}, { assistantId: '' });
    const error = await caught(client.createCall(request));
    expect(error.message).toBe('The VAPI assistant id is missing — open Settings and enter it');
    expect(fake.requestCount('createCall')).toBe(0);
  });

  it('tells the account’s concurrency limit VAPI returns on POST /call', async () => {
    const seen: VapiSubscriptionLimits[] = [];
    const { client } = await setup(
      { concurrencyLimit: 4 },
      { onSubscriptionLimits: (limits) => seen.push(limits) },
    );
    await client.createCall(request);
    expect(seen).toEqual([{ concurrencyBlocked: false, concurrencyLimit: 4, remainingConcurrentCalls: 3 }]);
  });
});

describe('Check VAPI reads', () => {
  it('reads an assistant and a phone number, and tells an unknown id from a refused key', async () => {
    const { client } = await setup({
      assistants: ['assistant-1'],
      phoneNumbers: {
        'phone-1': { number: '+14155550100' },
        'phone-2': { number: '+14155550101', status: 'blocked' },
      },
    });
    expect(await client.getAssistant('assistant-1')).toMatchObject({
      id: 'assistant-1',
      name: 'Delivery assistant',
    });
    expect(await client.getPhoneNumber('phone-1')).toMatchObject({
      id: 'phone-1',
      number: '+14155550100',
      status: 'active',
      provider: 'vapi',
    });
    expect(await client.getPhoneNumber('phone-2')).toMatchObject({ status: 'blocked' });
    expect(await caught(client.getAssistant('assistant-9'))).toMatchObject({
      kind: 'not-found',
      status: 404,
    });
    expect(await caught(client.getPhoneNumber('phone-9'))).toMatchObject({ kind: 'not-found' });

    const wrongKey = new VapiClient({
      baseUrl: fake!.url,
      apiKey: 'sk-someone-else',
      assistantId: 'assistant-1',
      phoneNumberId: 'phone-1',
      clock: new ManualClock(),
    });
    expect(await caught(wrongKey.getAssistant('assistant-1'))).toMatchObject({ kind: 'auth', status: 401 });
  });
});

describe('Create the assistant', () => {
  it('posts the shipped assistant and reads back its id; the new id is then known', async () => {
    const { fake, client } = await setup({ assistants: [] });
    const created = await client.createAssistant(shippedAssistant);
    expect(created.name).toBe(shippedAssistant.name);
    expect(fake.createdAssistants()).toEqual([
      expect.objectContaining({ id: created.id, model: shippedAssistant.model }),
    ]);
    expect(await client.getAssistant(created.id)).toMatchObject({
      id: created.id,
      name: shippedAssistant.name,
    });
  });

  it('gets VAPI’s 400 for a name over 40 characters', async () => {
    const { client } = await setup();
    const error = await caught(client.createAssistant({ ...shippedAssistant, name: 'x'.repeat(41) }));
    expect(error).toMatchObject({ kind: 'bad-request', status: 400 });
  });
});
