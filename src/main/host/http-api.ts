/**
 * The HTTP API: `POST /api/<method>` with the arguments as a JSON body, answered `{ result }` (200) or
 * `{ error: { message, field? } }` (400), through the same door as every other transport. Before the desk
 * is asked: the token (401), the console's own address (403), POST only (405), the HTTP API's shared rate
 * limit (429) and the method's body cap (413), read as the body streams in, so a huge body is never held.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invokeDesk, type InvokeContext } from '../desk/invoke';
import type { Desk } from '../desk/desk';
import { rateLimitMessage, requestLimit, tooLargeMessage, type HostLimits, type RateLimit } from './limits';
import { parseBody } from './requests';

export interface ApiContext {
  desk: Desk;
  limits: HostLimits;
  rateLimit: RateLimit;
  door: InvokeContext;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

class BodyTooLarge extends Error {}

/** The body as text, or BodyTooLarge as soon as it passes `limit` bytes (declared or counted). */
async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function handleApi(
  api: ApiContext,
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'POST') {
    sendJson(response, 405, { error: { message: 'Use POST with the arguments as a JSON body' } });
    return;
  }
  if (!api.rateLimit.take()) {
    sendJson(response, 429, { error: { message: rateLimitMessage(api.limits) } }, { 'retry-after': '1' });
    return;
  }
  let text: string;
  try {
    text = await readBody(request, requestLimit(method, api.limits));
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    // The rest of the body is not read: the connection closes after this answer.
    sendJson(
      response,
      413,
      { error: { message: tooLargeMessage(method, api.limits) } },
      { connection: 'close' },
    );
    return;
  }
  const body = parseBody(text);
  if (!body.ok) {
    sendJson(response, 400, { error: { message: body.message } });
    return;
  }
  const reply = await invokeDesk(api.desk, method, body.args, api.door);
  sendJson(response, 'error' in reply ? 400 : 200, reply);
}
