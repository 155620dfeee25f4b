/**
 * One console's WebSocket after the upgrade: every message answered exactly once, under its id when it has a
 * readable one (`{ id, result }` or `{ id, error: { message, field? } }`, `id: null` otherwise), through the
 * same door as every other transport. Before the desk is asked: the message's shape, this connection's rate
 * limit and the method's size cap. Nothing a client sends may throw out of here: a throw would be an
 * unhandled rejection, which stops the host and the scheduler with it.
 */
import { WebSocket, type RawData } from 'ws';
import type { DeskResponseMessage } from '../../shared/bridge';
import { invokeDesk, type InvokeContext } from '../desk/invoke';
import type { Desk } from '../desk/desk';
import { RateLimit, rateLimitMessage, requestLimit, tooLargeMessage, type HostLimits } from './limits';
import { parseFrame } from './requests';

export interface SocketContext {
  desk: Desk;
  limits: HostLimits;
  door: InvokeContext;
}

/** A console this far behind on reading its answers is not reading them: it is closed. */
const MAX_UNREAD_BYTES = 64 * 1024 * 1024;
/** WebSocket close code for a client that does not read (policy violation). */
const CLOSE_NOT_READING = 1008;

export function serveSocket(ws: WebSocket, context: SocketContext): void {
  const rateLimit = new RateLimit(
    context.limits.requestsPerSecond,
    context.limits.requestBurst,
    context.door.now,
  );
  // ws reports a broken frame (not UTF-8, over maxPayload) here and closes the socket itself (1007, 1009);
  // without a listener the error would be thrown and end the process.
  ws.on('error', (error) =>
    context.door.logger.log({
      at: context.door.now(),
      level: 'warn',
      message: `A console connection was closed: ${error.message}`,
    }),
  );
  ws.on('message', (data: RawData) => {
    const bytes = messageBytes(data);
    answer(ws, bytes.toString('utf8'), bytes.length, rateLimit, context).catch((error: unknown) =>
      context.door.logger.log({
        at: context.door.now(),
        level: 'error',
        message: context.door.redact(`Answering a console failed: ${String(error)}`),
      }),
    );
  });
}

function messageBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

async function answer(
  ws: WebSocket,
  text: string,
  size: number,
  rateLimit: RateLimit,
  context: SocketContext,
): Promise<void> {
  const allowed = rateLimit.take();
  const frame = parseFrame(text);
  if (!frame.ok) return send(ws, { id: frame.id, error: { message: frame.message } });
  if (!allowed) return send(ws, { id: frame.id, error: { message: rateLimitMessage(context.limits) } });
  if (size > requestLimit(frame.method, context.limits)) {
    return send(ws, { id: frame.id, error: { message: tooLargeMessage(frame.method, context.limits) } });
  }
  const reply = await invokeDesk(context.desk, frame.method, frame.args, context.door);
  send(ws, { id: frame.id, ...reply });
}

function send(ws: WebSocket, message: DeskResponseMessage): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_UNREAD_BYTES) {
    ws.close(CLOSE_NOT_READING, 'Not reading answers');
    return;
  }
  ws.send(JSON.stringify(message));
}
