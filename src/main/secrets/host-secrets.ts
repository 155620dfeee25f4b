/**
 * The headless host's secrets, encrypted at rest: AES-256-GCM in `secrets-host.json` in the data folder,
 * under a 256-bit key kept in the OS keyring where one is reachable, else in `secrets-host.key` (mode 0600)
 * beside it. A plain `secrets.json` left by earlier versions is moved in and deleted. The log is told, at
 * every start, exactly where the secrets and their key are.
 *
 * ACS_SECRET_KEY=file skips the keyring (the tests set it: they must not fill a developer's keychain);
 * ACS_SECRET_KEY=keyring refuses to start without one.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EncryptedFileSecretStore, keySourceOf, type SecretKey } from './encrypted-file-secret-store';
import { KEYRING_SERVICE, openKeyringEntry, type KeyringEntry } from './os-keyring';

export const HOST_SECRETS_FILE = 'secrets-host.json';
export const HOST_KEY_FILE = 'secrets-host.key';
/** Where versions before encryption kept the headless host's secrets, in plain text. */
export const PLAIN_SECRETS_FILE = 'secrets.json';

export interface HostSecretsOptions {
  dataDir: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The keyring entry to use (tests pass a fake); by default the OS keyring through @napi-rs/keyring. */
  keyring?: (account: string) => Promise<KeyringEntry | { problem: string }>;
}

export class SecretKeyUnavailableError extends Error {
  override name = 'SecretKeyUnavailableError';
}

function decodeKey(text: string): Buffer | null {
  const bytes = Buffer.from(text.trim(), 'base64');
  return bytes.length === 32 ? bytes : null;
}

/** The key from the keyring entry (made there on first use), or why it cannot be used. */
async function keyFromKeyring(entry: KeyringEntry): Promise<Buffer | string> {
  try {
    let key = decodeKey((await entry.read()) ?? '');
    if (!key) {
      key = randomBytes(32);
      await entry.write(key.toString('base64'));
      if (decodeKey((await entry.read()) ?? '')?.equals(key) !== true) {
        return 'the keyring did not give back the key just stored in it';
      }
    }
    if (entry.isVolatile()) {
      await entry.remove().catch(() => undefined);
      return "the only keyring found is the kernel's, which forgets its keys at reboot";
    }
    return key;
  } catch (error) {
    return `the keyring refused (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Reads the key file, or makes one readable only by this user; tightens a file others can read. */
function keyFromFile(file: string, platform: NodeJS.Platform, log: HostSecretsOptions['log']): Buffer {
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8'));
    if (!key) {
      throw new SecretKeyUnavailableError(
        `${file} is not a secrets key (32 bytes, base64). Restore it from a backup, or delete it and ${HOST_SECRETS_FILE} and enter the secrets again`,
      );
    }
    if (platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      chmodSync(file, 0o600);
      log('warn', `${file} was readable by other users; it is now readable only by this user`);
    }
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  if (platform !== 'win32') chmodSync(file, 0o600);
  return key;
}

async function chooseKey(options: HostSecretsOptions, secretsFile: string): Promise<SecretKey> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const wanted = (env.ACS_SECRET_KEY ?? 'auto').trim().toLowerCase();
  const keyFile = join(options.dataDir, HOST_KEY_FILE);
  const writtenWith = keySourceOf(secretsFile);
  // A folder whose secrets are under a key file stays on it: moving between the two is not silent.
  if (wanted !== 'file' && writtenWith !== 'key-file') {
    const account = `secrets key for ${resolve(options.dataDir)}`;
    const open = options.keyring ?? ((name: string) => openKeyringEntry(name, env, platform));
    const entry = await open(account);
    const key = 'problem' in entry ? entry.problem : await keyFromKeyring(entry);
    if (typeof key !== 'string') return { bytes: key, source: 'keyring' };
    if (wanted === 'keyring') {
      throw new SecretKeyUnavailableError(
        `ACS_SECRET_KEY=keyring, but the OS keyring cannot be used: ${key}. Unset it to use a key file`,
      );
    }
    options.log('info', `Secrets key: not in the OS keyring (${key}); using a key file`);
  }
  return { bytes: keyFromFile(keyFile, platform, options.log), source: 'key-file' };
}

/** Moves a plain secrets.json from earlier versions into the encrypted store, then deletes it. */
function migratePlainSecrets(
  store: EncryptedFileSecretStore,
  plainFile: string,
  log: HostSecretsOptions['log'],
): void {
  if (!existsSync(plainFile)) return;
  let plain: Record<string, unknown>;
  try {
    plain = JSON.parse(readFileSync(plainFile, 'utf8')) as Record<string, unknown>;
  } catch {
    log('warn', `${plainFile} holds plain-text secrets but cannot be read; delete it by hand`);
    return;
  }
  const names = Object.entries(plain).filter(([, value]) => typeof value === 'string' && value !== '');
  for (const [name, value] of names) {
    if (store.get(name) === null) store.set(name, value as string);
  }
  // Overwrite before unlinking, so the plain text is not left in the freed blocks of simple file systems.
  writeFileSync(plainFile, '\0'.repeat(readFileSync(plainFile).length));
  rmSync(plainFile, { force: true });
  rmSync(`${plainFile}.tmp`, { force: true });
  log(
    'info',
    `Moved ${names.length} secret(s) from the plain-text ${plainFile} into the encrypted store and deleted it`,
  );
}

export async function openHostSecretStore(options: HostSecretsOptions): Promise<EncryptedFileSecretStore> {
  const secretsFile = join(options.dataDir, HOST_SECRETS_FILE);
  const key = await chooseKey(options, secretsFile);
  const store = new EncryptedFileSecretStore(
    secretsFile,
    key,
    (message) => options.log('error', message),
    options.platform ?? process.platform,
  );
  migratePlainSecrets(store, join(options.dataDir, PLAIN_SECRETS_FILE), options.log);
  options.log(
    'info',
    key.source === 'keyring'
      ? `Secrets (VAPI key, order-source credentials) are encrypted (AES-256-GCM) in ${secretsFile}; their key is in the OS keyring ("${KEYRING_SERVICE}")`
      : `Secrets (VAPI key, order-source credentials) are encrypted (AES-256-GCM) in ${secretsFile}; their key is in ${join(options.dataDir, HOST_KEY_FILE)}, readable only by this user. Anyone who can read both files can read the secrets: keep the folder private and that key out of shared backups`,
  );
  return store;
}
