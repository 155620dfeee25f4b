import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../src/main/content-types';
import {
  APP_INDEX_URL,
  appUrlToFile,
  contentSecurityPolicy,
  externalUrlToOpen,
  isTrustedRendererUrl,
  mayNavigate,
} from '../../src/main/shell/window-policy';

describe('content security policy', () => {
  it('allows only the app itself in production', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("opens up only the dev server's origin and hot-reload socket in development", () => {
    const csp = contentSecurityPolicy('http://localhost:5173/');
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(csp).toContain("script-src 'self' http://localhost:5173 'unsafe-inline'");
  });
});

describe('who may talk to the desk and where the window may go', () => {
  it('trusts the console pages only', () => {
    expect(isTrustedRendererUrl(APP_INDEX_URL)).toBe(true);
    expect(isTrustedRendererUrl('app://desk/index.html#/history')).toBe(true);
    expect(isTrustedRendererUrl('app://other/index.html')).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/')).toBe(false);
    expect(isTrustedRendererUrl('file:///home/op/acs/out/renderer/index.html')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('never navigates away from the console, but allows in-page hash routes', () => {
    expect(mayNavigate(APP_INDEX_URL, 'app://desk/index.html#/settings')).toBe(true);
    expect(mayNavigate(APP_INDEX_URL, 'https://dashboard.vapi.ai/')).toBe(false);
    expect(mayNavigate(APP_INDEX_URL, 'app://desk/other.html')).toBe(false);
  });

  it('opens only plain https links (recordings) in the browser', () => {
    expect(externalUrlToOpen('https://storage.vapi.ai/rec/abc.wav')).toBe(
      'https://storage.vapi.ai/rec/abc.wav',
    );
    expect(externalUrlToOpen('http://storage.vapi.ai/rec/abc.wav')).toBeNull();
    expect(externalUrlToOpen('file:///etc/passwd')).toBeNull();
    expect(externalUrlToOpen('javascript:alert(1)')).toBeNull();
    expect(externalUrlToOpen('https://user:pw@example.com/')).toBeNull();
    expect(externalUrlToOpen('not a url')).toBeNull();
  });
});

describe('app:// to renderer files', () => {
  const root = resolve('/opt/acs/out/renderer');

  it('serves index.html for the root and files below the renderer folder', () => {
    expect(appUrlToFile('app://desk/', root)).toBe(join(root, 'index.html'));
    expect(appUrlToFile('app://desk/assets/index-abc.js?v=1', root)).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(appUrlToFile('app://desk/assets/a%20b.css', root)).toBe(join(root, 'assets', 'a b.css'));
  });

  it('refuses anything that escapes the renderer folder or another host', () => {
    // URL parsing already folds literal dot segments into the root: still inside the renderer folder.
    expect(appUrlToFile('app://desk/../../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(appUrlToFile('app://desk/%2e%2e/%2e%2e/secrets.json', root)).toBe(join(root, 'secrets.json'));
    // Encoded slashes survive URL parsing and would climb out after decoding: refused.
    expect(appUrlToFile('app://desk/assets/..%2f..%2f..%2fsecrets.json', root)).toBeNull();
    expect(appUrlToFile('app://desk/a%00.js', root)).toBeNull();
    expect(appUrlToFile('app://elsewhere/index.html', root)).toBeNull();
    expect(appUrlToFile('file:///etc/passwd', root)).toBeNull();
  });

  it('serves scripts as JavaScript so module scripts run', () => {
    expect(contentTypeFor('/x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});
