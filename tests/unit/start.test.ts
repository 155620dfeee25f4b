// The decisions of `npm start` (scripts/start-lib.mjs): desktop app or console, and why, said in one line.
import { describe, expect, it } from 'vitest';
import {
  desktopBlocker,
  electronBinaryState,
  fallbackLine,
  hasDisplay,
  nodeAtLeast,
  oneLine,
  parseStartArgs,
  rendererIsStale,
  type BinaryState,
} from '../../scripts/start-lib.mjs';

const ELECTRON = '/app/node_modules/electron';

/** A node_modules/electron folder as a map of file → content (null: absent). */
function files(present: Record<string, string>) {
  return {
    read: (file: string) => present[file] ?? null,
    exists: (file: string) => file in present,
  };
}

const installed: BinaryState = { installed: true, executable: `${ELECTRON}/dist/electron` };
const missing: BinaryState = { installed: false, why: "Electron's binary has not been downloaded yet" };

describe('npm start: desktop app or console', () => {
  it('keeps console options for the console and takes --console and --desktop for itself', () => {
    expect(parseStartArgs([])).toMatchObject({ mode: 'auto', hostArgs: [] });
    expect(parseStartArgs(['--port', '0', '--clock-start', '2026-11-24T09:59'])).toMatchObject({
      mode: 'auto',
      hostArgs: ['--port', '0', '--clock-start', '2026-11-24T09:59'],
    });
    expect(parseStartArgs(['--console', '--port', '8080'])).toMatchObject({
      mode: 'console',
      hostArgs: ['--port', '8080'],
    });
    expect(parseStartArgs(['--desktop']).mode).toBe('desktop');
    expect(parseStartArgs(['--help']).mode).toBe('help');
  });

  it('compares Node versions as Electron and vite declare them', () => {
    expect(nodeAtLeast('v20.20.2', { major: 20, minor: 19 })).toBe(true);
    expect(nodeAtLeast('v20.18.3', { major: 20, minor: 19 })).toBe(false);
    expect(nodeAtLeast('v20.20.2', { major: 22, minor: 12 })).toBe(false);
    expect(nodeAtLeast('v22.12.0', { major: 22, minor: 12 })).toBe(true);
    expect(nodeAtLeast('24.1.0', { major: 22, minor: 12 })).toBe(true);
  });

  it('needs a display on Linux, never on Windows or macOS', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: '' })).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
  });

  it("finds Electron's binary by the marks its own install step leaves", () => {
    const context = { electronDir: ELECTRON, version: '45.4.1', platform: 'linux', env: {} };
    expect(
      electronBinaryState({
        ...context,
        files: files({
          [`${ELECTRON}/dist/version`]: 'v45.4.1',
          [`${ELECTRON}/path.txt`]: 'electron',
          [`${ELECTRON}/dist/electron`]: '',
        }),
      }),
    ).toEqual(installed);
    expect(electronBinaryState({ ...context, files: files({}) })).toEqual(missing);
    expect(
      electronBinaryState({
        ...context,
        files: files({
          [`${ELECTRON}/dist/version`]: '44.0.0',
          [`${ELECTRON}/path.txt`]: 'electron',
          [`${ELECTRON}/dist/electron`]: '',
        }),
      }),
    ).toMatchObject({ installed: false, why: expect.stringContaining('44.0.0, not 45.4.1') });
    expect(
      electronBinaryState({
        ...context,
        files: files({ [`${ELECTRON}/dist/version`]: '45.4.1', [`${ELECTRON}/path.txt`]: 'electron' }),
      }),
    ).toMatchObject({ installed: false, why: expect.stringContaining('is missing') });
    expect(
      electronBinaryState({
        ...context,
        env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' },
        files: files({ '/opt/electron/electron': '' }),
      }),
    ).toEqual({ installed: true, executable: '/opt/electron/electron' });
  });

  it('opens the console at once where there is no display, whatever else is there', () => {
    const blocker = desktopBlocker({
      nodeVersion: 'v22.12.0',
      platform: 'linux',
      env: {},
      binary: installed,
    });
    expect(blocker).toMatch(/no display/);
  });

  it("does not run Electron's installer on a Node it does not support, unless asked to", () => {
    const context = { platform: 'linux', env: { DISPLAY: ':0' } };
    expect(desktopBlocker({ ...context, nodeVersion: 'v20.20.2', binary: missing })).toMatch(
      /installer needs Node 22\.12 or newer \(this is Node 20\.20\.2/,
    );
    expect(desktopBlocker({ ...context, nodeVersion: 'v20.20.2', binary: missing, insist: true })).toBeNull();
    expect(desktopBlocker({ ...context, nodeVersion: 'v22.12.0', binary: missing })).toBeNull();
    // A binary already in place runs under any Node the console supports: only the installer wants 22.12.
    expect(desktopBlocker({ ...context, nodeVersion: 'v20.20.2', binary: installed })).toBeNull();
  });

  it('rebuilds the console only when it is missing or older than a source', () => {
    expect(rendererIsStale(null, [1])).toBe(true);
    expect(rendererIsStale(2000, [1000, 1999])).toBe(false);
    expect(rendererIsStale(2000, [1000, 2001])).toBe(true);
  });

  it('says a failed step in one line, without its stack', () => {
    const installOutput = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at async downloadArtifact (file:///node_modules/@electron/get/dist/index.js:154:12)',
      '',
    ].join('\n');
    expect(oneLine(installOutput)).toBe('TypeError: fetch failed');
    expect(oneLine('building…\nall good\n')).toBe('all good');
    expect(oneLine(`Error: ${'x'.repeat(300)}`, 40)).toHaveLength(40);
    const line = fallbackLine('there is no display (DISPLAY and WAYLAND_DISPLAY are not set)');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^Desktop app not opened: there is no display .*console in the browser instead\.$/);
  });
});
