/**
 * The headless host's SecretStore: each secret encrypted with AES-256-GCM (a fresh 12-byte nonce per value,
 * the secret's name as associated data so values cannot be swapped between names) in a JSON file readable
 * only by this user. The 256-bit key comes from the OS keyring or a key file (host-secrets.ts); the file
 * records which, and a check value that tells a wrong key from a damaged file. A file this key cannot read
 * is never overwritten: it is set aside (`….unreadable-<time>`) at the next save.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactableValues } from './bound-secret';
import type { SecretStore } from './secret-store';
import { PRIVATE_FOLDER_MODE } from '../data-dir';

export type KeySource = 'keyring' | 'key-file';

export interface SecretKey {
  /** 32 bytes. */
  bytes: Buffer;
  source: KeySource;
}

interface SecretsFile {
  version: 1;
  cipher: 'aes-256-gcm';
  keySource: KeySource;
  /** HMAC of a fixed text under the key: tells "another key" apart from "damaged entry". */
  keyCheck: string;
  /** name → base64(nonce ‖ tag ‖ ciphertext) */
  secrets: Record<string, string>;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update('acs secrets key check').digest('hex').slice(0, 32);
}

/** Which key source a secrets file says it was written with; null when there is no readable file. */
export function keySourceOf(file: string): KeySource | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SecretsFile>;
    return parsed.keySource === 'keyring' || parsed.keySource === 'key-file' ? parsed.keySource : null;
  } catch {
    return null;
  }
}

export class EncryptedFileSecretStore implements SecretStore {
  private readonly secrets: Record<string, string>;
  /** The file on disk could not be read with this key: keep it aside instead of overwriting it. */
  private unreadableOnDisk = false;
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly file: string,
    private readonly key: SecretKey,
    /** Told (never with a value) when the file or an entry cannot be decrypted. */
    private readonly onProblem: (message: string) => void = () => undefined,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    if (key.bytes.length !== 32) throw new Error('The secrets key must be 32 bytes');
    this.secrets = this.readFile();
  }

  get(name: string): string | null {
    if (this.cache.has(name)) return this.cache.get(name) ?? null;
    const encoded = this.secrets[name];
    let value: string | null = null;
    if (encoded !== undefined) {
      try {
        value = this.decrypt(name, encoded);
      } catch {
        this.onProblem(`The stored ${name} in ${this.file} cannot be decrypted; enter it again in Settings`);
      }
    }
    this.cache.set(name, value);
    return value;
  }

  set(name: string, value: string | null): void {
    if (value === null || value === '') delete this.secrets[name];
    else this.secrets[name] = this.encrypt(name, value);
    this.writeFile();
    this.cache.set(name, value === '' ? null : value);
  }

  knownValues(): string[] {
    return Object.keys(this.secrets).flatMap((name) => {
      const value = this.get(name);
      return value ? redactableValues(value) : [];
    });
  }

  private encrypt(name: string, value: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key.bytes, nonce);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
  }

  private decrypt(name: string, encoded: string): string {
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error('too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key.bytes, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  private readFile(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    let parsed: Partial<SecretsFile>;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SecretsFile>;
    } catch {
      this.unreadable(`${this.file} is not a secrets file this app can read`);
      return {};
    }
    if (parsed.keyCheck !== keyCheckOf(this.key.bytes)) {
      const where = parsed.keySource === 'keyring' ? 'a key in the OS keyring' : 'another key file';
      this.unreadable(`${this.file} was encrypted with ${where}, not the key in use now`);
      return {};
    }
    return { ...(parsed.secrets ?? {}) };
  }

  private unreadable(why: string): void {
    this.unreadableOnDisk = true;
    this.onProblem(
      `${why}: its secrets cannot be read. Enter the VAPI key and order-source credentials again in Settings (the old file is kept aside when you do)`,
    );
  }

  private writeFile(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    if (this.unreadableOnDisk && existsSync(this.file)) {
      renameSync(this.file, `${this.file}.unreadable-${Date.now()}`);
      this.unreadableOnDisk = false;
    }
    const contents: SecretsFile = {
      version: 1,
      cipher: 'aes-256-gcm',
      keySource: this.key.source,
      keyCheck: keyCheckOf(this.key.bytes),
      secrets: this.secrets,
    };
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    if (this.platform !== 'win32') chmodSync(this.file, 0o600);
  }
}
