// The decisions of scripts/start.mjs (`npm start`), kept apart so they can be unit-tested without a display,
// a download or a build: which Node runs what, whether this machine can show a window, whether Electron's
// binary is in place, whether the built console is older than its sources, and how a failure is said in one
// line.

/** Node that the headless console and the tests need (vite 8, electron-vite 6). */
export const CONSOLE_NODE = { major: 20, minor: 19 };
/** Node that Electron 45's installer (@electron/get) and its tooling declare. */
export const DESKTOP_NODE = { major: 22, minor: 12 };

const USAGE =
  'usage: npm start [-- --console | --desktop] [-- console options: --port N, --clock-start …, see README]';

/**
 * `npm start` opens the desktop app where it can and the console in a browser otherwise; `--console` skips
 * the desktop, `--desktop` insists on it (and fails instead of falling back). Every other argument is the
 * console's (the headless host's: --port, --clock-start, --sandbox-call-seconds, …).
 */
export function parseStartArgs(argv) {
  let mode = 'auto';
  const hostArgs = [];
  for (const arg of argv) {
    if (arg === '--console') mode = 'console';
    else if (arg === '--desktop') mode = 'desktop';
    else if (arg === '--help' || arg === '-h') return { mode: 'help', hostArgs: [], usage: USAGE };
    else hostArgs.push(arg);
  }
  return { mode, hostArgs, usage: USAGE };
}

/** "v20.20.2" or "20.20.2" is at least { major, minor }. */
export function nodeAtLeast(version, wanted) {
  const [major = 0, minor = 0] = String(version).replace(/^v/, '').split('.').map(Number);
  return major > wanted.major || (major === wanted.major && minor >= wanted.minor);
}

export function versionText(wanted) {
  return `${wanted.major}.${wanted.minor}`;
}

/** Windows and macOS always have a desktop; elsewhere a window needs an X or Wayland display. */
export function hasDisplay(platform, env) {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Where Electron's binary lives inside node_modules/electron/dist (its install.js writes path.txt). */
export function electronPlatformPath(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Whether Electron's binary is installed, by the same marks its install.js trusts: dist/version names this
 * Electron, path.txt names this platform's executable, and the executable is there. `files` reads a file
 * (or returns null) and says whether a path exists; paths are joined with '/'.
 */
export function electronBinaryState({ electronDir, version, platform, env, files }) {
  const platformPath = electronPlatformPath(platform);
  const distVersion = files.read(`${electronDir}/dist/version`);
  const pathTxt = files.read(`${electronDir}/path.txt`);
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = `${env.ELECTRON_OVERRIDE_DIST_PATH}/${pathTxt ?? platformPath}`;
    return files.exists(executable)
      ? { installed: true, executable }
      : { installed: false, why: `${executable} (ELECTRON_OVERRIDE_DIST_PATH) does not exist` };
  }
  if (distVersion === null || pathTxt === null) {
    return { installed: false, why: "Electron's binary has not been downloaded yet" };
  }
  if (distVersion.trim().replace(/^v/, '') !== version) {
    return { installed: false, why: `the Electron binary on disk is ${distVersion.trim()}, not ${version}` };
  }
  if (pathTxt !== platformPath) {
    return { installed: false, why: `the Electron binary on disk is for another platform (${pathTxt})` };
  }
  const executable = `${electronDir}/dist/${platformPath}`;
  return files.exists(executable)
    ? { installed: true, executable }
    : { installed: false, why: `${executable} is missing` };
}

/**
 * The first reason, found without downloading or building anything, that the desktop app cannot open:
 * no display, or an Electron binary that would have to be installed by an installer this Node does not
 * support (`insist` tries anyway). Null when it is worth trying.
 */
export function desktopBlocker({ nodeVersion, platform, env, binary, insist = false }) {
  if (!hasDisplay(platform, env)) return 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)';
  if (!binary.installed && !insist && !nodeAtLeast(nodeVersion, DESKTOP_NODE)) {
    return (
      `${binary.why}, and Electron's installer needs Node ${versionText(DESKTOP_NODE)} or newer ` +
      `(this is Node ${String(nodeVersion).replace(/^v/, '')}; \`npm start -- --desktop\` tries anyway)`
    );
  }
  return null;
}

/**
 * The built console (out/renderer/index.html, `builtAt` ms, null when absent) must be rebuilt when any of its
 * sources (their modification times) is newer.
 */
export function rendererIsStale(builtAt, sourceTimes) {
  if (builtAt === null) return true;
  return sourceTimes.some((time) => time > builtAt);
}

/** electron-vite's arguments that build the console alone into out/renderer (npm start, the browser tests). */
export const RENDERER_BUILD_ARGS = [
  'build',
  '--config',
  'electron.vite.config.ts',
  '--mode',
  'renderer-only',
  '--logLevel',
  'error',
];

/** What the console's build reads: the renderer, the shared contract, the build's configuration, packages. */
export const RENDERER_SOURCES = [
  'src/renderer',
  'src/shared',
  'electron.vite.config.ts',
  'tsconfig.web.json',
  'package.json',
  'package-lock.json',
];

const STACK_FRAME = /^\s*at\s|^\s*\^|^\s*$|^node:internal/;
const PROBLEM = /error|fail|cannot|could not|not found|denied|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN/i;

/**
 * A failed step's output as one short clause: its first line that names a problem (else its last line),
 * without stack frames, whitespace collapsed, at most `max` characters.
 */
export function oneLine(output, max = 140) {
  const lines = String(output)
    .split(/\r?\n/)
    .filter((line) => !STACK_FRAME.test(line))
    .map((line) => line.replace(/\s+/g, ' ').trim());
  const line = lines.find((candidate) => PROBLEM.test(candidate)) ?? lines.at(-1) ?? 'no output';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The one line `npm start` prints when it opens the console instead of the desktop app. */
export function fallbackLine(reason) {
  return `Desktop app not opened: ${reason}. Starting the console in the browser instead.`;
}
