/**
 * `npm start` on a machine where the desktop app cannot open (no display here, and no Electron binary):
 * it says why in one line, starts the console instead, prints its address within a minute, and that
 * console answers — the page, the desk's API with the printed token, and the console in the browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './console-test';

const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/;
/** Within a minute on this project's 2-core machines, building the console included. */
const FIRST_URL_MS = 60_000;

let child: ChildProcess | undefined;
let dataDir: string | undefined;
let output = '';

test.afterEach(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    // npm, its shell, start.mjs and the console: the whole group this test started.
    process.kill(-child.pid, 'SIGTERM');
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
    if (!stopped) process.kill(-child.pid, 'SIGKILL');
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  child = undefined;
});

function firstUrl(started: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let lines = '';
    const timer = setTimeout(
      () => reject(new Error(`npm start printed no console address in ${FIRST_URL_MS / 1000} s:\n${output}`)),
      FIRST_URL_MS,
    );
    started.stdout!.on('data', (chunk: Buffer) => {
      lines += chunk.toString();
      const url = lines.split('\n').find((line) => URL_LINE.test(line.trim()));
      if (url) {
        clearTimeout(timer);
        resolve(url.trim());
      }
    });
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before printing an address:\n${output}`));
    });
  });
}

test('npm start without a display prints why in one line and a console address that answers', async ({
  page,
}) => {
  // Windows and macOS always have a display: there npm start opens the desktop app, which is another test's.
  test.skip(process.platform !== 'linux', 'a machine without a display is a Linux one');
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'acs-npm-start-'));
  output = '';
  const env: NodeJS.ProcessEnv = { ...process.env, ACS_DATA_DIR: dataDir };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  child = spawn('npm', ['start', '--', '--port', '0'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errors += chunk.toString();
  });

  const url = await firstUrl(child);
  const why = errors.split('\n').filter((line) => line.startsWith('Desktop app not opened:'));
  expect(why).toEqual([
    'Desktop app not opened: there is no display (DISPLAY and WAYLAND_DISPLAY are not set). ' +
      'Starting the console in the browser instead.',
  ]);

  const address = new URL(url);
  const token = address.searchParams.get('token')!;
  const html = await fetch(url);
  expect(html.status).toBe(200);
  expect(await html.text()).toContain('<div id="root">');
  const status = await fetch(`${address.origin}/api/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(status.status).toBe(200);
  expect(await status.json()).toMatchObject({ result: { mode: 'sandbox', schedulerRunning: true } });

  // And a person opening the address sees the desk.
  await page.goto(url);
  await expect(page.getByTestId('scheduler-state')).toContainText('Running');
});
