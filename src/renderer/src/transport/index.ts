/**
 * Picks the console's bridge: the Electron preload's `window.desk` when present, else the headless host's
 * WebSocket with the token from the URL (kept in sessionStorage so a reload still works, and removed from the
 * address bar so it is not shared by accident in a screenshot).
 */
import type { DeskArgs, DeskMethod, DeskResults } from '../../../shared/contract';
import { DeskCallError, type DeskBridge } from '../../../shared/bridge';
import { socketBridge, type ConnectionState } from './socket-bridge';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

const TOKEN_KEY = 'acs.token';

function hostToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

interface Transport {
  bridge: DeskBridge;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

function chooseTransport(): Transport {
  if (window.desk) {
    const preload = window.desk;
    // The preload rejects with a plain { message, field } (contextBridge strips an Error's own fields).
    const bridge: DeskBridge = {
      invoke: (method, args) =>
        preload.invoke(method, args).catch((error: unknown) => {
          const { message, field } = (error ?? {}) as { message?: unknown; field?: unknown };
          throw new DeskCallError(
            typeof message === 'string' ? message : String(error),
            typeof field === 'string' ? field : undefined,
          );
        }),
      on: (event, listener) => preload.on(event, listener),
    };
    return { bridge, onConnection: (listener) => (listener('open'), () => undefined) };
  }
  const token = hostToken() ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = socketBridge(`${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
  return { bridge: socket, onConnection: (listener) => socket.onConnection(listener) };
}

export const transport = chooseTransport();

/** One typed desk call. */
export function desk<M extends DeskMethod>(method: M, args: DeskArgs<M>): Promise<DeskResults[M]> {
  return transport.bridge.invoke(method, args);
}

export type { ConnectionState };
