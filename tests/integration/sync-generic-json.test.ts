/**
 * Sync from a generic JSON-over-HTTP source (the fake shop on 127.0.0.1) into a real SQLite store: nested
 * field mapping, bearer header, date range in the query, type changes and failures; and building either
 * adapter from the desk's settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_SHOP_FIELDS,
  startFakeJsonSource,
  type FakeJsonSource,
  type FakeShopOrder,
} from '../../src/dev/fake-order-sources/generic-json';
import { startFakeIThink } from '../../src/dev/fake-order-sources/ithink';
import { isCallableType } from '../../src/main/domain/order';
import { adapterFromSettings, GenericJsonAdapter, syncOrders } from '../../src/main/intake/sync';
import { openStore, type Store } from '../../src/main/store';

const NOW = Date.UTC(2026, 10, 24, 4, 30);
const LATER = NOW + 3_600_000;

function shopOrder(awb: string, status = 'Out for delivery', placedOn = '2026-11-23'): FakeShopOrder {
  return {
    shipment: { awb, courier: 'Ekart', status },
    customer: {
      name: 'Kavya Nair',
      phone: '+91 98765 00111',
      address: { line: 'Kakkanad', pincode: '682030' },
    },
    payment: { cod: 799 },
    reference: `WEB-${awb}`,
    placedOn,
  };
}

let dir: string;
let store: Store;
let shop: FakeJsonSource;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-sync-json-'));
  store = openStore(join(dir, 'desk.sqlite'));
});
afterEach(async () => {
  store.close();
  await shop?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(orders: FakeShopOrder[]) {
  shop = await startFakeJsonSource({ token: 'shop-token', orders });
  return new GenericJsonAdapter({
    url: `${shop.url}/orders`,
    headers: { Authorization: 'Bearer shop-token' },
    fields: FAKE_SHOP_FIELDS,
    ordersPath: 'data.orders',
  });
}

describe('GenericJsonAdapter', () => {
  it('reads nested fields through the mapping and sends the date range and the token', async () => {
    const adapter = await serve([
      shopOrder('SHOP1'),
      shopOrder('SHOP2', 'Undelivered'),
      shopOrder('OLD', 'OFD', '2026-10-01'),
    ]);
    const result = await syncOrders(store, adapter, { now: NOW, region: 'IN' });
    expect(result).toMatchObject({ source: `127.0.0.1:${new URL(shop.url).port}`, fetched: 2, added: 2 });
    expect(shop.requests[0]).toMatchObject({
      method: 'GET',
      path: '/orders',
      query: { from: '2026-11-17', to: '2026-11-24' },
      headers: { authorization: 'Bearer shop-token' },
    });
    expect(store.orders.get('SHOP1')).toMatchObject({
      customer: 'Kavya Nair',
      phoneE164: '+919876500111',
      type: 'OFD',
      rawStatus: 'Out for delivery',
      address: 'Kakkanad',
      pincode: '682030',
      codAmount: 799,
      orderId: 'WEB-SHOP1',
      courier: 'Ekart',
    });
  });

  it('records the type change when an order is delivered, so it is no longer callable', async () => {
    const adapter = await serve([shopOrder('SHOP1'), shopOrder('SHOP2')]);
    await syncOrders(store, adapter, { now: NOW, region: 'IN' });
    shop.setStatus('SHOP2', 'Delivered');
    const result = await syncOrders(store, adapter, { now: LATER, region: 'IN' });
    expect(result).toMatchObject({
      updated: 1,
      unchanged: 1,
      typeChanges: [{ awb: 'SHOP2', from: 'OFD', to: 'Delivered' }],
    });
    expect(isCallableType(store.orders.get('SHOP2')!.type)).toBe(false);
  });

  it('reports a refused token and an orders path that is not in the answer', async () => {
    await serve([shopOrder('SHOP1')]);
    const noToken = new GenericJsonAdapter({ url: `${shop.url}/orders`, ordersPath: 'data.orders' });
    expect((await syncOrders(store, noToken, { now: NOW, region: 'IN' })).error).toMatch(
      /^127\.0\.0\.1:\d+ refused the credentials \(HTTP 401\) — check them in Settings → Order source$/,
    );
    const wrongPath = new GenericJsonAdapter({
      url: `${shop.url}/orders`,
      headers: { Authorization: 'Bearer shop-token' },
      ordersPath: 'result.items',
    });
    expect((await syncOrders(store, wrongPath, { now: NOW, region: 'IN' })).error).toMatch(
      /no list of orders at "result\.items"/,
    );
    expect(store.orders.count()).toBe(0);
  });
});

describe('adapterFromSettings', () => {
  it('gives no adapter when no source is configured', () => {
    expect(adapterFromSettings({ kind: 'none', baseUrl: '' }, null)).toBeNull();
  });

  it('builds the generic adapter from the credentials JSON (headers, fields, orders path)', async () => {
    await serve([shopOrder('SHOP1')]);
    const credentials = JSON.stringify({
      headers: { Authorization: 'Bearer shop-token' },
      fields: FAKE_SHOP_FIELDS,
      ordersPath: 'data.orders',
    });
    const adapter = adapterFromSettings(
      { kind: 'generic-json', baseUrl: `${shop.url}/orders` },
      credentials,
    )!;
    expect(await syncOrders(store, adapter, { now: NOW, region: 'IN' })).toMatchObject({ added: 1 });
  });

  it('builds the iThink adapter with its base URL and credentials', async () => {
    const ithink = await startFakeIThink({ accessToken: 'a', secretKey: 's' });
    try {
      const adapter = adapterFromSettings(
        { kind: 'ithink', baseUrl: ithink.url },
        '{"accessToken":"a","secretKey":"s"}',
      )!;
      const result = await syncOrders(store, adapter, { now: NOW, region: 'IN' });
      expect(result.error).toBeUndefined();
      // One order-details request per calendar day of the week looked back over.
      expect(ithink.requests).toHaveLength(8);
    } finally {
      await ithink.close();
    }
  });

  it('turns missing credentials into a sync error that says what to enter', async () => {
    const adapter = adapterFromSettings({ kind: 'ithink', baseUrl: '' }, null)!;
    expect((await syncOrders(store, adapter, { now: NOW, region: 'IN' })).error).toBe(
      'iThink Logistics needs an access token and a secret key — paste {"accessToken":"…","secretKey":"…"} in Settings → Order source',
    );
    const noUrl = adapterFromSettings({ kind: 'generic-json', baseUrl: ' ' }, '{}')!;
    expect((await syncOrders(store, noUrl, { now: NOW, region: 'IN' })).error).toMatch(/has no address/);
  });
});
