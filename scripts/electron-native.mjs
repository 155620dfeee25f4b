// Builds (or downloads) better-sqlite3's native addon for Electron's ABI into native/electron/, leaving
// node_modules/better-sqlite3/build alone: that one stays built for Node and is what `npm test` loads. The app
// loads native/electron/better_sqlite3.node through better-sqlite3's `nativeBinding` option
// (src/main/shell/native-binding.ts), so running the desktop app never breaks the tests, and the reverse.
//
// Needs the internet (a prebuilt binary from GitHub, or Electron's headers to compile), so only `npm start`,
// `npm run dev` and `npm run dist` run it — never the tests or CI. Up-to-date builds are reused.
//
//   node scripts/electron-native.mjs [--platform=linux|win32] [--arch=x64|arm64] [--force | --check]
//
// --check builds nothing: it exits 0 when the build on disk is current and 3 when it would have to be made
// (scripts/start.mjs asks first, so it can say that this will take a while).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonMatchesAbi, envForElectronBuild, isUpToDate } from './electron-native-lib.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'native', 'electron');
const ADDON = join(OUT_DIR, 'better_sqlite3.node');
const STAMP = join(OUT_DIR, 'build-info.json');
const WORK = join(OUT_DIR, '.work', 'better-sqlite3');
const DOWNLOAD_TIMEOUT_MS = 3 * 60_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;

function option(name, fallback) {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const electronPackage = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
const sqlitePackageFile = require.resolve('better-sqlite3/package.json');
const sqliteDir = dirname(sqlitePackageFile);
const sqlitePackage = JSON.parse(readFileSync(sqlitePackageFile, 'utf8'));
const electronAbi = readFileSync(
  join(dirname(require.resolve('electron/package.json')), 'abi_version'),
  'utf8',
).trim();

const wanted = {
  electron: electronPackage.version,
  abi: electronAbi,
  betterSqlite3: sqlitePackage.version,
  platform: option('platform', process.platform),
  arch: option('arch', process.arch),
};
const label = `better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch})`;

function upToDate() {
  if (process.argv.includes('--force') || !existsSync(ADDON) || !existsSync(STAMP)) return false;
  try {
    return isUpToDate(JSON.parse(readFileSync(STAMP, 'utf8')), wanted);
  } catch {
    return false;
  }
}

function builtForAbi(file) {
  // Only checked for this machine's own platform: a cross-downloaded Windows DLL is trusted to its name.
  return wanted.platform !== process.platform || addonMatchesAbi(readFileSync(file), wanted.abi);
}

function run(command, args, timeout) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: WORK,
    env: envForElectronBuild(process.env),
    stdio: 'inherit',
    timeout,
  });
  if (result.error) return `${result.error.message}`;
  if (result.signal) return `stopped after ${Math.round(timeout / 1000)} s (${result.signal})`;
  return result.status === 0 ? null : `exit code ${result.status}`;
}

function prepareWorkCopy() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'lib', 'src', 'deps']) {
    cpSync(join(sqliteDir, entry), join(WORK, entry), { recursive: true });
  }
}

function tryPrebuilt() {
  const bin = require.resolve('prebuild-install/bin.js');
  return run(
    process.execPath,
    [
      bin,
      '--runtime=electron',
      `--target=${wanted.electron}`,
      `--platform=${wanted.platform}`,
      `--arch=${wanted.arch}`,
      '--verbose',
    ],
    DOWNLOAD_TIMEOUT_MS,
  );
}

function tryCompile() {
  if (wanted.platform !== process.platform)
    return `cannot compile for ${wanted.platform} on ${process.platform}`;
  const bin = require.resolve('node-gyp/bin/node-gyp.js');
  return run(
    process.execPath,
    [
      bin,
      'rebuild',
      '--release',
      `--target=${wanted.electron}`,
      `--arch=${wanted.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    BUILD_TIMEOUT_MS,
  );
}

if (upToDate()) {
  console.log(`${label}: up to date (${ADDON})`);
  process.exit(0);
}
if (process.argv.includes('--check')) {
  console.log(`${label}: not built yet`);
  process.exit(3);
}

console.log(`Getting ${label} into native/electron/ ...`);
prepareWorkCopy();
const built = join(WORK, 'build', 'Release', 'better_sqlite3.node');
const problems = [];
for (const [how, attempt] of [
  ['downloading the prebuilt binary', tryPrebuilt],
  ["compiling it against Electron's headers", tryCompile],
]) {
  const problem = attempt();
  if (problem === null && existsSync(built) && builtForAbi(built)) {
    mkdirSync(OUT_DIR, { recursive: true });
    copyFileSync(built, ADDON);
    writeFileSync(STAMP, `${JSON.stringify({ ...wanted, how, at: new Date().toISOString() }, null, 2)}\n`);
    rmSync(join(OUT_DIR, '.work'), { recursive: true, force: true });
    console.log(`${label}: ready (${how}) at ${ADDON}`);
    process.exit(0);
  }
  problems.push(`${how} failed: ${problem ?? `the result is not built for Electron's ABI ${wanted.abi}`}`);
}

rmSync(join(OUT_DIR, '.work'), { recursive: true, force: true });
console.error(
  [
    '',
    `Could not get ${label}.`,
    ...problems.map((problem) => `  - ${problem}`),
    'Both need the internet (github.com for the prebuilt binary, electronjs.org for the headers).',
    'Connect and run the command again. The tests (`npm test`) do not need this: they use the Node build.',
  ].join('\n'),
);
process.exit(1);
