/**
 * The headless host's secrets at rest: AES-256-GCM in secrets-host.json, the key in the OS keyring when a
 * real one is reachable, else in a 0600 key file the log names; a plain secrets.json from earlier versions
 * moved in and deleted; a wrong key or a damaged file never crashes and never destroys the old file.
 */
import {
  mkdtempSync,
  readFileSync,
  existsSync,
  statSync,
  writeFileSync,
  chmodSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encodeBoundSecret,
  HOST_KEY_FILE,
  HOST_SECRETS_FILE,
  openHostSecretStore,
  PLAIN_SECRETS_FILE,
  SecretKeyUnavailableError,
} from '../../src/main/secrets';
import { kernelKeyringLists, keyringProblem, type KeyringEntry } from '../../src/main/secrets/os-keyring';

const KEY = 'vapi-private-key-0123456789';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'acs-host-secrets-'));
}

function logs() {
  const lines: { level: string; message: string }[] = [];
  return { lines, log: (level: string, message: string) => lines.push({ level, message }) };
}

/** A keyring in memory; `volatile` plays the kernel keyring that forgets at reboot. */
function fakeKeyring(options: { volatile?: boolean; refuses?: boolean } = {}) {
  const values = new Map<string, string>();
  const opened: string[] = [];
  return {
    values,
    opened,
    open: async (account: string): Promise<KeyringEntry> => {
      opened.push(account);
      return {
        read: async () => {
          if (options.refuses) throw new Error("Couldn't access platform storage: AccessDenied");
          return values.get(account) ?? null;
        },
        write: async (value) => void values.set(account, value),
        remove: async () => void values.delete(account),
        isVolatile: () => options.volatile ?? false,
      };
    },
  };
}

const FILE_ONLY = { ACS_SECRET_KEY: 'file' };

describe('the headless host secret store', () => {
  it('keeps secrets encrypted in a 0600 file under a 0600 key file, and reads them back in a new run', async () => {
    const dataDir = folder();
    const { lines, log } = logs();
    const store = await openHostSecretStore({ dataDir, log, env: FILE_ONLY });
    store.set('vapi.apiKey', encodeBoundSecret(KEY, ['https://api.vapi.ai']));
    const onDisk = readFileSync(join(dataDir, HOST_SECRETS_FILE), 'utf8');
    expect(onDisk).not.toContain(KEY);
    expect(onDisk).not.toContain('0123456789');
    expect(JSON.parse(onDisk)).toMatchObject({ version: 1, cipher: 'aes-256-gcm', keySource: 'key-file' });
    expect(statSync(join(dataDir, HOST_SECRETS_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, HOST_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(lines.at(-1)).toMatchObject({
      level: 'info',
      message: expect.stringContaining(
        `their key is in ${join(dataDir, HOST_KEY_FILE)}, readable only by this user`,
      ),
    });

    const again = await openHostSecretStore({ dataDir, log, env: FILE_ONLY });
    expect(again.get('vapi.apiKey')).toBe(encodeBoundSecret(KEY, ['https://api.vapi.ai']));
  });

  it('moves a plain secrets.json from an earlier version in, and deletes it', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, PLAIN_SECRETS_FILE), JSON.stringify({ 'vapi.apiKey': KEY, other: '' }));
    const { lines, log } = logs();
    const store = await openHostSecretStore({ dataDir, log, env: FILE_ONLY });
    expect(store.get('vapi.apiKey')).toBe(KEY);
    expect(existsSync(join(dataDir, PLAIN_SECRETS_FILE))).toBe(false);
    expect(readFileSync(join(dataDir, HOST_SECRETS_FILE), 'utf8')).not.toContain(KEY);
    expect(lines.map((line) => line.message).join('\n')).toMatch(
      /Moved 1 secret\(s\) from the plain-text .*secrets\.json/,
    );
  });

  it('leaves an unreadable plain secrets.json in place and says so', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, PLAIN_SECRETS_FILE), '{not json');
    const { lines, log } = logs();
    await openHostSecretStore({ dataDir, log, env: FILE_ONLY });
    expect(existsSync(join(dataDir, PLAIN_SECRETS_FILE))).toBe(true);
    expect(lines).toContainEqual({
      level: 'warn',
      message: expect.stringMatching(/cannot be read; delete it by hand/),
    });
  });

  it('reads nothing under another key, says so, and sets the old file aside instead of overwriting it', async () => {
    const dataDir = folder();
    const first = await openHostSecretStore({ dataDir, log: () => undefined, env: FILE_ONLY });
    first.set('vapi.apiKey', KEY);
    writeFileSync(join(dataDir, HOST_KEY_FILE), `${Buffer.alloc(32, 7).toString('base64')}\n`, {
      mode: 0o600,
    });
    const { lines, log } = logs();
    const second = await openHostSecretStore({ dataDir, log, env: FILE_ONLY });
    expect(second.get('vapi.apiKey')).toBeNull();
    expect(lines).toContainEqual({
      level: 'error',
      message: expect.stringMatching(
        /was encrypted with another key file.*enter the VAPI key and order-source credentials again/i,
      ),
    });
    second.set('vapi.apiKey', 'new-key');
    expect(
      readdirSync(dataDir).filter((name) => name.startsWith(`${HOST_SECRETS_FILE}.unreadable-`)),
    ).toHaveLength(1);
    expect(second.get('vapi.apiKey')).toBe('new-key');
  });

  it('reads a tampered or swapped entry as not set, without crashing', async () => {
    const dataDir = folder();
    const store = await openHostSecretStore({ dataDir, log: () => undefined, env: FILE_ONLY });
    store.set('vapi.apiKey', KEY);
    store.set('orderSource.credentials', '{"secretKey":"s"}');
    const file = join(dataDir, HOST_SECRETS_FILE);
    const contents = JSON.parse(readFileSync(file, 'utf8'));
    // Swapping ciphertexts between names fails: the name is authenticated with the value.
    [contents.secrets['vapi.apiKey'], contents.secrets['orderSource.credentials']] = [
      contents.secrets['orderSource.credentials'],
      contents.secrets['vapi.apiKey'],
    ];
    writeFileSync(file, JSON.stringify(contents));
    const { lines, log } = logs();
    const reread = await openHostSecretStore({ dataDir, log, env: FILE_ONLY });
    expect(reread.get('vapi.apiKey')).toBeNull();
    expect(reread.get('orderSource.credentials')).toBeNull();
    expect(lines.filter((line) => line.level === 'error')).toHaveLength(2);
  });

  it('tightens a key file other users could read', async () => {
    const dataDir = folder();
    await openHostSecretStore({ dataDir, log: () => undefined, env: FILE_ONLY });
    chmodSync(join(dataDir, HOST_KEY_FILE), 0o644);
    const { lines, log } = logs();
    await openHostSecretStore({ dataDir, log, env: FILE_ONLY });
    expect(statSync(join(dataDir, HOST_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      message: expect.stringMatching(/was readable by other users/),
    });
  });

  it('refuses a key file that is not a key, saying what to do', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, HOST_KEY_FILE), 'hello\n', { mode: 0o600 });
    await expect(openHostSecretStore({ dataDir, log: () => undefined, env: FILE_ONLY })).rejects.toThrow(
      /is not a secrets key.*Restore it from a backup/,
    );
  });
});

