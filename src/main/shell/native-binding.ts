/**
 * Which better-sqlite3 addon the app loads. node_modules/better-sqlite3/build holds the build for Node's ABI
 * (the tests and the headless host use it); Electron needs one built for its own ABI, which
 * scripts/electron-native.mjs puts in native/electron/ and electron-builder ships unpacked next to the asar.
 * Keeping the two apart means running the desktop app never breaks `npm test`, and the reverse.
 */
import { join } from 'node:path';

export const NATIVE_ADDON_NAME = 'better_sqlite3.node';
/** Relative to the app's root in development, and to app.asar.unpacked in the packaged app. */
export const ELECTRON_NATIVE_DIR = join('native', 'electron');

export interface NativeBindingContext {
  /** process.versions.electron; undefined under plain Node. */
  electronVersion: string | undefined;
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development. */
  appPath: string;
  /** process.resourcesPath in the packaged app. */
  resourcesPath: string;
  exists: (file: string) => boolean;
}

export type NativeBindingChoice =
  { ok: true; nativeBinding: string | undefined; description: string } | { ok: false; problem: string };

export function chooseNativeBinding(context: NativeBindingContext): NativeBindingChoice {
  if (!context.electronVersion) {
    return { ok: true, nativeBinding: undefined, description: "better-sqlite3's own build (Node)" };
  }
  const file = context.isPackaged
    ? join(context.resourcesPath, 'app.asar.unpacked', ELECTRON_NATIVE_DIR, NATIVE_ADDON_NAME)
    : join(context.appPath, ELECTRON_NATIVE_DIR, NATIVE_ADDON_NAME);
  if (context.exists(file)) {
    return {
      ok: true,
      nativeBinding: file,
      description: `Electron ${context.electronVersion} build at ${file}`,
    };
  }
  return {
    ok: false,
    problem: context.isPackaged
      ? `The database driver is missing from this installation (${file}). Reinstall Auto Call Scheduler.`
      : `The database driver for Electron ${context.electronVersion} has not been built (${file} is missing). ` +
        'Run `npm start` (or `node scripts/electron-native.mjs`) with an internet connection.',
  };
}
