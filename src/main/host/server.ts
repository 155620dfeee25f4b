/**
 * The headless host: the desk served on 127.0.0.1 over HTTP + WebSocket, with the built console as static
 * files, so the same React app runs in a browser as in Electron. Every desk call needs the host's token: on
 * the WebSocket (`/ws?token=…`) and on the HTTP API (`POST /api/<method>`, `Authorization: Bearer …` or
 * `?token=…`), and must be addressed to the console's own address from no other site's page
 * (address-check.ts). Both transports then go through the desk's one door (desk/invoke.ts), within the
 * request caps and rate limit of limits.ts. The static console is public: it holds no data until it connects
 * with the token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { DESK_EVENTS } from '../../shared/contract';
import type { DeskEventMessage } from '../../shared/bridge';
import type { Desk } from '../desk/desk';
import type { InvokeContext } from '../desk/invoke';
import type { Logger } from '../log';
import { addressRefusal, consoleAddresses } from './address-check';
import { CompressedFiles } from './compressed-files';
import { handleApi, sendJson } from './http-api';
import { DEFAULT_HOST_LIMITS, RateLimit, type HostLimits } from './limits';
import { serveSocket } from './socket-api';
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
  /** Body caps and the rate limit; DEFAULT_HOST_LIMITS for any not given. */
  limits?: Partial<HostLimits>;
  /** Blanks the stored secrets out of every answer and log line (the CLI passes the desk's secrets). */
  redact?: (message: string) => string;
  /** Where unexpected desk failures are logged in full; stderr when absent. */
  logger?: Logger;
  now?: () => number;
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

const stderrLogger: Logger = {
  log: (entry) => console.error(`${new Date(entry.at).toISOString()} ${entry.level} ${entry.message}`),
};

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

/** Refuses an upgrade before the handshake: a page that may not connect gets no socket at all. */
function refuseUpgrade(socket: Socket, status: number, message: string): void {
  const body = JSON.stringify({ error: { message } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function startHost(options: HostOptions): Promise<Host> {
  const { desk, staticDir } = options;
  const token = options.token ?? newToken();
  const bindTo = options.host ?? '127.0.0.1';
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const logger = options.logger ?? stderrLogger;
  // The token was checked at the host's door: every caller that reaches the desk's door is the console.
  const door: InvokeContext = { trusted: true, redact: options.redact ?? ((m) => m), logger, now };
  const apiRateLimit = new RateLimit(limits.requestsPerSecond, limits.requestBurst, now);
  const clients = new Set<WebSocket>();
  let addresses: ReadonlySet<string> = new Set();
  // The console's scripts and styles, compressed once, before the first browser asks (compressed-files.ts).
  const compressed = new CompressedFiles();
  void compressed.warm(staticDir);

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (!tokenMatches(token, requestToken(request, url))) {
        sendJson(response, 401, { error: { message: 'Missing or wrong token' } });
        return;
      }
      const refusal = addressRefusal(request.headers, addresses);
      if (refusal) {
        sendJson(response, 403, { error: { message: refusal } });
        return;
      }
      const api = { desk, limits, rateLimit: apiRateLimit, door };
      handleApi(api, url.pathname.slice('/api/'.length), request, response).catch((error: unknown) => {
        logger.log({ at: now(), level: 'error', message: door.redact(`HTTP API failed: ${String(error)}`) });
        if (!response.headersSent)
          sendJson(response, 500, { error: { message: 'The host could not answer.' } });
        else response.destroy();
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    void serveStatic(staticDir, url.pathname, response, { headers: request.headers, compressed });
  });

  // The largest message any method takes; a larger one closes the socket (1009) before it is held whole.
  const maxPayload = Math.max(limits.importRequestBytes, limits.requestBytes);
  const sockets = new WebSocketServer({ noServer: true, maxPayload });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') {
      refuseUpgrade(socket, 404, "The desk's WebSocket is at /ws");
      return;
    }
    const refusal = addressRefusal(request.headers, addresses);
    if (refusal) {
      refuseUpgrade(socket, 403, refusal);
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
      serveSocket(ws, { desk, limits, door });
    });
  });

  const unsubscribe = DESK_EVENTS.map((event) =>
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
  addresses = consoleAddresses(bindTo, port);

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
