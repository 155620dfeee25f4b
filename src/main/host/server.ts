/**
 * The headless host: the desk served on 127.0.0.1 over HTTP + WebSocket, with the built console as static
 * files, so the same React app runs in a browser as in Electron. Every desk call needs the host's token: on
 * the WebSocket (`/ws?token=…`) and on the HTTP API (`POST /api/<method>`, `Authorization: Bearer …` or
 * `?token=…`). The static console is public: it holds no data until it connects with the token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { DeskEvent } from '../../shared/contract';
import type { DeskEventMessage, DeskResponseMessage } from '../../shared/bridge';
import type { Desk } from '../desk/desk';
import { callDesk } from './rpc';
import { serveStatic } from './static-files';

export interface HostOptions {
  desk: Desk;
  /** The built console (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** A random one when absent. */
  token?: string;
  host?: string;
}

export interface Host {
  port: number;
  token: string;
  /** The console's address, token included: what `npm run serve` prints. */
  url: string;
  close(): Promise<void>;
}

/** WebSocket close code for a refused token (the console shows "open the printed link"). */
export const CLOSE_UNAUTHORISED = 4401;
const EVENTS: DeskEvent[] = ['status', 'dataChanged', 'log'];
const MAX_BODY_BYTES = 256 * 1024 * 1024;

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requestToken(request: IncomingMessage, url: URL): string | null {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return url.searchParams.get('token');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleApi(desk: Desk, method: string, request: IncomingMessage, response: ServerResponse) {
  if (request.method !== 'POST') {
    sendJson(response, 405, { error: { message: 'Use POST with the arguments as a JSON body' } });
    return;
  }
  let args: unknown = {};
  try {
    const body = await readBody(request);
    if (body.trim()) args = JSON.parse(body);
  } catch (error) {
    sendJson(response, 400, { error: { message: `Bad request body: ${(error as Error).message}` } });
    return;
  }
  const outcome = await callDesk(desk, method, args);
  sendJson(response, 'error' in outcome ? 400 : 200, outcome);
}

export async function startHost(options: HostOptions): Promise<Host> {
  const { desk, staticDir } = options;
  const token = options.token ?? newToken();
  const bindTo = options.host ?? '127.0.0.1';
  const clients = new Set<WebSocket>();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (!tokenMatches(token, requestToken(request, url))) {
        sendJson(response, 401, { error: { message: 'Missing or wrong token' } });
        return;
      }
      void handleApi(desk, url.pathname.slice('/api/'.length), request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    void serveStatic(staticDir, url.pathname, response, request.headers.host);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') {
      socket.destroy();
      return;
    }
    const authorised = tokenMatches(token, url.searchParams.get('token'));
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // Refused after the handshake, with a code the console can read (a browser sees no HTTP status).
      if (!authorised) {
        ws.close(CLOSE_UNAUTHORISED, 'Missing or wrong token');
        return;
      }
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data) => void answer(ws, data.toString()));
    });
  });

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let message: { id?: unknown; method?: unknown; args?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      ws.send(JSON.stringify({ id: null, error: { message: 'Messages must be JSON' } }));
      return;
    }
    const id = typeof message.id === 'number' ? message.id : -1;
    const outcome = await callDesk(desk, message.method, message.args);
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ id, ...outcome } as DeskResponseMessage));
  }

  const unsubscribe = EVENTS.map((event) =>
    desk.on(event, (payload) => {
      const text = JSON.stringify({ event, payload } satisfies DeskEventMessage);
      for (const ws of clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindTo, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${bindTo}:${port}/?token=${token}`,
    async close() {
      for (const off of unsubscribe) off();
      for (const ws of clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
