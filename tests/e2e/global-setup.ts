/**
 * Builds the console once for the whole browser suite, the same way `npm run serve` does, so every test's
 * host serves the code under test and not a stale build.
 */
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  execFileSync(
    process.execPath,
    [
      'node_modules/electron-vite/bin/electron-vite.js',
      'build',
      '--config',
      'electron.vite.config.ts',
      '--mode',
      'renderer-only',
      '--logLevel',
      'error',
    ],
    { stdio: 'inherit' },
  );
}
