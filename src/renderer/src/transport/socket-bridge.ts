/**
 * The console's bridge in a browser: the headless host's WebSocket, authenticated with the token from the
 * console's URL. Requests are matched to answers by id; events fan out to listeners. When the socket drops
 * (host restarted, laptop slept) it reconnects with backoff, and pending calls fail with a readable message.
 */
import type { DeskEvent, DeskEvents } from '../../../shared/contract';
import {
  DeskCallError,
  tooLargeToSend,
  type DeskBridge,
  type DeskEventMessage,
  type DeskResponseMessage,
} from '../../../shared/bridge';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorised';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface SocketBridge extends DeskBridge {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function socketBridge(url: string): SocketBridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 500;
  let state: ConnectionState = 'connecting';
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  const listeners = new Map<DeskEvent, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const connect = () => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 500;
      // What was asked while connecting goes first (the first view's page, asked as the console started),
      // before what the connection's listeners ask as it opens.
      for (const message of queued.splice(0)) ws.send(message);
      setState('open');
    };
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as DeskResponseMessage | DeskEventMessage;
      if ('event' in message) {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
        return;
      }
      // id null: the host could not read a message; every message this bridge sends is readable.
      if (message.id === null) return;
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if ('error' in message) call.reject(new DeskCallError(message.error.message, message.error.field));
      else call.resolve(message.result);
    };
    ws.onclose = (event) => {
      socket = null;
      // Every waiting call fails now, and its unsent message is dropped with it: a command the operator was
      // told had failed must not run later, after a reconnect.
      for (const call of pending.values()) call.reject(new DeskCallError('Lost the connection to the desk'));
      pending.clear();
      queued.length = 0;
      // 4401: the host refused the token; retrying with the same token cannot help.
      if (event.code === 4401) {
        setState('unauthorised');
        return;
      }
      setState('closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  connect();

  return {
    invoke(method, args) {
      const id = nextId++;
      const text = JSON.stringify({ id, method, args });
      const tooLarge = tooLargeToSend(text);
      if (tooLarge) return Promise.reject(new DeskCallError(tooLarge));
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (socket && state === 'open') socket.send(text);
        else queued.push(text);
      });
    },
    on<E extends DeskEvent>(event: E, listener: (payload: DeskEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      listeners.set(event, set);
      return () => {
        set.delete(untyped);
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => {
        connectionListeners.delete(listener);
      };
    },
  };
}
