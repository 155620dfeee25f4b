/**
 * The Electron entry (src/main/index.ts) wired to a real desk, run under Node with a stand-in for Electron
 * (./shell-fake-electron.ts), since no Electron binary can run here. Checks the wiring the pure shell tests
 * cannot: IPC to the real desk, the served console's CSP, secrets encrypted and absent from logs, the tray,
 * a session-end notification, close-to-tray, catch-up after sleep and a clean quit.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskOptions } from '../../src/main/desk';
import type { DeskReply } from '../../src/main/desk/invoke';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src/shared/contract';
import * as fake from './shell-fake-electron';

vi.mock('electron', async () => await import('./shell-fake-electron'));

const createdWith: DeskOptions[] = [];
vi.mock('../../src/main/desk', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/main/desk')>();
  return {
    ...real,
    // Short sandbox calls with scripted outcomes so a session ends within the test.
    createDesk: (options: DeskOptions) => {
      createdWith.push(options);
      return real.createDesk({
        ...options,
        sandbox: { callSeconds: 1, outcomes: { '+919876500001': ['answered'], '+919876500002': ['busy'] } },
        pollIntervalMs: 100,
      });
    },
  };
});

const VAPI_KEY = 'vapi-private-0f3c9a7e-5b1d-4c2a-9e8f-123456789abc';
const TRUSTED = { senderFrame: { url: 'app://desk/index.html' } };
let dataDir = '';

async function invoke(method: string, args: unknown, sender: unknown = TRUSTED): Promise<DeskReply> {
  const handler = fake.ipcMain.handlers.get(IPC_INVOKE_CHANNEL);
  if (!handler) throw new Error('no IPC handler registered');
  return (await (handler as (...args: unknown[]) => Promise<DeskReply>)(sender, method, args)) as DeskReply;
}

async function result<T>(method: string, args: unknown): Promise<T> {
  const reply = await invoke(method, args);
  if ('error' in reply) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as T;
}

function allFilesText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) =>
      statSync(path).isDirectory() ? allFilesText(path) : readFileSync(path).toString('latin1'),
    )
    .join('\n');
}

const tray = () => fake.Tray.created[0]!;
const window = () => fake.BrowserWindow.created.at(-1)!;
const trayItem = (label: RegExp) => tray().menu.find((item) => item.label && label.test(item.label));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'acs-shell-'));
  process.env.ACS_DATA_DIR = dataDir;
  await import('../../src/main/index');
  await vi.waitFor(() => expect(fake.BrowserWindow.created).toHaveLength(1), { timeout: 20_000 });
}, 30_000);

afterAll(() => {
  delete process.env.ACS_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop shell wired to a real desk', () => {
  it('starts one desk in the data folder with the safeStorage secrets and the Node build of SQLite', () => {
    expect(fake.app.paths.get('userData')).toBe(dataDir);
    expect(createdWith).toHaveLength(1);
    expect(createdWith[0]).toMatchObject({ dataDir, nativeBinding: undefined });
    expect(createdWith[0]!.secrets?.constructor.name).toBe('SafeStorageSecretStore');
    expect(fake.calls.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('opens a sandboxed, isolated window on app://desk that refuses pop-ups and opens https links outside', () => {
    const options = window().options as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window().webContents.url).toBe('app://desk/index.html');
    expect(window().webContents.openHandler?.({ url: 'https://storage.vapi.ai/r.wav' })).toEqual({
      action: 'deny',
    });
    expect(window().webContents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.calls.openExternal).toEqual(['https://storage.vapi.ai/r.wav']);
  });

  it('serves the console with the strict CSP header and nothing outside it', async () => {
    const serve = fake.protocol.handlers.get('app')!;
    const missing = await serve({ url: 'app://desk/assets/..%2f..%2f..%2fpackage.json' });
    expect(missing.status).toBe(404);
    const page = await serve({ url: 'app://desk/index.html' });
    // Under vitest the "built" renderer folder is src/renderer, whose index.html exists.
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
  });

  it('answers the console over IPC and validates every argument', async () => {
    const status = await result<{ mode: string }>('status', {});
    expect(status.mode).toBe('sandbox');
    expect(await invoke('history', { limit: 0 })).toMatchObject({ error: { field: 'limit' } });
    expect(await invoke('status', {}, { senderFrame: { url: 'https://evil.example/' } })).toEqual({
      error: { message: 'This page may not use the desk.' },
    });
  });

  it('keeps the VAPI key encrypted, out of the console and out of the log', async () => {
    const view = await result<{ vapi: { keySet: boolean; keyHint: string | null } }>('saveSettings', {
      vapi: { apiKey: VAPI_KEY },
    });
    expect(view.vapi.keySet).toBe(true);
    expect(JSON.stringify(view)).not.toContain(VAPI_KEY);
    expect(existsSync(join(dataDir, 'secrets-encrypted.json'))).toBe(true);
    expect(allFilesText(dataDir)).not.toContain(VAPI_KEY);
    // Back to sandbox mode for the session below.
    await result('saveSettings', { vapi: { apiKey: '' } });
  });

  it('shows the state in the tray and notifies when a session run from the tray ends', async () => {
    await result('saveSettings', { calling: { workingHours: { start: '00:00', end: '23:59' } } });
    const csv = [
      'AWB No,Consignee,Mobile,Status',
      'AWB1,Raj Kumar,9876500001,OFD',
      'AWB2,Priya,9876500002,Undelivered',
    ];
    await result('importCsv', {
      fileName: 'ofd.csv',
      contentBase64: Buffer.from(csv.join('\n')).toString('base64'),
    });
    await vi.waitFor(() => expect(trayItem(/^Run now$/)?.enabled).toBe(true), { timeout: 10_000 });
    expect(tray().tooltip).toMatch(/^Auto Call Scheduler \(sandbox\) — /);

    trayItem(/^Run now$/)!.click!();
    await vi.waitFor(() => expect(tray().image).toMatch(/tray-running\.png$/), { timeout: 10_000 });
    await vi.waitFor(() => expect(fake.calls.notifications.length).toBeGreaterThan(0), { timeout: 20_000 });
    const note = fake.calls.notifications[0]!;
    expect(note.title).toMatch(/^Manual session \d\d:\d\d finished$/);
    expect(note.body).toBe('2 calls, 1 successful, 1 to retry');
    // The desk's events reach the console window too.
    expect(window().webContents.sent.some((sent) => sent.channel === IPC_EVENT_CHANNEL)).toBe(true);
  }, 60_000);

  it('hides to the tray when the window is closed, and comes back from the tray', async () => {
    expect(window().tryClose()).toBe(false);
    expect(window().visible).toBe(false);
    trayItem(/^Show/)!.click!();
    expect(window().visible).toBe(true);
    // A second launch of the app brings this window forward instead of starting another desk.
    window().hide();
    fake.app.emit('second-instance');
    expect(window().visible).toBe(true);
    expect(createdWith).toHaveLength(1);
  });

  it('checks for missed sessions when the computer wakes', async () => {
    fake.powerMonitor.emit('suspend');
    fake.powerMonitor.emit('resume');
    const log = readFileSync(join(dataDir, 'logs', 'acs.log'), 'utf8');
    expect(log).toMatch(/The computer slept from .*; checking missed sessions/);
  });

  it('opens the log file from the tray', async () => {
    trayItem(/^Open log file$/)!.click!();
    await vi.waitFor(() => expect(fake.calls.openPath).toEqual([join(dataDir, 'logs', 'acs.log')]));
  });

  it('quits cleanly: the desk closes, then the app quits for real', async () => {
    const quitsBefore = fake.calls.quit;
    trayItem(/^Quit$/)!.click!();
    await vi.waitFor(() => expect(fake.calls.quit).toBe(quitsBefore + 2), { timeout: 15_000 });
    expect(tray().destroyed).toBe(true);
    expect(readFileSync(join(dataDir, 'logs', 'acs.log'), 'utf8')).toContain(
      'Quitting: stopping the scheduler',
    );
  });
});