describe('the OS keyring for the secrets key', () => {
  it('keeps the key in the keyring when a real one answers, and writes no key file', async () => {
    const dataDir = folder();
    const keyring = fakeKeyring();
    const { lines, log } = logs();
    const store = await openHostSecretStore({ dataDir, log, env: {}, keyring: keyring.open });
    store.set('vapi.apiKey', KEY);
    expect(existsSync(join(dataDir, HOST_KEY_FILE))).toBe(false);
    expect(keyring.opened).toEqual([`secrets key for ${dataDir}`]);
    expect(lines.at(-1)!.message).toMatch(/their key is in the OS keyring \("Auto Call Scheduler"\)/);
    const again = await openHostSecretStore({ dataDir, log, env: {}, keyring: keyring.open });
    expect(again.get('vapi.apiKey')).toBe(KEY);
  });

  it('does not trust the kernel keyring, which forgets at reboot: removes the key there, uses a key file', async () => {
    const dataDir = folder();
    const keyring = fakeKeyring({ volatile: true });
    const { lines, log } = logs();
    await openHostSecretStore({ dataDir, log, env: {}, keyring: keyring.open });
    expect(keyring.values.size).toBe(0);
    expect(existsSync(join(dataDir, HOST_KEY_FILE))).toBe(true);
    expect(lines[0]!.message).toMatch(/not in the OS keyring \(the only keyring found is the kernel's/);
  });

  it('falls back to a key file when the keyring refuses, and refuses to start when the keyring was required', async () => {
    const dataDir = folder();
    const refusing = fakeKeyring({ refuses: true });
    await openHostSecretStore({ dataDir, log: () => undefined, env: {}, keyring: refusing.open });
    expect(existsSync(join(dataDir, HOST_KEY_FILE))).toBe(true);
    await expect(
      openHostSecretStore({
        dataDir: folder(),
        log: () => undefined,
        env: { ACS_SECRET_KEY: 'keyring' },
        keyring: refusing.open,
      }),
    ).rejects.toBeInstanceOf(SecretKeyUnavailableError);
  });

  it('stays on the key file a folder already uses, and never asks the keyring with ACS_SECRET_KEY=file', async () => {
    const dataDir = folder();
    const keyring = fakeKeyring();
    const first = await openHostSecretStore({
      dataDir,
      log: () => undefined,
      env: FILE_ONLY,
      keyring: keyring.open,
    });
    first.set('vapi.apiKey', KEY);
    expect(keyring.opened).toEqual([]);
    const second = await openHostSecretStore({
      dataDir,
      log: () => undefined,
      env: {},
      keyring: keyring.open,
    });
    expect(second.get('vapi.apiKey')).toBe(KEY);
    expect(keyring.opened).toEqual([]);
  });

  it('degrades cleanly with the real library on a machine without a keyring (this one)', async () => {
    const dataDir = folder();
    const { lines, log } = logs();
    // No D-Bus session: the keyring is not even tried. A bogus bus address: the library loads and refuses.
    for (const env of [{}, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }]) {
      const store = await openHostSecretStore({ dataDir, log, env, platform: 'linux' });
      store.set('vapi.apiKey', KEY);
      expect(store.get('vapi.apiKey')).toBe(KEY);
    }
    expect(lines.filter((line) => line.level !== 'info')).toEqual([]);
    expect(existsSync(join(dataDir, HOST_KEY_FILE))).toBe(true);
  });

  it('knows where Linux has no desktop keyring, and recognises an entry of the kernel keyring', () => {
    expect(keyringProblem({}, 'linux')).toMatch(/no D-Bus session/);
    expect(keyringProblem({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, 'linux')).toBeNull();
    expect(keyringProblem({}, 'win32')).toBeNull();
    const procKeys =
      '1a2b3c4d I--Q---     1 perm 3f010000  1000  1000 user      keyring-rs:secrets key for /srv/acs@Auto Call Scheduler: 44\n';
    expect(kernelKeyringLists('secrets key for /srv/acs', procKeys)).toBe(true);
    expect(kernelKeyringLists('secrets key for /srv/other', procKeys)).toBe(false);
    expect(kernelKeyringLists('secrets key for /srv/acs', null)).toBe(false);
  });
});
