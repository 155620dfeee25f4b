// Playwright for the console in a browser: Debian's Chromium against the headless host (`npm run serve`'s
// CLI) with the sandbox's fake VAPI. The global setup builds the console once; each test starts its own host
// with a fresh data folder and its own clock. The desktop app's tests are in playwright.electron.config.ts.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './tests/e2e/chromium';

// The hosts the tests start keep their secrets key in a file in their data folder, never in the OS keyring.
process.env.ACS_SECRET_KEY ??= 'file';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'en-IN',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
});
