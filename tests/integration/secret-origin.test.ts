/**
 * A secret goes only to the address it was saved for. Someone holding the console token changes only
 * `vapi.baseUrl` (or the order source's address) to a server of theirs; the stored key must never reach it.
 * The "attacker" here is a plain HTTP server on another port that records every Authorization header and body.
 */
import { mkdtempSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startJsonServer, type FakeHttpServer } from '../../src/dev/fake-order-sources/http-server';
import { startFakeVapi, type FakeVapi } from '../../src/dev/fake-vapi/server';
import { createDesk, type Desk } from '../../src/main/desk';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { startHost, type Host } from '../../src/main/host';
import { databasePath } from '../../src/main/data-dir';
import { decodeBoundSecret, MemorySecretStore } from '../../src/main/secrets';
import { local } from '../helpers/engine-harness';

const TOKEN = 'console-token-0123456789';
const KEY = 'vapi-private-key-5f2c';

/** A server that is not the one the secret was saved for: it records what it is sent and answers 500. */
async function attacker(): Promise<FakeHttpServer> {
  const server = await startJsonServer(() => ({ status: 500, body: {} }));
  cleanup.push(() => server.close());
  return server;
}

/** Everything the server was sent, headers and bodies, as one text to search for a secret. */
function everythingSent(server: FakeHttpServer): string {
  return JSON.stringify(server.requests.map((request) => [request.headers, request.body, request.query]));
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Changes a stored setting the way a restored backup or a database tool would: behind the desk's back. */
function editSettingBehindTheDesk(
  dataDir: string,
  key: string,
  change: (value: Record<string, unknown>) => void,
) {
  const db = new Database(databasePath(dataDir));
  try {
    const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
    const value = JSON.parse(row?.value ?? '{}') as Record<string, unknown>;
    change(value);
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  } finally {
    db.close();
  }
}

async function deskWithLiveKey(
  secrets = new MemorySecretStore(),
): Promise<{ desk: Desk; host: Host; vapi: FakeVapi; dataDir: string; secrets: MemorySecretStore }> {
  const clock = offsetClock(local('2026-11-24T11:00'), systemClock);
  const vapi = await startFakeVapi({ clock, apiKey: KEY, callSeconds: 1 });
  cleanup.push(() => vapi.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'acs-origin-'));
  const desk = await createDesk({
    dataDir,
    clock,
    secrets,
    sandbox: { callSeconds: 1 },
    pollIntervalMs: 100,
  });
  cleanup.push(() => desk.close());
  const host = await startHost({ desk, staticDir: tmpdir(), port: 0, token: TOKEN });
  cleanup.push(() => host.close());
  await desk.saveSettings({
    vapi: { apiKey: KEY, baseUrl: vapi.url, assistantId: 'assistant-1', phoneNumberId: 'number-1' },
  });
  const csv = 'AWB,Name,Phone,Status\nAWB1,Raj Kumar,9876500001,Out for delivery\n';
  await desk.importCsv({ fileName: 'ofd.csv', contentBase64: Buffer.from(csv).toString('base64') });
  return { desk, host, vapi, dataDir, secrets };
}

function api(host: Host, method: string, body: unknown) {
  return fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
}

