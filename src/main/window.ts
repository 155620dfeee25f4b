/**
 * The console window: sandboxed, context-isolated, no Node in the page, a strict Content-Security-Policy sent
 * as a header, no navigation away and no pop-ups (https links open in the system browser). In production the
 * console is served from app://desk (a custom scheme, so the CSP header applies and IPC senders are easy to
 * recognise); in development from electron-vite's dev server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, protocol, session, shell } from 'electron';
import { contentTypeFor } from './content-types';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  appUrlToFile,
  contentSecurityPolicy,
  externalUrlToOpen,
  mayNavigate,
} from './shell/window-policy';

/** Must run before the app is ready: the scheme behaves like https (standard, secure, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves out/renderer over app://desk with the CSP header; anything outside that folder is a 404. */
export function serveRenderer(rendererRoot: string, devServerUrl: string | undefined): void {
  const csp = contentSecurityPolicy(devServerUrl);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(request.url, rendererRoot);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  if (devServerUrl) {
    // The dev server sends no CSP of its own; add the development policy to its responses.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...details.responseHeaders, 'Content-Security-Policy': [csp] };
      callback({ responseHeaders: headers });
    });
  }
}

export interface ConsoleWindowOptions {
  preload: string;
  icon: string;
  devServerUrl: string | undefined;
  show: boolean;
}

export function createConsoleWindow(options: ConsoleWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Auto Call Scheduler',
    icon: options.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(contents.getURL(), url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(contents.getURL(), url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No camera, microphone, notifications-from-the-page or any other permission prompt.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  if (options.show) window.once('ready-to-show', () => window.show());
  void window.loadURL(options.devServerUrl ?? APP_INDEX_URL);
  return window;
}

/** Where electron-vite puts the preload and the renderer, relative to the built main script. */
export function builtPaths(mainDir: string): { preload: string; rendererRoot: string } {
  return {
    preload: join(mainDir, '..', 'preload', 'index.js'),
    rendererRoot: join(mainDir, '..', 'renderer'),
  };
}
