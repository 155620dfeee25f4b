/**
 * Sync from iThink Logistics against the fake iThink server on 127.0.0.1 and a real SQLite store: the
 * requests the adapter sends, the orders it stores, the phones the track API fills in (10 AWBs a request),
 * type changes taking orders out of the queue, and failures reported without throwing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startFakeIThink,
  type FakeIThink,
  type FakeIThinkOrder,
} from '../../src/dev/fake-order-sources/ithink';
import { planSession } from '../../src/main/domain/policy';
import { importCsv } from '../../src/main/intake/csv';
import { IThinkAdapter, syncOrders } from '../../src/main/intake/sync';
import type { LogEntry } from '../../src/main/log';
import { openStore, readPlanningInput, type Store } from '../../src/main/store';
import { fakeIThinkOrder } from '../helpers/ithink-orders';

/** 24 Nov 2026, 10:00 in Asia/Kolkata. */
const NOW = Date.UTC(2026, 10, 24, 4, 30);
const LATER = NOW + 2 * 3_600_000;
const CREDENTIALS = { accessToken: 'token-abc', secretKey: 'secret-xyz' };

const order = fakeIThinkOrder;

let dir: string;
let store: Store;
let ithink: FakeIThink;
let log: LogEntry[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-sync-'));
  store = openStore(join(dir, 'desk.sqlite'));
  log = [];
});
afterEach(async () => {
  store.close();
  await ithink?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(orders: FakeIThinkOrder[], timeoutMs = 2_000) {
  ithink = await startFakeIThink({ ...CREDENTIALS, orders });
  return new IThinkAdapter({ credentials: CREDENTIALS, baseUrl: ithink.url, timeoutMs });
}

function sync(adapter: IThinkAdapter, now = NOW) {
  return syncOrders(store, adapter, { now, region: 'IN', logger: { log: (entry) => log.push(entry) } });
}

function queuedAwbs(now = NOW): string[] {
  const plan = planSession({
    ...readPlanningInput(store),
    settings: { cooldownMinutes: 120, maxAttempts: 3, timezone: 'Asia/Kolkata' },
    sessionStart: now,
  });
  return plan.queue.flatMap((entry) => entry.orders.map((queued) => queued.order.awb)).sort();
}

describe('IThinkAdapter', () => {
  it("asks for the last week's orders one day a request, with the credentials inside the data envelope", async () => {
    const adapter = await serve([order('1333110020164')]);
    await sync(adapter);
    const days = ithink.requests.map(
      (request) => (request.body as { data: { start_date: string } }).data.start_date,
    );
    expect(days).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
    expect(ithink.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api_v3/order/get_details.json',
      body: {
        data: {
          access_token: 'token-abc',
          secret_key: 'secret-xyz',
          awb_number_list: '',
          start_date: '2026-11-24',
          end_date: '2026-11-24',
        },
      },
    });
  });

  it('stores the orders it fetched, COD amounts from the payment mode', async () => {
    const adapter = await serve([
      order('1333110020164'),
      order('1333110020165', { paymentMode: 'Prepaid', status: 'Undelivered', customerName: 'प्रिया शर्मा' }),
      order('1333110020199', { orderDate: '2026-11-01' }),
    ]);
    const result = await sync(adapter);
    expect(result).toMatchObject({
      source: 'iThink Logistics',
      fetched: 2,
      added: 2,
      updated: 0,
      typeChanges: [],
    });
    expect(result.error).toBeUndefined();
    expect(store.orders.get('1333110020164')).toMatchObject({
      orderId: 'ORD-1333110020164',
      courier: 'Delhivery',
      customer: 'Raj Kumar',
      phoneE164: '+919876500001',
      type: 'OFD',
      rawStatus: 'Out For Delivery',
      address: '12 MG Road, Delhi',
      pincode: '110005',
      codAmount: 1250,
    });
    expect(store.orders.get('1333110020165')).toMatchObject({
      customer: 'प्रिया शर्मा',
      type: 'Undelivered',
      codAmount: 0,
    });
    expect(queuedAwbs()).toEqual(['1333110020164', '1333110020165']);
  });

  it('fills in missing phones from the track API, at most 10 AWBs a request', async () => {
    const phoneless = Array.from({ length: 23 }, (_, index) =>
      order(`AWB${String(index).padStart(4, '0')}`, {
        customerPhone: '',
        trackMobile: `98765${String(index).padStart(5, '0')}`,
      }),
    );
    const adapter = await serve([order('WITHPHONE'), ...phoneless]);
    const result = await sync(adapter);
    expect(result).toMatchObject({ fetched: 24, added: 24 });
    const tracks = ithink.requests.filter((request) => request.path === '/api_v3/order/track.json');
    const batches = tracks.map((request) =>
      (request.body as { data: { awb_number_list: string } }).data.awb_number_list.split(','),
    );
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).not.toContain('WITHPHONE');
    expect(store.orders.get('AWB0007')).toMatchObject({ phoneRaw: '9876500007', phoneE164: '+919876500007' });
  });

  it('changes nothing when nothing changed at the source', async () => {
    const adapter = await serve([order('1333110020164'), order('1333110020165')]);
    await sync(adapter, NOW);
    const before = store.orders.list();
    expect(await sync(adapter, LATER)).toMatchObject({ added: 0, updated: 0, unchanged: 2, typeChanges: [] });
    expect(store.orders.list()).toEqual(before);
  });
});

