/**
 * The preload: exposes `window.desk` (a DeskBridge, see src/shared/bridge.ts) to the console and nothing
 * else. Runs sandboxed with context isolation, so it may only use Electron's renderer modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDeskBridge } from './bridge';

contextBridge.exposeInMainWorld('desk', createDeskBridge(ipcRenderer));
