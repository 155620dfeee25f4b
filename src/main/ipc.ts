/**
 * The desk over Electron IPC: one invoke channel for every contract method, through the desk's one door
 * (desk/invoke.ts: the sending frame must be the console's, arguments validated against the contract,
 * answered as `{ result }` or `{ error: { message, field? } }`, never thrown), and one event channel that
 * pushes the desk's events to the console window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { DESK_EVENTS, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/contract';
import type { Desk } from './desk/desk';
import { invokeDesk } from './desk/invoke';
import type { Logger } from './log';
import { isTrustedRendererUrl } from './shell/window-policy';

export interface DeskIpcOptions {
  desk: Desk;
  logger: Logger;
  devServerUrl: string | undefined;
  redact: (message: string) => string;
  now: () => number;
}

export function registerDeskIpc(options: DeskIpcOptions): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, args: unknown) =>
    invokeDesk(options.desk, method, args, {
      trusted: isTrustedRendererUrl(event.senderFrame?.url ?? '', options.devServerUrl),
      redact: options.redact,
      logger: options.logger,
      now: options.now,
    }),
  );
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Sends every desk event to the window while it exists; returns the function that stops forwarding. */
export function forwardDeskEvents(desk: Desk, window: BrowserWindow): () => void {
  const offs = DESK_EVENTS.map((event) =>
    desk.on(event, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
    }),
  );
  const stop = () => offs.forEach((off) => off());
  window.once('closed', stop);
  return stop;
}