describe('iThink at 2,000 orders a day (500 AWB details a request at most)', () => {
  /** `count` orders on `date`, spread from 08:00 every 20 seconds. */
  function day(date: string, count: number, prefix: string): FakeIThinkOrder[] {
    return Array.from({ length: count }, (_, index) => {
      const seconds = 8 * 3600 + index * 20;
      const time = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
        .map((part) => String(part).padStart(2, '0'))
        .join(':');
      return order(`${prefix}${String(index).padStart(5, '0')}`, {
        orderDate: `${date} ${time}`,
        customerPhone: `98${String(index).padStart(8, '0')}`,
      });
    });
  }

  function answeredAtMost500(): boolean {
    return ithink.requests.every((request) => {
      const data = (request.body as { data: Record<string, string> }).data;
      return (data.awb_number_list ?? '').split(',').filter(Boolean).length <= 500;
    });
  }

  it('fetches every order of two busy days by narrowing full days to time windows', async () => {
    const adapter = await serve([...day('2026-11-23', 2_000, 'M'), ...day('2026-11-24', 2_000, 'T')]);
    const result = await sync(adapter);
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ fetched: 4_000, added: 4_000 });
    expect(store.orders.count()).toBe(4_000);
    const windows = ithink.requests.map((request) => (request.body as { data: { start_date: string } }).data);
    expect(windows.some((data) => /^2026-11-23 \d\d:\d\d:\d\d$/.test(data.start_date))).toBe(true);
    expect(answeredAtMost500()).toBe(true);
  });

  it('says which day may be missing orders when the service does not narrow by time, and keeps what it got', async () => {
    ithink = await startFakeIThink({
      ...CREDENTIALS,
      orders: day('2026-11-23', 2_000, 'M'),
      ignoreTimes: true,
    });
    const adapter = new IThinkAdapter({ credentials: CREDENTIALS, baseUrl: ithink.url, timeoutMs: 2_000 });
    const result = await sync(adapter);
    expect(result.error).toBe(
      "iThink Logistics returned its limit of 500 orders for 2026-11-23 and does not narrow by time; orders beyond it may be missing — import that day's CSV from the panel",
    );
    expect(store.orders.count()).toBe(500);
    expect(log.some((entry) => entry.level === 'error' && entry.message === result.error)).toBe(true);
  });

  it('refreshes 1,200 older queued orders by AWB, 500 a request', async () => {
    const old = day('2026-11-02', 1_200, 'OLD');
    const adapter = await serve(old);
    const csv = ['AWB,Phone,Status', ...old.map((entry) => `${entry.awb},${entry.customerPhone},OFD`)].join(
      '\n',
    );
    importCsv(store, Buffer.from(csv), { region: 'IN', now: NOW - 86_400_000 });
    ithink.setStatus('OLD01100', 'Delivered');
    const result = await sync(adapter);
    const batches = ithink.requests
      .map((request) => (request.body as { data: { awb_number_list: string } }).data.awb_number_list)
      .filter(Boolean)
      .map((list) => list.split(',').length);
    expect(batches).toEqual([500, 500, 200]);
    expect(result.typeChanges).toEqual([{ awb: 'OLD01100', from: 'OFD', to: 'Delivered' }]);
  });
});

