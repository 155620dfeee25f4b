/**
 * The DeskBridge (src/shared/bridge.ts) the preload hands to the console, built over ipcRenderer (passed in,
 * so it is testable without Electron). It forwards method calls and desk events and nothing else: the IPC
 * event object (which would give the page ipcRenderer itself) never reaches the renderer.
 *
 * A refused call rejects with a plain `{ message, field? }` object: contextBridge copies only an Error's
 * message across worlds, so an Error (or DeskCallError) thrown here would arrive without its `field`.
 * The console turns it into a DeskCallError on its side.
 */
import type { DeskBridge } from '../shared/bridge';
import type {
  DeskError,
  DeskEvent,
  DeskEvents,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
} from '../shared/contract';

// Typed against the contract's constants without importing it at runtime (it would pull zod into the
// sandboxed preload); a renamed channel fails the type check here.
export const INVOKE_CHANNEL: typeof IPC_INVOKE_CHANNEL = 'desk:invoke';
export const EVENT_CHANNEL: typeof IPC_EVENT_CHANNEL = 'desk:event';

type IpcListener = (event: unknown, message: unknown) => void;

/** The part of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function deskError(value: unknown): DeskError {
  if (isRecord(value) && typeof value.message === 'string') {
    return typeof value.field === 'string'
      ? { message: value.message, field: value.field }
      : { message: value.message };
  }
  return { message: 'The desk sent an unreadable answer.' };
}

export function createDeskBridge(ipc: RendererIpc): DeskBridge {
  return {
    async invoke(method, args) {
      const reply = await ipc.invoke(INVOKE_CHANNEL, method, args);
      if (isRecord(reply) && 'result' in reply) return reply.result as never;
      return Promise.reject(deskError(isRecord(reply) ? reply.error : undefined));
    },
    on<E extends DeskEvent>(event: E, listener: (payload: DeskEvents[E]) => void) {
      if (typeof listener !== 'function') throw new TypeError('desk.on needs a listener function');
      const forward: IpcListener = (_ipcEvent, message) => {
        if (isRecord(message) && message.event === event) listener(message.payload as DeskEvents[E]);
      };
      ipc.on(EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
  };
}
