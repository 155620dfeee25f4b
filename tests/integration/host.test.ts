/**
 * The headless host around a real desk (temporary data folder, sandbox fake VAPI): the token guards the
 * WebSocket and the HTTP API, arguments are validated by the contract before the desk sees them (and a
 * refusal names the field), methods round-trip, events reach connected consoles, and the console's files go
 * out with content types a browser will run.
 */
import { writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/main/desk';
import { CLOSE_UNAUTHORISED, type Host } from '../../src/main/host';
import type { DeskStatus } from '../../src/shared/desk-types';
import {
  TOKEN,
  api as callApi,
  connect as connectTo,
  startTestHost,
  type TestHost,
} from '../helpers/host-harness';

let t: TestHost;
let desk: Desk;
let host: Host;

beforeEach(async () => {
  t = await startTestHost();
  ({ desk, host } = t);
});

afterEach(async () => {
  await t.stop();
});

const base = () => t.base;
const api = (method: string, body: unknown, token: string | null = TOKEN) =>
  callApi(t.base, method, body, token);
const connect = (token: string) => connectTo(host.port, token);

describe('the token', () => {
  it('closes a WebSocket that brings the wrong token, before it can call anything', async () => {
    const socket = await connect('wrong-token-0123456789');
    const code = await new Promise<number>((resolve) => socket.ws.once('close', (c) => resolve(c)));
    expect(code).toBe(CLOSE_UNAUTHORISED);
  });

  it('refuses the HTTP API without the token or with a wrong one', async () => {
    expect((await api('status', {}, null)).status).toBe(401);
    expect((await api('status', {}, 'nope-nope-nope')).status).toBe(401);
    const withQuery = await fetch(`${base()}/api/status?token=${TOKEN}`, { method: 'POST' });
    expect(withQuery.status).toBe(200);
  });

  it('prints a console address that carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });
});

describe('calls', () => {
  it('round-trips a method over the WebSocket', async () => {
    const socket = await connect(TOKEN);
    socket.ws.send(JSON.stringify({ id: 7, method: 'status', args: {} }));
    const reply = await socket.next((m) => m.id === 7);
    const status = reply.result as DeskStatus;
    expect(status.timezone).toBe('Asia/Kolkata');
    expect(status.mode).toBe('sandbox');
    expect(status.withinWorkingHours).toBe(true);
    socket.ws.close();
  });

  it('refuses bad arguments with the field named, without calling the desk', async () => {
    const socket = await connect(TOKEN);
    socket.ws.send(JSON.stringify({ id: 1, method: 'history', args: { limit: 0 } }));
    socket.ws.send(
      JSON.stringify({ id: 2, method: 'saveSettings', args: { calling: { cooldownMinutes: -5 } } }),
    );
    const history = await socket.next((m) => m.id === 1);
    const settings = await socket.next((m) => m.id === 2);
    expect(history.error).toMatchObject({ field: 'limit' });
    expect(settings.error).toMatchObject({ field: 'calling.cooldownMinutes' });
    expect(String((settings.error as { message: string }).message)).toContain('calling.cooldownMinutes');
    expect((await desk.settings({})).calling.cooldownMinutes).toBe(120);
    socket.ws.close();
  });

  it('passes on the desk own refusals with their field', async () => {
    const response = await api('saveSettings', { calling: { timezone: 'Mars/Olympus_Mons' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'calling.timezone' } });
  });

  it('refuses an unknown method', async () => {
    const response = await api('dropDatabase', {});
    expect(await response.json()).toEqual({ error: { message: 'Unknown desk method: dropDatabase' } });
  });
});

describe('events', () => {
  it('pushes the desk events to every connected console', async () => {
    const socket = await connect(TOKEN);
    await api('stopScheduler', {});
    const status = await socket.next((m) => m.event === 'status');
    expect((status.payload as DeskStatus).schedulerRunning).toBe(false);
    await api('saveSettings', { calling: { cooldownMinutes: 90 } });
    const changed = await socket.next(
      (m) => m.event === 'dataChanged' && JSON.stringify(m.payload).includes('settings'),
    );
    expect(changed.payload).toEqual({ what: expect.arrayContaining(['settings']) });
    socket.ws.close();
  });
});

describe('the console files', () => {
  it('serves scripts as text/javascript and unknown paths as the console', async () => {
    const script = await fetch(`${base()}/assets/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const page = await fetch(`${base()}/history`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>console</title>');
    expect(page.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ws://127.0.0.1:${host.port}`,
    );
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${base()}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the console folder', async () => {
    const escaped = await fetch(`${base()}/..%2f..%2fetc%2fpasswd`);
    expect(await escaped.text()).not.toContain('root:');
  });
});

describe('the console files, compressed', () => {
  /** The raw answer for a path, as the browser gets it before decoding. */
  function getRaw(path: string, acceptEncoding?: string) {
    return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
      httpGet(`${base()}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  }
  const script = (word: string) => `export const words = ${JSON.stringify(Array(2000).fill(word))};\n`;
  const scriptPath = () => join(t.dataDir, 'console', 'assets', 'console-abc123.js');

  it('sends scripts Brotli-compressed to a browser that accepts it, gzip to one that takes only gzip', async () => {
    writeFileSync(scriptPath(), script('queue'));
    const br = await getRaw('/assets/console-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['content-type']).toContain('text/javascript');
    expect(br.body.length).toBeLessThan(script('queue').length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script('queue'));
    const gz = await getRaw('/assets/console-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script('queue'));
  });

  it('sends the file as it is to a browser that accepts no compression or refuses it', async () => {
    writeFileSync(scriptPath(), script('queue'));
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await getRaw('/assets/console-abc123.js', accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(script('queue'));
    }
  });

  it('compresses a file again when it changes on disk (a rebuilt console)', async () => {
    writeFileSync(scriptPath(), script('queue'));
    expect(brotliDecompressSync((await getRaw('/assets/console-abc123.js', 'br')).body).toString()).toBe(
      script('queue'),
    );
    writeFileSync(scriptPath(), script('orders, rebuilt'));
    expect(brotliDecompressSync((await getRaw('/assets/console-abc123.js', 'br')).body).toString()).toBe(
      script('orders, rebuilt'),
    );
  });

  it('leaves fonts and tiny files uncompressed', async () => {
    writeFileSync(join(t.dataDir, 'console', 'assets', 'face.woff2'), Buffer.alloc(4096, 7));
    expect((await getRaw('/assets/face.woff2', 'br')).headers['content-encoding']).toBeUndefined();
    expect((await getRaw('/assets/app.js', 'br')).headers['content-encoding']).toBeUndefined();
  });
});