describe('syncOrders with iThink', () => {
  it('records a type change, and an order that became Delivered leaves the queue', async () => {
    const adapter = await serve([order('1333110020164'), order('1333110020165', { status: 'Undelivered' })]);
    await sync(adapter, NOW);
    expect(queuedAwbs(NOW)).toEqual(['1333110020164', '1333110020165']);

    ithink.setStatus('1333110020164', 'Delivered');
    const result = await sync(adapter, LATER);
    expect(result.typeChanges).toEqual([{ awb: '1333110020164', from: 'OFD', to: 'Delivered' }]);
    expect(store.orders.get('1333110020164')).toMatchObject({
      type: 'Delivered',
      rawStatus: 'Delivered',
      updatedAt: LATER,
    });
    expect(queuedAwbs(LATER)).toEqual(['1333110020165']);
    const history = store.db.prepare('SELECT awb, from_type, to_type FROM order_type_changes').all();
    expect(history).toEqual([{ awb: '1333110020164', from_type: 'OFD', to_type: 'Delivered' }]);
  });

  it('tracks queued orders older than the date range, so a return takes them out of the queue too', async () => {
    const old = order('OLD0000001', { orderDate: '2026-11-02' });
    const adapter = await serve([order('1333110020164'), old]);
    importCsv(store, Buffer.from('AWB,Customer,Phone,Status\nOLD0000001,Old Customer,9876500009,OFD\n'), {
      region: 'IN',
      now: NOW - 86_400_000,
    });
    ithink.setStatus('OLD0000001', 'RTO In Transit');

    const result = await sync(adapter, NOW);
    expect(result.typeChanges).toEqual([{ awb: 'OLD0000001', from: 'OFD', to: 'RTO' }]);
    expect(store.orders.get('OLD0000001')).toMatchObject({
      type: 'RTO',
      rawStatus: 'RTO In Transit',
      customer: 'Old Customer',
    });
    expect(queuedAwbs()).toEqual(['1333110020164']);
  });

  it('does not erase a phone the desk knows when the source has none', async () => {
    importCsv(store, Buffer.from('AWB,Customer,Phone,Status\n1333110020164,Raj,9876500001,OFD\n'), {
      region: 'IN',
      now: NOW,
    });
    const adapter = await serve([order('1333110020164', { customerPhone: '', trackMobile: '' })]);
    await sync(adapter, LATER);
    expect(store.orders.get('1333110020164')).toMatchObject({
      phoneE164: '+919876500001',
      phoneProblem: null,
    });
  });

  it('reports refused credentials without throwing and leaves the known orders callable', async () => {
    const good = await serve([order('1333110020164')]);
    await sync(good, NOW);
    const wrong = new IThinkAdapter({
      credentials: { accessToken: 'old', secretKey: 'old' },
      baseUrl: ithink.url,
    });
    const result = await sync(wrong, LATER);
    expect(result.error).toBe(
      'iThink Logistics refused the access token or secret key (Invalid access token or secret key.) — check them in Settings → Order source',
    );
    expect(result).toMatchObject({ fetched: 0, added: 0, updated: 0 });
    expect(queuedAwbs(LATER)).toEqual(['1333110020164']);
    expect(log.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('Sync from iThink Logistics failed'),
    });
  });

  it.each([
    [{ status: 502 }, 'iThink Logistics answered HTTP 502; try again later'],
    [{ drop: true as const }, 'iThink Logistics could not be reached — check the address and the network'],
    [{ delayMs: 1_500 }, 'iThink Logistics did not answer within 500 ms'],
    [{ status: 200, body: '<html>maintenance</html>' }, 'iThink Logistics did not answer with JSON'],
  ])('reports %j as "%s"', async (fault, message) => {
    const adapter = await serve([order('1333110020164')], 500);
    ithink.failNext(fault);
    const result = await sync(adapter);
    expect(result.error).toBe(message);
    expect(store.orders.count()).toBe(0);
  });

  it('reports a source that is not running', async () => {
    const adapter = await serve([]);
    await ithink.close();
    const result = await sync(adapter);
    expect(result.error).toMatch(/could not be reached/);
  });
});
