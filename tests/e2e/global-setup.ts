/**
 * Builds the console once for the whole browser suite, the same way `npm start` and `npm run serve` do, so
 * every test's host serves the code under test and not a stale build.
 */
import { execFileSync } from 'node:child_process';
import { RENDERER_BUILD_ARGS } from '../../scripts/start-lib.mjs';

export default function globalSetup(): void {
  execFileSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', ...RENDERER_BUILD_ARGS],
    {
      stdio: 'inherit',
    },
  );
}
