/**
 * The desktop app's SecretStore: the VAPI key and order-source credentials encrypted with Electron's
 * safeStorage (DPAPI on Windows, the keyring on Linux) and kept as base64 in `secrets-encrypted.json` in the
 * data folder. The safeStorage object is passed in so this can be tested without Electron. Decrypted values stay
 * in this process: they are never sent to the renderer and never logged.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactableValues, type SecretStore } from '../secrets';
import { PRIVATE_FOLDER_MODE } from '../data-dir';

/** The part of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring is used; 'basic_text' means a fixed, public key — not real encryption. */
  getSelectedStorageBackend?(): string;
}

export class SecretStorageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStorageUnavailableError';
  }
}

interface SecretsFile {
  version: 1;
  /** name → base64 of the safeStorage ciphertext */
  encrypted: Record<string, string>;
}

/** Why encryption cannot be used on this machine, in words an operator can act on; null when it can. */
export function encryptionProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return platform === 'linux'
      ? 'Cannot store credentials: no system keyring is available to encrypt them. Install and unlock GNOME Keyring or KWallet, then try again.'
      : 'Cannot store credentials: the operating system refused to encrypt them. Sign in to your user account normally and try again.';
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'Cannot store credentials: no system keyring was found, so they could only be saved in plain text. Install and unlock GNOME Keyring or KWallet, then restart the app.';
  }
  return null;
}

export class SafeStorageSecretStore implements SecretStore {
  private readonly cache = new Map<string, string | null>();
  private names: Set<string> | null = null;

  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
    /** Told (without the value) when a stored secret can no longer be decrypted, e.g. a changed keyring. */
    private readonly onUnreadable: (name: string, error: unknown) => void = () => undefined,
  ) {}

  get(name: string): string | null {
    if (this.cache.has(name)) return this.cache.get(name) ?? null;
    const encoded = this.readFile().encrypted[name];
    let value: string | null = null;
    if (encoded !== undefined) {
      try {
        value = this.safeStorage.decryptString(Buffer.from(encoded, 'base64'));
      } catch (error) {
        // Treat as "not set" so the desk asks for the key again instead of failing every call.
        this.onUnreadable(name, error);
      }
    }
    this.cache.set(name, value);
    return value;
  }

  /** Stores (or with null / '' removes) a secret. Throws SecretStorageUnavailableError rather than store plain text. */
  set(name: string, value: string | null): void {
    const contents = this.readFile();
    if (value === null || value === '') {
      delete contents.encrypted[name];
    } else {
      const problem = encryptionProblem(this.safeStorage, this.platform);
      if (problem) throw new SecretStorageUnavailableError(problem);
      contents.encrypted[name] = this.safeStorage.encryptString(value).toString('base64');
    }
    this.writeFile(contents);
    this.cache.set(name, value === '' ? null : value);
    this.names = new Set(Object.keys(contents.encrypted));
  }

  /**
   * Every stored secret and every string inside a JSON secret (a password inside the order-source
   * credentials), for the log redactor.
   */
  knownValues(): string[] {
    // Called for every log line: the names are read from disk once, then kept up to date by set().
    this.names ??= new Set(Object.keys(this.readFile().encrypted));
    const values: string[] = [];
    for (const name of this.names) {
      const value = this.get(name);
      // A value is stored with the origins it is bound to; the redactor wants the secret and its parts.
      if (value) values.push(...redactableValues(value));
    }
    return values;
  }

  private readFile(): SecretsFile {
    if (!existsSync(this.file)) return { version: 1, encrypted: {} };
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SecretsFile>;
      return { version: 1, encrypted: { ...(parsed.encrypted ?? {}) } };
    } catch {
      return { version: 1, encrypted: {} };
    }
  }

  private writeFile(contents: SecretsFile): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    if (this.platform !== 'win32') chmodSync(this.file, 0o600);
  }
}
