/**
 * A real headless host around a real desk for the host's integration tests: a temporary data folder, the
 * sandbox fake VAPI, a shifted clock, a tiny console folder; plus a WebSocket client that keeps every message
 * and an HTTP API caller. Each test file decides when to start and stop one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, type ClientOptions } from 'ws';
import { createDesk, type Desk } from '../../src/main/desk';
import { fromLocal } from '../../src/main/domain/local-time';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { startHost, type Host, type HostOptions } from '../../src/main/host';
import type { LogEntry } from '../../src/main/log';

export const TOKEN = 'test-token-0123456789';

export interface TestHost {
  desk: Desk;
  host: Host;
  dataDir: string;
  base: string;
  /** What the host logged (unexpected desk failures, broken connections). */
  logged: LogEntry[];
  stop(): Promise<void>;
}

export interface TestHostOptions {
  /** Desk-local time in Asia/Kolkata; 10:30 on a working day by default. */
  hour?: number;
  host?: Partial<Omit<HostOptions, 'desk' | 'staticDir'>>;
}

export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'acs-host-'));
  const staticDir = join(dataDir, 'console');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {};');
  const start = fromLocal(
    { year: 2026, month: 11, day: 24, hour: options.hour ?? 10, minute: 30 },
    'Asia/Kolkata',
  );
  const desk = await createDesk({ dataDir, clock: offsetClock(start), sandbox: { callSeconds: 1 } });
  const logged: LogEntry[] = [];
  const logger = { log: (entry: LogEntry) => logged.push(entry) };
  const host = await startHost({ desk, staticDir, port: 0, token: TOKEN, logger, ...options.host });
  return {
    desk,
    host,
    dataDir,
    logged,
    base: `http://127.0.0.1:${host.port}`,
    async stop() {
      await host.close();
      await desk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs to the HTTP API; a string body goes as it is, anything else as JSON. */
export function api(
  base: string,
  method: string,
  body: unknown,
  token: string | null = TOKEN,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export type Message = Record<string, unknown>;

export interface Socket {
  ws: WebSocket;
  messages: Message[];
  /** The first message (already received or still to come) that matches. */
  next(predicate: (message: Message) => boolean): Promise<Message>;
  /** The next reply (a message that is not an event) after the ones already taken by `reply`. */
  reply(): Promise<Message>;
  closed: Promise<number>;
}

export function connect(port: number, token = TOKEN, options: ClientOptions = {}): Promise<Socket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`, options);
  const messages: Message[] = [];
  const waiters: { predicate: (m: Message) => boolean; resolve(m: Message): void }[] = [];
  let repliesTaken = 0;
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Message;
    messages.push(message);
    for (const waiter of waiters.splice(0)) {
      if (waiter.predicate(message)) waiter.resolve(message);
      else waiters.push(waiter);
    }
  });
  const next = (predicate: (m: Message) => boolean) => {
    const seen = messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<Message>((resolve) => waiters.push({ predicate, resolve }));
  };
  const reply = () => {
    const wanted = repliesTaken++;
    let index = 0;
    return next((m) => !('event' in m) && index++ === wanted);
  };
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, next, reply, closed }));
    ws.once('error', reject);
  });
}

/** The status code of a refused upgrade (the handshake answered with an HTTP error instead of 101). */
export function refusedUpgrade(port: number, options: ClientOptions, token = TOKEN): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, options);
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('error', () => undefined);
  });
}
