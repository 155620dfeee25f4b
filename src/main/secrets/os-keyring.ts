/**
 * The OS keyring as a place for the headless host's 256-bit secrets key, through `@napi-rs/keyring`
 * (keyring-rs: Windows Credential Manager, macOS Keychain, the freedesktop Secret Service on Linux).
 *
 * Why that library: it is maintained, installs from the npm registry with a prebuilt binary per platform
 * (no install script, no download) and has an async API that takes an AbortSignal, so a keyring that hangs
 * (a locked collection waiting for a prompt nobody sees) cannot hold the host's start forever. keytar, the
 * older choice, is archived.
 *
 * It must degrade cleanly. On Linux the library falls back, when no Secret Service answers on D-Bus, to the
 * kernel's keyutils, which forgets everything at reboot: a key kept there would silently lose every secret
 * at the next boot. So on Linux the keyring is used only with a D-Bus session, and a key that turns out to
 * sit in the kernel keyring (its entry shows in /proc/keys) is removed and not used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One keyring entry: the secrets key of one data folder, as base64 text. */
export interface KeyringEntry {
  read(): Promise<string | null>;
  write(value: string): Promise<void>;
  remove(): Promise<void>;
  /** Linux: the entry is in the kernel keyring (not persistent across reboots). */
  isVolatile(): boolean;
}

export const KEYRING_SERVICE = 'Auto Call Scheduler';
const KEYRING_TIMEOUT_MS = 5_000;

interface NapiKeyring {
  AsyncEntry: new (
    service: string,
    account: string,
  ) => {
    getPassword(signal?: AbortSignal): Promise<string | undefined | null>;
    setPassword(password: string, signal?: AbortSignal): Promise<void>;
    deletePassword(signal?: AbortSignal): Promise<unknown>;
  };
}

/** Why no keyring can be used here (said once in the log); null when one may be tried. */
export function keyringProblem(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null;
  const socket = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'bus') : null;
  if (!env.DBUS_SESSION_BUS_ADDRESS && !(socket && existsSync(socket))) {
    return 'no D-Bus session, so no desktop keyring (GNOME Keyring, KWallet)';
  }
  return null;
}

/** Whether the kernel keyring (keyutils) lists this entry: keyring-rs names it `keyring-rs:<account>@<service>`. */
export function kernelKeyringLists(account: string, procKeys: string | null): boolean {
  return procKeys !== null && procKeys.includes(`keyring-rs:${account}@${KEYRING_SERVICE}`);
}

function readProcKeys(): string | null {
  try {
    return readFileSync('/proc/keys', 'utf8');
  } catch {
    return null;
  }
}

/** The keyring entry for `account`, or why there is none. */
export async function openKeyringEntry(
  account: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<KeyringEntry | { problem: string }> {
  const problem = keyringProblem(env, platform);
  if (problem) return { problem };
  let library: NapiKeyring;
  try {
    library = (await import('@napi-rs/keyring')) as unknown as NapiKeyring;
  } catch (error) {
    return { problem: `the keyring library could not load (${(error as Error).message})` };
  }
  const entry = new library.AsyncEntry(KEYRING_SERVICE, account);
  const signal = () => AbortSignal.timeout(KEYRING_TIMEOUT_MS);
  return {
    read: async () => (await entry.getPassword(signal())) ?? null,
    write: (value) => entry.setPassword(value, signal()),
    remove: async () => {
      await entry.deletePassword(signal());
    },
    isVolatile: () => platform === 'linux' && kernelKeyringLists(account, readProcKeys()),
  };
}
