/**
 * Write-back to iThink Logistics over real HTTP against the fake iThink: what a reattempt and an RTO send
 * (the documented add-reattempt-rto.json envelope), how iThink's answers are typed (ok / refused with
 * iThink's own words / transient, to be retried), what is refused before sending, and that the access token
 * and secret key never reach a message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeIThink, type FakeIThink } from '../../src/dev/fake-order-sources/ithink';
import { IThinkNdrClient, ITHINK_NDR_PATH, type NdrResult } from '../../src/main/writeback';
import { fakeIThinkOrder } from '../helpers/ithink-orders';

const CREDENTIALS = { accessToken: 'token-abc-123', secretKey: 'secret-xyz-789' };

let ithink: FakeIThink;

beforeEach(async () => {
  ithink = await startFakeIThink({
    ...CREDENTIALS,
    orders: [
      fakeIThinkOrder('AWB1000001', { status: 'Undelivered' }),
      fakeIThinkOrder('AWB1000002', { status: 'Undelivered' }),
      fakeIThinkOrder('AWB1000003', { status: 'Delivered' }),
    ],
  });
});
afterEach(async () => {
  await ithink.close();
});

function client(options: { timeoutMs?: number; credentials?: typeof CREDENTIALS } = {}) {
  return new IThinkNdrClient({
    credentials: options.credentials ?? CREDENTIALS,
    baseUrl: ithink.url,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
}

function expectNoSecret(result: NdrResult) {
  const said = JSON.stringify(result);
  expect(said).not.toContain(CREDENTIALS.accessToken);
  expect(said).not.toContain(CREDENTIALS.secretKey);
}

describe('a reattempt', () => {
  it('sends the date, time, new phone and new address in the documented envelope, and is done', async () => {
    const result = await client().send({
      kind: 'reattempt',
      awb: 'AWB1000001',
      date: '2026-11-26',
      time: '15:00',
      phone: '+91 98765-00009',
      address: 'Flat 302, Shanti Apartments,\n Sector 21, Dwarka 110075',
    });
    expect(result).toEqual({ kind: 'ok', awb: 'AWB1000001', message: 'reattempt/rto done successfully.' });
    expect(ithink.requests).toHaveLength(1);
    expect(ithink.requests[0]).toMatchObject({ method: 'POST', path: ITHINK_NDR_PATH });
    expect(ithink.requests[0]!.body).toEqual({
      data: {
        shipments: [
          {
            awb_numbers: 'AWB1000001',
            ndr_action: '1',
            reattempt_date: '2026-11-26',
            reattempt_time: '15:00:00',
            reattempt_mobile_number: '9876500009',
            reattempt_address: 'Flat 302, Shanti Apartments, Sector 21, Dwarka 110075',
            reattempt_address_type: '1',
          },
        ],
        access_token: CREDENTIALS.accessToken,
        secret_key: CREDENTIALS.secretKey,
      },
    });
    expect(ithink.ndr.received).toEqual([
      expect.objectContaining({ awb: 'AWB1000001', action: 'reattempt', accepted: true }),
    ]);
  });

  it('sends only the date when nothing else changed, and marks an office address as such', async () => {
    await client().send({ kind: 'reattempt', awb: 'AWB1000001', date: '2026-11-26' });
    await client().send({
      kind: 'reattempt',
      awb: 'AWB1000002',
      date: '2026-11-27',
      address: 'Tower B, Cyber City',
      addressType: 'office',
    });
    expect(ithink.ndr.received.map((action) => action.fields)).toEqual([
      { awb_numbers: 'AWB1000001', ndr_action: '1', reattempt_date: '2026-11-26' },
      {
        awb_numbers: 'AWB1000002',
        ndr_action: '1',
        reattempt_date: '2026-11-27',
        reattempt_address: 'Tower B, Cyber City',
        reattempt_address_type: '2',
      },
    ]);
  });

  it.each([
    ['a date that is not YYYY-MM-DD', { date: '26/11/2026' }, 'not a YYYY-MM-DD date'],
    ['a date that does not exist', { date: '2026-02-30' }, 'not a YYYY-MM-DD date'],
    ['a time that is not HH:MM', { time: '4 baje' }, 'not HH:MM'],
    ['a phone that is not an Indian mobile', { phone: '12345' }, 'not a 10-digit Indian mobile'],
  ])('is refused before sending with %s', async (_label, change, words) => {
    const result = await client().send({
      kind: 'reattempt',
      awb: 'AWB1000001',
      date: '2026-11-26',
      ...change,
    });
    expect(result.kind).toBe('refused');
    expect(result.message).toContain(words);
    expect(ithink.requests).toHaveLength(0);
  });
});

describe('an RTO', () => {
  it('sends the remark and is done', async () => {
    const result = await client().send({
      kind: 'rto',
      awb: 'AWB1000002',
      remark: 'Customer ordered by mistake',
    });
    expect(result.kind).toBe('ok');
    expect(ithink.ndr.received[0]).toMatchObject({
      action: 'rto',
      fields: { awb_numbers: 'AWB1000002', ndr_action: '2', rto_remark: 'Customer ordered by mistake' },
    });
  });

  it('is refused before sending without a remark', async () => {
    expect((await client().send({ kind: 'rto', awb: 'AWB1000002', remark: '  ' })).kind).toBe('refused');
    expect(ithink.requests).toHaveLength(0);
  });
});

describe("iThink's refusals", () => {
  it("passes on iThink's words for an AWB it does not know", async () => {
    const result = await client().send({ kind: 'reattempt', awb: 'AWB9999999', date: '2026-11-26' });
    expect(result).toMatchObject({
      kind: 'refused',
      message: 'iThink Logistics refused the reattempt for AWB9999999: Invalid AWB number.',
    });
  });

  it('refuses an action on a shipment already delivered', async () => {
    const result = await client().send({ kind: 'rto', awb: 'AWB1000003', remark: 'Cancelled' });
    expect(result.kind).toBe('refused');
    expect(result.message).toContain('Shipment is Delivered');
  });

  it('passes on a refusal made on demand', async () => {
    ithink.ndr.refuseNext('Reattempt already requested for this AWB.');
    const result = await client().send({ kind: 'reattempt', awb: 'AWB1000001', date: '2026-11-26' });
    expect(result).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('Reattempt already requested'),
    });
    expect(ithink.ndr.received[0]).toMatchObject({ accepted: false });
  });

  it('says to check the credentials in Settings when iThink refuses them, without repeating them', async () => {
    const wrong = { accessToken: 'wrong-token-1', secretKey: 'wrong-secret-2' };
    const result = await client({ credentials: wrong }).send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result.kind).toBe('refused');
    expect(result.message).toMatch(/access token or secret key .* Settings → Order source/);
    expect(JSON.stringify(result)).not.toContain('wrong-token-1');
  });

  it('blanks the credentials out of anything iThink echoes back', async () => {
    ithink.ndr.errorNext(`Shipment rejected for token ${CREDENTIALS.accessToken} / ${CREDENTIALS.secretKey}`);
    const result = await client().send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result.kind).toBe('refused');
    expect(result.message).toContain('***');
    expectNoSecret(result);
  });
});

describe('passing failures, to be retried', () => {
  it('is transient on an HTTP 503, and the retry goes through', async () => {
    ithink.failNext({ status: 503 });
    const action = { kind: 'reattempt', awb: 'AWB1000001', date: '2026-11-26' } as const;
    const first = await client().send(action);
    expect(first).toMatchObject({
      kind: 'transient',
      message: 'iThink Logistics answered HTTP 503; will try again',
    });
    expect((await client().send(action)).kind).toBe('ok');
    expect(ithink.ndr.received).toHaveLength(1);
  });

  it('is transient when iThink asks to slow down', async () => {
    ithink.ndr.errorNext('Too many requests. Please try again after some time.');
    const result = await client().send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result.kind).toBe('transient');
    expect(ithink.ndr.received).toHaveLength(0);
  });

  it('is transient when the connection drops', async () => {
    ithink.failNext({ drop: true });
    const result = await client().send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result).toMatchObject({
      kind: 'transient',
      message: 'iThink Logistics could not be reached; will try again',
    });
    expectNoSecret(result);
  });

  it('is transient when iThink does not answer in time', async () => {
    ithink.failNext({ delayMs: 1_000 });
    const result = await client({ timeoutMs: 200 }).send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('did not answer within'),
    });
  });

  it('is transient when a proxy answers with an HTML page', async () => {
    ithink.failNext({ status: 200, body: '<html><body>Gateway</body></html>' });
    const result = await client().send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('did not answer with JSON'),
    });
  });

  it('is refused, not retried, on a client error other than the credentials', async () => {
    ithink.failNext({ status: 422 });
    expect((await client().send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' })).kind).toBe('refused');
  });
});

describe('where the secret key may go', () => {
  it('sends nothing to an address the credentials were not saved for', async () => {
    const guarded = new IThinkNdrClient({
      credentials: CREDENTIALS,
      baseUrl: ithink.url,
      credentialOrigins: ['https://my.ithinklogistics.com'],
    });
    const result = await guarded.send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('saved for https://my.ithinklogistics.com only'),
    });
    expect(ithink.requests).toHaveLength(0);
  });

  it('does not follow a redirect, which would carry the secret key elsewhere', async () => {
    ithink.failNext({ status: 307, body: '' });
    const result = await client().send({ kind: 'rto', awb: 'AWB1000002', remark: 'x' });
    expect(result).toMatchObject({ kind: 'refused', message: expect.stringContaining('redirected') });
    expect(ithink.requests).toHaveLength(1);
  });
});
