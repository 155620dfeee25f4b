/**
 * The headless host around a real desk (temporary data folder, sandbox fake VAPI): the token guards the
 * WebSocket and the HTTP API, arguments are validated by the contract before the desk sees them (and a
 * refusal names the field), methods round-trip, events reach connected consoles, and the console's files go
 * out with content types a browser will run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDesk, type Desk } from '../../src/main/desk';
import { fromLocal } from '../../src/main/domain/local-time';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { CLOSE_UNAUTHORISED, startHost, type Host } from '../../src/main/host';
import type { DeskStatus } from '../../src/shared/desk-types';

const TOKEN = 'test-token-0123456789';
let desk: Desk;
let host: Host;

beforeEach(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'acs-host-'));
  const staticDir = join(dataDir, 'console');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {};');
  const start = fromLocal({ year: 2026, month: 11, day: 24, hour: 10, minute: 30 }, 'Asia/Kolkata');
  desk = await createDesk({ dataDir, clock: offsetClock(start), sandbox: { callSeconds: 1 } });
  host = await startHost({ desk, staticDir, port: 0, token: TOKEN });
});

afterEach(async () => {
  await host.close();
  await desk.close();
});

const base = () => `http://127.0.0.1:${host.port}`;

function api(method: string, body: unknown, token: string | null = TOKEN) {
  return fetch(`${base()}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

interface Socket {
  ws: WebSocket;
  messages: unknown[];
  next(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

function connect(token: string): Promise<Socket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`);
  const messages: Record<string, unknown>[] = [];
  const waiters: {
    predicate: (m: Record<string, unknown>) => boolean;
    resolve(m: Record<string, unknown>): void;
  }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    messages.push(message);
    for (const waiter of waiters.splice(0)) {
      if (waiter.predicate(message)) waiter.resolve(message);
      else waiters.push(waiter);
    }
  });
  const next = (predicate: (m: Record<string, unknown>) => boolean) => {
    const seen = messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve) => waiters.push({ predicate, resolve }));
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, next }));
    ws.once('error', reject);
  });
}

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
    expect(await response.json()).toEqual({ error: { message: 'Unknown method: dropDatabase' } });
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
