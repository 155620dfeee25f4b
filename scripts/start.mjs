// `npm start`: always ends in a working console. Opens the desktop app where it can — a display, Electron's
// binary (installed by Electron's own install step, which caches the download), and better-sqlite3 built for
// Electron (scripts/electron-native.mjs) — and where it cannot (no display, offline, a Node too old for
// Electron's installer, an app that dies at launch) prints ONE line saying why and starts the headless
// console instead: the same desk served to a browser, its address printed as the first line on stdout.
// `npm run serve` is `start.mjs --console`. The decisions are in start-lib.mjs (tests/unit/start.test.ts).
//
//   node scripts/start.mjs [--console | --desktop] [console options: --port N --clock-start … (README)]
//
// Everything this script says goes to stderr, so stdout carries only the console's own output (its URL
// first) and `npm run -s serve | head -1` is the address.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONSOLE_NODE,
  DESKTOP_NODE,
  RENDERER_BUILD_ARGS,
  RENDERER_SOURCES,
  desktopBlocker,
  electronBinaryState,
  fallbackLine,
  nodeAtLeast,
  oneLine,
  parseStartArgs,
  rendererIsStale,
  versionText,
} from './start-lib.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_VITE = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const LOG_DIR = join(ROOT, 'native', 'electron');
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const NATIVE_TIMEOUT_MS = 25 * 60_000;
/** An app that exits with an error sooner than this after launch never opened: fall back to the console. */
const LAUNCH_GRACE_MS = 20_000;

const say = (line) => process.stderr.write(`${line}\n`);

/** Runs a step with its output captured (kept in native/electron/<name>.log); null, or what went wrong. */
function quietStep(name, args, timeout) {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  mkdirSync(LOG_DIR, { recursive: true });
  writeFileSync(join(LOG_DIR, `${name}.log`), output);
  if (result.error) return { status: null, problem: result.error.message, output };
  if (result.signal) return { status: null, problem: `stopped after ${timeout / 1000} s`, output };
  return { status: result.status, problem: result.status === 0 ? null : oneLine(output), output };
}

function electronBinary() {
  const electronDir = dirname(require.resolve('electron/package.json'));
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  const state = electronBinaryState({
    electronDir: electronDir.replace(/\\/g, '/'),
    version,
    platform: process.platform,
    env: process.env,
    files: {
      read: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : null),
      exists: (file) => existsSync(file),
    },
  });
  return { ...state, electronDir, version };
}

/**
 * The desktop app, start to finish: exits with the app's code once it has run and closed, or returns why it
 * could not open.
 */
async function desktop(insist, hostArgs) {
  let binary = electronBinary();
  const blocker = desktopBlocker({
    nodeVersion: process.version,
    platform: process.platform,
    env: process.env,
    binary,
    insist,
  });
  if (blocker) return blocker;

  if (!binary.installed) {
    say(`Downloading Electron ${binary.version} (about 100 MB, once: Electron keeps it in its cache)…`);
    const install = quietStep(
      'electron-install',
      [join(binary.electronDir, 'install.js')],
      INSTALL_TIMEOUT_MS,
    );
    binary = electronBinary();
    if (!binary.installed) {
      return `Electron's binary could not be downloaded (${install.problem ?? binary.why}; log in native/electron/electron-install.log)`;
    }
  }

  const native = join(ROOT, 'scripts', 'electron-native.mjs');
  if (quietStep('electron-native-check', [native, '--check'], 60_000).status !== 0) {
    say(
      'Getting the database driver (better-sqlite3) for Electron, once: a download, or a few minutes of compiling…',
    );
    const built = quietStep('electron-native', [native], NATIVE_TIMEOUT_MS);
    if (built.problem) {
      return `better-sqlite3 could not be built for Electron (${built.problem}; log in native/electron/electron-native.log)`;
    }
  }

  if (hostArgs.length > 0)
    say(`(${hostArgs.join(' ')}: options of the console in a browser; the desktop app does not take them)`);
  const launchedAt = Date.now();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const app = spawn(process.execPath, [ELECTRON_VITE, 'preview', '--logLevel', 'warn'], {
    cwd: ROOT,
    env,
    stdio: ['inherit', 'inherit', 'inherit'],
  });
  const forward = (signal) => app.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => {
    app.once('error', () => resolve(-1));
    app.once('exit', (status) => resolve(status ?? 0));
  });
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  if (code !== 0 && Date.now() - launchedAt < LAUNCH_GRACE_MS) {
    return `the desktop app stopped as it started (exit code ${code}; its messages are above)`;
  }
  process.exit(code);
}

function newestTime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestTime(join(path, entry)));
  return newest;
}

/** Builds the console when out/renderer is missing or older than its sources (the build says nothing on stdout). */
function buildConsoleIfStale() {
  const index = join(ROOT, 'out', 'renderer', 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : null;
  const sources = RENDERER_SOURCES.map((source) => newestTime(join(ROOT, source)));
  if (!rendererIsStale(builtAt, sources)) return;
  say('Building the console…');
  const build = spawnSync(process.execPath, [ELECTRON_VITE, ...RENDERER_BUILD_ARGS], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    say('The console could not be built (the messages are above).');
    process.exit(1);
  }
}

/** The headless console (src/main/host/cli.ts): its URL is the first line it prints on stdout. */
function startConsole(hostArgs) {
  buildConsoleIfStale();
  const host = spawn(process.execPath, [TSX, join(ROOT, 'src', 'main', 'host', 'cli.ts'), ...hostArgs], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  // Ctrl+C or a stop request: the host stops the scheduler, records calls in flight and exits, then so do we.
  // (From a terminal it gets Ctrl+C itself as well; it stops once.)
  process.on('SIGINT', () => host.kill('SIGINT'));
  process.on('SIGTERM', () => host.kill('SIGTERM'));
  host.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const { mode, hostArgs, usage } = parseStartArgs(process.argv.slice(2));
if (mode === 'help') {
  say(usage);
  process.exit(0);
}
if (!nodeAtLeast(process.version, CONSOLE_NODE)) {
  say(
    `Node ${process.version} is too old for Auto Call Scheduler: it needs Node ${versionText(CONSOLE_NODE)} or newer ` +
      `(${versionText(DESKTOP_NODE)} or newer for the desktop app). Install a newer Node and run npm install again.`,
  );
  process.exit(1);
}
if (mode !== 'console') {
  const problem = await desktop(mode === 'desktop', hostArgs);
  if (mode === 'desktop') {
    say(`The desktop app cannot open: ${problem}.`);
    process.exit(1);
  }
  say(fallbackLine(problem));
}
startConsole(hostArgs);
