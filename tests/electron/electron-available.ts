// Whether the desktop app can be launched on this machine, found without `require('electron')`: that
// require tries to download the Electron binary when it is missing, which fails (slowly) on machines without
// internet access. Every answer that is not "yes" says why, for the test's skip message.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Availability = { ok: true; executablePath: string } | { ok: false; reason: string };

export function electronAvailability(projectRoot: string): Availability {
  const electronDir = dirname(join(projectRoot, 'node_modules', 'electron', 'package.json'));
  if (!existsSync(electronDir)) return { ok: false, reason: 'the electron package is not installed' };
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { ok: false, reason: `its binary was never downloaded (${pathFile} is missing)` };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const executablePath = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(electronDir, 'dist', relative);
  if (!existsSync(executablePath)) return { ok: false, reason: `${executablePath} does not exist` };
  const version = spawnSync(executablePath, ['--version'], { timeout: 30_000, encoding: 'utf8' });
  if (version.status !== 0) {
    const detail = version.error?.message ?? (version.stderr.trim() || `exit code ${version.status}`);
    return { ok: false, reason: `${executablePath} cannot start: ${detail}` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (run the tests under xvfb-run)' };
  }
  return { ok: true, executablePath };
}