describe('the VAPI key and its address', () => {
  it('never sends the key to a base URL changed without the key', async () => {
    const { desk, host } = await deskWithLiveKey();
    const evil = await attacker();

    const saved = await api(host, 'saveSettings', { vapi: { baseUrl: evil.url } });
    expect(saved.status).toBe(200);
    await desk.runNow({});
    // Give any session that did start time to dial (it would within milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(everythingSent(evil)).not.toContain(KEY);
  });

  it('removes the key when the base URL changes without it, and the settings say to enter it again', async () => {
    const { desk } = await deskWithLiveKey();
    const view = await desk.saveSettings({ vapi: { baseUrl: 'https://vapi.example.net' } });
    expect(view.vapi).toMatchObject({ keySet: false, keyHint: null, baseUrl: 'https://vapi.example.net' });
    expect(view.vapi.keyNotice).toMatch(/removed because the API address changed.*enter the key again/);
    expect((await desk.status({})).mode).toBe('sandbox');

    const again = await desk.saveSettings({ vapi: { apiKey: 'new-key-9999' } });
    expect(again.vapi).toMatchObject({ keySet: true, keyHint: '…9999', keyNotice: null });
  });

  it('keeps a key given in the same save as the new base URL, bound to the new address', async () => {
    const { desk, secrets } = await deskWithLiveKey();
    const view = await desk.saveSettings({
      vapi: { baseUrl: 'https://eu.vapi.example', apiKey: 'eu-key-1234' },
    });
    expect(view.vapi).toMatchObject({ keySet: true, keyNotice: null });
    expect(decodeBoundSecret(secrets.get('vapi.apiKey')!)).toEqual({
      value: 'eu-key-1234',
      origins: ['https://eu.vapi.example'],
    });
  });

  it('keeps the key when the base URL is saved again unchanged (a trailing slash is no change)', async () => {
    const { desk, vapi } = await deskWithLiveKey();
    const view = await desk.saveSettings({ vapi: { baseUrl: `${vapi.url}/` } });
    expect(view.vapi.keySet).toBe(true);
  });

  it('treats https to http on the same host as another address', async () => {
    const { desk } = await deskWithLiveKey();
    await desk.saveSettings({ vapi: { baseUrl: 'https://127.0.0.1:9', apiKey: 'tls-key-1234' } });
    const view = await desk.saveSettings({ vapi: { baseUrl: 'http://127.0.0.1:9' } });
    expect(view.vapi.keySet).toBe(false);
  });

  it('refuses a base URL that is not https (plain http only on this machine), and saves nothing of that update', async () => {
    const { desk } = await deskWithLiveKey();
    const before = await desk.settings({});
    for (const baseUrl of [
      'http://vapi.example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ftp://x.y',
    ]) {
      await expect(
        desk.saveSettings({ calling: { cooldownMinutes: 5 }, vapi: { baseUrl } }),
      ).rejects.toMatchObject({ field: 'vapi.baseUrl' });
    }
    expect(await desk.settings({})).toEqual(before);
  });

  it('refuses at send time when the address was changed behind the desk (a restored backup, a DB edit)', async () => {
    const { desk, dataDir } = await deskWithLiveKey();
    const evil = await attacker();
    editSettingBehindTheDesk(dataDir, 'vapi', (vapi) => (vapi.baseUrl = evil.url));

    const run = await desk.runNow({});
    expect(run).toEqual({
      started: false,
      reason: expect.stringMatching(
        /Did not send the VAPI key to http:\/\/127\.0\.0\.1:\d+: saved for http:\/\/127\.0\.0\.1:\d+ only\. Enter the VAPI key again in Settings → VAPI/,
      ),
    });
    expect(evil.requests).toHaveLength(0);
  });

  it('binds a key saved by an earlier version to the address in force at start', async () => {
    const plain = new MemorySecretStore();
    plain.set('vapi.apiKey', 'old-plain-key');
    const desk = await createDesk({
      dataDir: mkdtempSync(join(tmpdir(), 'acs-origin-')),
      secrets: plain,
      sandbox: { callSeconds: 1 },
    });
    cleanup.push(() => desk.close());
    expect(decodeBoundSecret(plain.get('vapi.apiKey')!)).toEqual({
      value: 'old-plain-key',
      origins: ['https://api.vapi.ai'],
    });
    expect((await desk.settings({})).vapi.keySet).toBe(true);
  });
});

