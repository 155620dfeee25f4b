/**
 * The bridge the console talks through, whatever carries it: the Electron preload exposes one as
 * `window.desk`; in a browser the renderer builds one over the headless host's WebSocket. Same methods,
 * same events, same errors.
 */
import {
  MAX_IMPORT_FILE_MB,
  importRequestBytes,
  type DeskArgs,
  type DeskEvent,
  type DeskEvents,
  type DeskMethod,
  type DeskResults,
} from './contract';

export interface DeskBridge {
  /** Calls one desk method. Rejects with a `DeskCallError`-shaped error (message, optional field). */
  invoke<M extends DeskMethod>(method: M, args: DeskArgs<M>): Promise<DeskResults[M]>;
  /** Listens to one event; returns the function that stops listening. */
  on<E extends DeskEvent>(event: E, listener: (payload: DeskEvents[E]) => void): () => void;
}

/** A refused or failed call as the console sees it: what to tell the operator, and which field was wrong. */
export class DeskCallError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DeskCallError';
  }
}

/**
 * Messages on the headless host's WebSocket (the Electron IPC channels carry the same shapes). A request's
 * id is a whole number, 0 or more; a message the host cannot read (not JSON, not an object, no usable id) is
 * answered with `id: null`.
 */
export interface DeskRequestMessage {
  id: number;
  method: string;
  args?: unknown;
}
export type DeskResponseMessage =
  { id: number; result: unknown } | { id: number | null; error: { message: string; field?: string } };
export interface DeskEventMessage {
  event: DeskEvent;
  payload: unknown;
}

/** The headless host's default cap for its largest messages (imports); see src/main/host/limits.ts. */
const MAX_MESSAGE_BYTES = importRequestBytes(MAX_IMPORT_FILE_MB);

/**
 * Why a request message is too large to send to the headless host, or null. The host closes a socket that
 * sends more than its largest cap (1009), and the operator would only see "lost the connection".
 */
export function tooLargeToSend(text: string): string | null {
  // Bytes are counted only for a message long enough to be near the cap: most are a few dozen characters.
  if (text.length <= MAX_MESSAGE_BYTES / 3 || new Blob([text]).size <= MAX_MESSAGE_BYTES) return null;
  return `The file is too large to send: the desk takes files up to ${MAX_IMPORT_FILE_MB} MB`;
}
