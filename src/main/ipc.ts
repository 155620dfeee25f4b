/**
 * The desk over Electron IPC: one invoke channel for every contract method (arguments validated against the
 * contract by shell/desk-invoke.ts, answered as `{ result }` or `{ error: { message, field? } }`, never
 * thrown), and one event channel that pushes the desk's events to the console window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type DeskEvent } from '../shared/contract';
import type { Desk } from './desk/desk';
import type { Logger } from './log';
import { invokeDesk } from './shell/desk-invoke';
import { isTrustedRendererUrl } from './shell/window-policy';

export interface DeskIpcOptions {
  desk: Desk;
  logger: Logger;
  devServerUrl: string | undefined;
  redact: (message: string) => string;
  now: () => number;
}

const FORWARDED_EVENTS: readonly DeskEvent[] = ['status', 'dataChanged', 'log'];

export function registerDeskIpc(options: DeskIpcOptions): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, args: unknown) =>
    invokeDesk(options.desk, method, args, {
      trusted: isTrustedRendererUrl(event.senderFrame?.url ?? '', options.devServerUrl),
      redact: options.redact,
      onUnexpected: (name, error) =>
        options.logger.log({
          at: options.now(),
          level: 'error',
          message: options.redact(
            `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
        }),
    }),
  );
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Sends every desk event to the window while it exists; returns the function that stops forwarding. */
export function forwardDeskEvents(desk: Desk, window: BrowserWindow): () => void {
  const offs = FORWARDED_EVENTS.map((event) =>
    desk.on(event, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
    }),
  );
  const stop = () => offs.forEach((off) => off());
  window.once('closed', stop);
  return stop;
}
