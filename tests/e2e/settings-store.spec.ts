/**
 * The settings of the store and the secrets, in the console: how many backups are kept (saved, and refused
 * with the field named), and the VAPI key removed when its address changed, with the reason shown.
 */
import { expect, test } from './console-test';
import { SCREENSHOTS, serve, type Served } from './serve';

let host: Served | null = null;
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host?.stop();
  host = null;
});

test('sets how many backups are kept, refusing zero on its own field', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await page.goto(`${host.url}#settings`);
  const keep = page.getByTestId('setting-backupsKeep');
  await expect(keep).toHaveValue('7');

  await keep.fill('0');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('.field-error')).toContainText('Backups kept');
  await expect(keep).toHaveAttribute('data-refused-field', 'backups.keep');

  await keep.fill('14');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Settings saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('setting-backupsKeep')).toHaveValue('14');
  expect((await host.api<{ backups: { keep: number } }>('settings')).backups).toEqual({ keep: 14 });
});

test('says the VAPI key must be entered again after its address changed', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await host.api('saveSettings', { vapi: { apiKey: 'sk-live-0000-1111-abcd' } });
  await host.api('saveSettings', { vapi: { baseUrl: 'https://vapi.example.net' } });
  await page.goto(`${host.url}#settings`);
  await expect(
    page.getByText(
      'The VAPI key was removed because the API address changed to https://vapi.example.net: enter the key again',
    ),
  ).toBeVisible();
  await expect(page.getByText('Sandbox', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/settings-key-removed.png` });
});
