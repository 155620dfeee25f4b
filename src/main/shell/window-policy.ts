/**
 * The console window's security decisions: the Content-Security-Policy, which pages the window may show, which
 * links open in the browser, which frames may call the desk, and how `app://` URLs map to the built renderer's
 * files (the renderer is served from a custom scheme, not file://, so the CSP arrives as a real header).
 */
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * The production policy is strict. In development the electron-vite dev server needs its origin for scripts,
 * its WebSocket for hot reload, and an inline preamble script that @vitejs/plugin-react injects.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) {
    return [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ].join('; ');
  }
  const origin = new URL(devServerUrl).origin;
  const socket = origin.replace(/^http/, 'ws');
  return [
    `default-src 'self' ${origin}`,
    `script-src 'self' ${origin} 'unsafe-inline'`,
    `style-src 'self' ${origin} 'unsafe-inline'`,
    `connect-src 'self' ${origin} ${socket}`,
    `img-src 'self' ${origin} data:`,
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The origin the console is loaded from: app://desk, or the dev server in development. */
export function rendererOrigin(devServerUrl?: string): string {
  return devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Custom schemes have an opaque origin ("null") in WHATWG URL; rebuild it from scheme and host.
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return null;
  }
}

/** Only the console's own pages may call the desk over IPC (never a page that navigated elsewhere). */
export function isTrustedRendererUrl(url: string, devServerUrl?: string): boolean {
  return originOf(url) === rendererOrigin(devServerUrl);
}

/** The window never navigates away from the console; in-page (hash) changes are fine. */
export function mayNavigate(currentUrl: string, targetUrl: string): boolean {
  const current = originOf(currentUrl);
  return (
    current !== null && current === originOf(targetUrl) && stripHash(currentUrl) === stripHash(targetUrl)
  );
}

function stripHash(url: string): string {
  const index = url.indexOf('#');
  return index === -1 ? url : url.slice(0, index);
}

/** Links the console opens (call recordings, VAPI's dashboard) go to the system browser, https only. */
export function externalUrlToOpen(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null;
    return parsed.toString();
  } catch {
    return null;
  }
}

/** Maps app://desk/<path> to a file under the renderer folder; null for anything outside it. */
export function appUrlToFile(url: string, rendererRoot: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererRoot);
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = resolve(root, normalize(wanted));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}
