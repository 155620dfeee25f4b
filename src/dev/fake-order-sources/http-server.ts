/**
 * The bit both fake order sources share: a JSON HTTP server on 127.0.0.1 with a request log and scriptable
 * failures (HTTP errors, a dropped connection, a slow answer), so tests and sandbox mode can watch what
 * the adapters send and what they do when the source misbehaves.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export type Fault = { status: number; body?: string } | { drop: true } | { delayMs: number };

export interface JsonReply {
  status?: number;
  body: unknown;
}

export type JsonHandler = (request: LoggedRequest) => JsonReply;

export interface FakeHttpServer {
  url: string;
  requests: LoggedRequest[];
  /** The next `times` requests meet this fault instead of an answer. */
  failNext(fault: Fault, times?: number): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function startJsonServer(handler: JsonHandler, port = 0): Promise<FakeHttpServer> {
  const requests: LoggedRequest[] = [];
  const faults: Fault[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const logged: LoggedRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value ?? '')]),
        ),
        body: await readBody(request),
      };
      requests.push(logged);
      const fault = faults.shift();
      if (fault && 'drop' in fault) {
        request.socket.destroy();
        return;
      }
      if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault && 'status' in fault) {
        send(response, fault.status, fault.body ?? `<html><body>Error ${fault.status}</body></html>`);
        return;
      }
      const reply = handler(logged);
      send(response, reply.status ?? 200, reply.body);
    })().catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    failNext: (fault, times = 1) => {
      for (let count = 0; count < times; count += 1) faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
