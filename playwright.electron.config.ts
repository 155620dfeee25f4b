// Playwright for the desktop app itself (Playwright's `_electron`): launches the built app with a temporary
// data folder. Runs wherever an Electron binary (and a display) is available; elsewhere the test skips and
// says why. The console's browser tests are in playwright.config.ts.
import { defineConfig } from '@playwright/test';
import { electronAvailability } from './tests/electron/electron-available';

const availability = electronAvailability(__dirname);
// Said plainly before the run: the list reporter shows a skipped test without its reason.
if (!availability.ok) {
  process.stderr.write(
    `Electron binary not available on this machine: ${availability.reason} — the desktop app test is skipped.\n`,
  );
}

export default defineConfig({
  testDir: 'tests/electron',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: 'test-results/electron',
});