describe('the order-source credentials and their address', () => {
  async function deskWithSource(
    update: Parameters<Desk['saveSettings']>[0],
  ): Promise<{ desk: Desk; host: Host }> {
    const desk = await createDesk({
      dataDir: mkdtempSync(join(tmpdir(), 'acs-origin-')),
      clock: offsetClock(local('2026-11-24T11:00'), systemClock),
      secrets: new MemorySecretStore(),
      sandbox: { callSeconds: 1 },
    });
    cleanup.push(() => desk.close());
    const host = await startHost({ desk, staticDir: tmpdir(), port: 0, token: TOKEN });
    cleanup.push(() => host.close());
    await desk.saveSettings(update);
    return { desk, host };
  }

  it("never sends a JSON source's Authorization header to an address changed without it", async () => {
    const shop = await startJsonServer(() => ({ body: { orders: [] } }));
    cleanup.push(() => shop.close());
    const { desk, host } = await deskWithSource({
      orderSource: {
        kind: 'generic-json',
        baseUrl: `${shop.url}/orders`,
        credentials: JSON.stringify({ headers: { Authorization: 'Bearer shop-secret-77' } }),
      },
    });
    expect((await desk.syncNow({})).ok).toBe(true);
    const evil = await attacker();

    await api(host, 'saveSettings', { orderSource: { baseUrl: `${evil.url}/orders` } });
    await desk.syncNow({});

    expect(everythingSent(evil)).not.toContain('shop-secret-77');
  });

  it('never sends the iThink secret key to an address changed without it', async () => {
    const { desk, host } = await deskWithSource({
      orderSource: {
        kind: 'ithink',
        baseUrl: 'https://my.ithinklogistics.com',
        credentials: JSON.stringify({ accessToken: 'ithink-token-1', secretKey: 'ithink-secret-2' }),
      },
    });
    const evil = await attacker();

    await api(host, 'saveSettings', { orderSource: { baseUrl: evil.url } });
    await desk.syncNow({});

    expect(everythingSent(evil)).not.toContain('ithink-secret-2');
    expect(everythingSent(evil)).not.toContain('ithink-token-1');
  });

  it('removes the credentials when the kind changes without them, and says so', async () => {
    const { desk } = await deskWithSource({
      orderSource: { kind: 'ithink', credentials: '{"accessToken":"a1","secretKey":"s1"}' },
    });
    const view = await desk.saveSettings({
      orderSource: { kind: 'generic-json', baseUrl: 'https://shop.example/o' },
    });
    expect(view.orderSource).toMatchObject({ credentialsSet: false });
    expect(view.orderSource.credentialsNotice).toMatch(
      /removed because the source changed.*enter them again/,
    );
  });

  it('keeps credentials given in the same save as the new address', async () => {
    const { desk } = await deskWithSource({
      orderSource: { kind: 'ithink', credentials: '{"accessToken":"a1","secretKey":"s1"}' },
    });
    const view = await desk.saveSettings({
      orderSource: { kind: 'generic-json', baseUrl: 'https://shop.example/o', credentials: '{"headers":{}}' },
    });
    expect(view.orderSource).toMatchObject({ credentialsSet: true, credentialsNotice: null });
  });

  it('refuses at send time when the address was changed behind the desk, sending nothing', async () => {
    const shop = await startJsonServer(() => ({ body: { orders: [] } }));
    cleanup.push(() => shop.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'acs-origin-'));
    const desk = await createDesk({ dataDir, secrets: new MemorySecretStore(), sandbox: { callSeconds: 1 } });
    cleanup.push(() => desk.close());
    await desk.saveSettings({
      orderSource: {
        kind: 'generic-json',
        baseUrl: `${shop.url}/orders`,
        credentials: JSON.stringify({ headers: { Authorization: 'Bearer shop-secret-77' } }),
      },
    });
    const evil = await attacker();
    editSettingBehindTheDesk(dataDir, 'orderSource', (source) => (source.baseUrl = `${evil.url}/orders`));

    const sync = await desk.syncNow({});
    expect(sync.ok).toBe(false);
    expect(sync.error).toMatch(
      /Did not send the order-source credentials to http:\/\/127\.0\.0\.1:\d+: saved for http:\/\/127\.0\.0\.1:\d+ only/,
    );
    expect(evil.requests).toHaveLength(0);
  });

  it('never follows a redirect that would carry the credentials to another origin (307 re-sends the body)', async () => {
    const evil = await attacker();
    // The configured host answers every request with a 307 to the attacker.
    const { createServer } = await import('node:http');
    const redirecting = createServer((request, response) => {
      response.writeHead(307, { location: `${evil.url}${request.url ?? '/'}` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => redirecting.close(() => resolve())));
    const address = `http://127.0.0.1:${(redirecting.address() as { port: number }).port}`;

    for (const update of [
      {
        kind: 'ithink' as const,
        baseUrl: address,
        credentials: '{"accessToken":"tok-3","secretKey":"sec-4"}',
      },
      {
        kind: 'generic-json' as const,
        baseUrl: `${address}/orders`,
        credentials: JSON.stringify({ headers: { 'x-api-key': 'shop-key-5' } }),
      },
    ]) {
      const { desk } = await deskWithSource({ orderSource: update });
      const sync = await desk.syncNow({});
      expect(sync.ok).toBe(false);
      expect(sync.error).toMatch(
        /redirected elsewhere\. Did not send the order-source credentials to http:\/\/127\.0\.0\.1:\d+/,
      );
    }
    expect(evil.requests).toHaveLength(0);
  });

  it('follows a redirect that stays on the saved origin', async () => {
    const { createServer } = await import('node:http');
    const moved = createServer((request, response) => {
      if (request.url?.startsWith('/old')) {
        response.writeHead(308, { location: request.url.replace('/old', '/new') }).end();
      } else {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"orders":[{"awb":"AWB9","phone":"9876500009","status":"OFD"}]}');
      }
    });
    await new Promise<void>((resolve) => moved.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => moved.close(() => resolve())));
    const address = `http://127.0.0.1:${(moved.address() as { port: number }).port}`;
    const { desk } = await deskWithSource({
      orderSource: {
        kind: 'generic-json',
        baseUrl: `${address}/old`,
        credentials: '{"headers":{"x-api-key":"k"}}',
      },
    });
    const sync = await desk.syncNow({});
    expect(sync).toMatchObject({ ok: true, fetched: 1 });
  });
});
