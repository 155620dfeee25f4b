/**
 * Playwright's `test`, with a page that fails the test on any script error or console error in the console:
 * a view that throws, or a Content-Security-Policy that blocks something, must not pass unnoticed. Lost
 * connections after a test's host has stopped are expected and ignored.
 */
import { expect, test as base, type Page } from '@playwright/test';

const EXPECTED_AFTER_STOP = /WebSocket connection to|ERR_CONNECTION_REFUSED/;

export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED_AFTER_STOP.test(message.text())) {
        errors.push(`console error: ${message.text()}`);
      }
    });
    await use(page);
    expect(errors, 'errors in the browser console').toEqual([]);
  },
});

export { expect };
