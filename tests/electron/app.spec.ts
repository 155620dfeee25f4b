// The desktop app end to end: it launches with a fresh data folder, the window shows the queue through the
// preload's window.desk (and nothing else of Node), run now starts a session in sandbox mode (the local fake
// VAPI), and Quit ends the process cleanly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type { DeskBridge } from '../../src/shared/bridge';
import { electronAvailability } from './electron-available';

const ROOT = resolve(__dirname, '..', '..');
const CSV = [
  'AWB No,Consignee,Mobile,Status',
  'AWB1,Raj Kumar,9876500001,OFD',
  'AWB2,Priya Sharma,9876500002,Undelivered',
].join('\n');
const availability = electronAvailability(ROOT);
const SKIP_MESSAGE = availability.ok
  ? ''
  : `Electron binary not available on this machine: ${availability.reason}`;

/** Builds what the app needs if this checkout has not: the bundles and the Electron build of better-sqlite3. */
function prepare(): string | null {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
    const build = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (build.status !== 0) return 'electron-vite build failed';
  }
  const native = spawnSync(process.execPath, [join(ROOT, 'scripts', 'electron-native.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return native.status === 0 ? null : 'better-sqlite3 could not be built for Electron (see the output above)';
}

test.describe('desktop app', () => {
  test.skip(!availability.ok, SKIP_MESSAGE);

  let app: ElectronApplication | undefined;
  let dataDir = '';

  test.afterEach(async () => {
    if (app && app.process().exitCode === null) await app.close().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('launches, shows the queue, runs now in sandbox mode, and quits', async () => {
    if (!availability.ok) return;
    const problem = prepare();
    test.skip(problem !== null, `Cannot prepare the desktop app here: ${problem}`);

    dataDir = mkdtempSync(join(tmpdir(), 'acs-electron-'));
    // Chromium refuses to run as root with its OS sandbox; CI containers run as root.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: availability.executablePath,
      args: [...rootArgs, ROOT],
      env: { ...process.env, ACS_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
    });
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Auto Call Scheduler/);

    // The page gets the desk bridge and nothing of Node.
    const exposed = await page.evaluate(() => {
      const scope = globalThis as unknown as { desk?: object; require?: unknown; process?: unknown };
      return {
        desk: Object.keys(scope.desk ?? {}).sort(),
        require: typeof scope.require,
        process: typeof scope.process,
      };
    });
    expect(exposed).toEqual({ desk: ['invoke', 'on'], require: 'undefined', process: 'undefined' });

    // No VAPI key: sandbox mode. Working hours all day, so run now is allowed whenever the test runs; two
    // orders to call, imported through the same bridge the console uses.
    const mode = await page.evaluate(async (csv) => {
      const desk = (globalThis as unknown as { desk: DeskBridge }).desk;
      await desk.invoke('saveSettings', { calling: { workingHours: { start: '00:00', end: '23:59' } } });
      await desk.invoke('importCsv', { fileName: 'ofd.csv', contentBase64: btoa(csv) });
      return (await desk.invoke('status', {})).mode;
    }, CSV);
    expect(mode).toBe('sandbox');

    await page.getByTestId('tab-queue').click();
    await expect(page.getByTestId('queue-plan')).toContainText('(2 new, 0 retries)');

    await page.getByTestId('run-now').click();
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const desk = (globalThis as unknown as { desk: DeskBridge }).desk;
            return (await desk.invoke('today', {})).sessions.filter((session) => session.trigger === 'manual')
              .length;
          }),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    // Quit as the tray's Quit does: the desk closes, the process exits.
    const exited = new Promise<number | null>((done) => app?.process().once('exit', (code) => done(code)));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'logs', 'acs.log'))).toBe(true);
  });
});
