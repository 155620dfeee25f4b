import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SafeStorageSecretStore,
  SecretStorageUnavailableError,
  encryptionProblem,
  type SafeStorageLike,
} from '../../src/main/shell/safe-storage-secrets';

/** A reversible stand-in for the OS cipher: bytes reversed and XOR-ed, so plain text never shows. */
function fakeCipher(options: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a)).reverse();
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text) => flip(Buffer.from(`v10${text}`)),
    decryptString: (encrypted) => {
      const text = flip(Buffer.from(encrypted)).toString();
      if (!text.startsWith('v10')) throw new Error('bad ciphertext');
      return text.slice(3);
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
}

const dirs: string[] = [];
function secretsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'acs-secrets-'));
  dirs.push(dir);
  return join(dir, 'secrets.json');
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const KEY = 'vapi-private-key-0123456789';

describe('safeStorage secret store', () => {
  it('keeps the key encrypted on disk and reads it back in a new instance', () => {
    const file = secretsFile();
    new SafeStorageSecretStore(file, fakeCipher(), 'linux').set('vapiKey', KEY);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(KEY);
    expect(onDisk).not.toContain('0123456789');
    expect(JSON.parse(onDisk).encrypted.vapiKey).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new SafeStorageSecretStore(file, fakeCipher(), 'linux').get('vapiKey')).toBe(KEY);
  });

  it('removes a secret when set to empty', () => {
    const file = secretsFile();
    const store = new SafeStorageSecretStore(file, fakeCipher(), 'linux');
    store.set('vapiKey', KEY);
    store.set('vapiKey', '');
    expect(store.get('vapiKey')).toBeNull();
    expect(new SafeStorageSecretStore(file, fakeCipher(), 'linux').get('vapiKey')).toBeNull();
  });

  it('refuses to store anything when the OS cannot encrypt, with a message that says what to do', () => {
    const file = secretsFile();
    const store = new SafeStorageSecretStore(file, fakeCipher({ available: false }), 'linux');
    expect(() => store.set('vapiKey', KEY)).toThrow(SecretStorageUnavailableError);
    expect(() => store.set('vapiKey', KEY)).toThrow(/no system keyring.*GNOME Keyring or KWallet/);
    expect(store.get('vapiKey')).toBeNull();
  });

  it("refuses Linux's basic_text backend, which is plain text in disguise", () => {
    const store = new SafeStorageSecretStore(secretsFile(), fakeCipher({ backend: 'basic_text' }), 'linux');
    expect(() => store.set('vapiKey', KEY)).toThrow(/plain text/);
    expect(encryptionProblem(fakeCipher({ backend: 'basic_text' }), 'win32')).toBeNull();
  });

  it('still lets the operator remove a key when encryption is unavailable', () => {
    const file = secretsFile();
    new SafeStorageSecretStore(file, fakeCipher(), 'linux').set('vapiKey', KEY);
    const locked = new SafeStorageSecretStore(file, fakeCipher({ available: false }), 'linux');
    expect(() => locked.set('vapiKey', null)).not.toThrow();
    expect(JSON.parse(readFileSync(file, 'utf8')).encrypted).toEqual({});
  });

  it('treats a secret it can no longer decrypt as not set, and says which one (never its value)', () => {
    const file = secretsFile();
    new SafeStorageSecretStore(file, fakeCipher(), 'linux').set('vapiKey', KEY);
    const unreadable: string[] = [];
    const otherKeyring: SafeStorageLike = {
      ...fakeCipher(),
      decryptString: () => {
        throw new Error('keyring changed');
      },
    };
    const store = new SafeStorageSecretStore(file, otherKeyring, 'linux', (name) => unreadable.push(name));
    expect(store.get('vapiKey')).toBeNull();
    expect(unreadable).toEqual(['vapiKey']);
  });

  it('lists every secret and the strings inside JSON credentials for the log redactor', () => {
    const store = new SafeStorageSecretStore(secretsFile(), fakeCipher(), 'linux');
    store.set('vapiKey', KEY);
    store.set('orderSourceCredentials', JSON.stringify({ user: 'desk1', password: 'p4ssw0rd!' }));
    expect(store.knownValues()).toEqual(expect.arrayContaining([KEY, 'desk1', 'p4ssw0rd!']));
    store.set('vapiKey', '');
    expect(store.knownValues()).not.toContain(KEY);
  });
});

describe('safeStorage secrets bound to their origin', () => {
  it('gives the redactor the secret inside the binding, not the address it is bound to', async () => {
    const { encodeBoundSecret } = await import('../../src/main/secrets');
    const store = new SafeStorageSecretStore(secretsFile(), fakeCipher(), 'linux');
    store.set(
      'orderSource',
      encodeBoundSecret('{"user":"desk1","password":"p4ssw0rd!"}', ['https://shop.example']),
    );
    expect(store.knownValues()).toEqual(expect.arrayContaining(['desk1', 'p4ssw0rd!']));
    expect(store.knownValues()).not.toContain('https://shop.example');
  });
});
