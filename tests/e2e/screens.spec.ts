/**
 * Every view of the console at the two desk sizes that matter (a 1280×720 laptop and a 1440×900 monitor),
 * filled with the shipped sample (24 orders, some with Hindi names) after a real sandbox session, saved as
 * screenshots for a person to look at (tests/e2e/screenshots/, git-ignored). The checks here are only that
 * each view shows its content; the layout rules themselves are pinned in ergonomics.spec.ts.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './console-test';
import { tabUntilFocused } from './page-checks';
import { SCREENSHOTS, serve, type Served } from './serve';

const SAMPLE = readFileSync('resources/samples/ofd-panel-24-nov.csv');
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

let host: Served | undefined;
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host?.stop();
  host = undefined;
});

async function shoot(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
}

test('every view at 1280×720 and 1440×900, with the sample day', async ({ page }) => {
  test.setTimeout(180_000);
  // A busy number, a voicemail and a no-answer, so Today, History and the queue have retries to show.
  host = await serve({
    clockStart: '2026-11-24T10:30',
    callSeconds: 6,
    outcomes: {
      '9876501101': ['answered'],
      '9876501102': ['busy'],
      '9876501103': ['voicemail'],
      '9876501104': ['no-answer'],
    },
  });
  await host.api('importCsv', { fileName: 'sample.csv', contentBase64: SAMPLE.toString('base64') });

  // The live session, while it dials.
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#live`);
  await page.getByTestId('run-now').click();
  await expect(page.getByTestId('in-flight')).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shoot(page, 'live-running', size);
  }
  await expect(page.getByTestId('live-idle')).toBeVisible({ timeout: 90_000 });

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(`${host.url}#today`);
    await expect(page.getByTestId('today-session')).toHaveCount(1);
    await shoot(page, 'today', size);

    await page.getByTestId('tab-live').click();
    await expect(page.getByTestId('last-session')).toBeVisible();
    await shoot(page, 'live-idle', size);

    await page.getByTestId('tab-queue').click();
    await expect(page.getByTestId('queue-plan')).toBeVisible();
    await shoot(page, 'queue-calls', size);
    await page.getByTestId('queue-tab-cooling').click();
    await expect(page.getByTestId('queue-cooling-row').first()).toBeVisible();
    await shoot(page, 'queue-cooling', size);
    await page.getByTestId('queue-tab-excluded').click();
    await expect(page.getByTestId('queue-excluded-row').first()).toBeVisible();
    await shoot(page, 'queue-excluded', size);

    await page.getByTestId('tab-orders').click();
    await expect(page.getByTestId('orders-row')).toHaveCount(24);
    await shoot(page, 'orders', size);
    // Where the keyboard is: '/' to the search box, Tab past the toolbar (sort, sync, import, the state tabs)
    // to the list, two rows down.
    await page.locator('body').press('/');
    await tabUntilFocused(page, '[data-testid="orders-row"]');
    await expect(page.getByTestId('orders-row').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('orders-row').nth(2)).toBeFocused();
    await shoot(page, 'orders-keyboard', size);
    await page.getByTestId('orders-row').filter({ hasText: 'सुनीता शर्मा' }).click();
    await expect(page.getByTestId('order-detail')).toBeVisible();
    await shoot(page, 'order-drawer', size);
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('history-row')).toHaveCount(24);
    await shoot(page, 'history', size);
    await page.getByTestId('history-row').filter({ hasText: 'Rajesh Kumar' }).click();
    await expect(page.getByTestId('transcript')).toBeVisible();
    await shoot(page, 'history-call', size);
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-settings').click();
    await expect(page.getByTestId('rules-in-words')).toBeVisible();
    await shoot(page, 'settings', size);
    await page.getByTestId('setting-concurrency').fill('500');
    await page.getByTestId('settings-save').click();
    await expect(page.locator('.field-error')).toHaveCount(1);
    await page.locator('.settings-fields').evaluate((fields) => fields.scrollTo(0, fields.scrollHeight));
    await shoot(page, 'settings-refused-bottom', size);
  }
});

test('the header outside working hours, at both sizes', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T18:30' });
  await page.goto(host.url);
  await expect(page.getByTestId('run-now-reason')).toContainText('outside working hours');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await shoot(page, 'today-outside-hours', size);
  }
});
