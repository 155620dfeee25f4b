/**
 * The desk's controls: stopping and starting the scheduler, changing a setting (and being told which field
 * is wrong), and run-now refused with its reason outside working hours.
 */
import { expect, test } from './console-test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SCREENSHOTS, serve, type Served } from './serve';

let host: Served | null = null;
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host?.stop();
  host = null;
});

test('stops and starts the scheduler', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await page.goto(host.url);
  const state = page.getByTestId('scheduler-state');
  await expect(state).toContainText('Running');
  await expect(page.getByTestId('next-session')).toContainText('11:00');
  await expect(page.getByTestId('next-session').getByTestId('countdown')).toHaveText(/^2\dm \d\ds$/);
  await page.screenshot({ path: `${SCREENSHOTS}/header-running.png` });

  await page.getByTestId('toggle-scheduler').click();
  await expect(state).toContainText('Stopped');
  await expect(page.getByTestId('next-session')).toHaveCount(0);
  await expect(page.getByTestId('today-not-running')).toContainText('11:00 am, 12:00 pm, 1:00 pm');
  await page.screenshot({ path: `${SCREENSHOTS}/header-stopped.png` });
  // Stopping is remembered by the desk, not just the page.
  await page.reload();
  await expect(state).toContainText('Stopped');

  await page.getByTestId('toggle-scheduler').click();
  await expect(state).toContainText('Running');
  await expect(page.getByTestId('next-session')).toContainText('11:00');

  // A console that loses its desk says so instead of showing stale figures as if live.
  await host.stop();
  host = null;
  await expect(page.getByTestId('connection-lost')).toBeVisible();
  await expect(page.getByText('Offline', { exact: true })).toBeVisible();
});

test('changes a setting, and an invalid value is refused with the field named', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await page.goto(`${host.url}#settings`);
  const cooldown = page.getByTestId('setting-cooldownMinutes');
  await expect(cooldown).toHaveValue('120');
  await expect(page.getByTestId('setting-apiKey')).toHaveAttribute('type', 'password');

  await cooldown.fill('-5');
  await page.getByTestId('settings-save').click();
  // The refusal sits on the field it is about, and names the setting.
  await expect(page.locator('.field-error')).toHaveCount(1);
  await expect(page.locator('.field-error')).toContainText('Cooldown (minutes)');
  await expect(page.locator('.field-error')).toContainText(
    'Cooldown must be a whole number of minutes between 0 and 1440',
  );
  await expect(cooldown).toHaveAttribute('aria-invalid', 'true');
  await expect(cooldown).toHaveAttribute('data-refused-field', 'calling.cooldownMinutes');
  await page.screenshot({ path: `${SCREENSHOTS}/settings-refused.png` });

  // Checked by the desk itself, not only by the page: an unknown time zone.
  await cooldown.fill('90');
  await page.getByTestId('setting-timezone').fill('Mars/Olympus_Mons');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('.field-error')).toContainText('Time zone');
  await expect(page.getByTestId('setting-timezone')).toHaveAttribute(
    'data-refused-field',
    'calling.timezone',
  );

  await page.getByTestId('setting-timezone').fill('Asia/Kolkata');
  await page.getByTestId('setting-slots').fill('10:00, 11:00, 12:00, 13:00, 15:00');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Settings saved' })).toBeVisible();
  await expect(page.locator('.field-error')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('setting-cooldownMinutes')).toHaveValue('90');
  await expect(page.getByTestId('rules-in-words')).toContainText('Wait 90 min before calling a phone again');
  await expect(page.getByTestId('setting-slots')).toHaveValue('10:00, 11:00, 12:00, 13:00, 15:00');
  await expect(page.locator('[title^="Session slots"]')).toHaveAttribute('title', /1:00 pm, 3:00 pm/);
  await page.screenshot({ path: `${SCREENSHOTS}/settings.png` });
});

test('takes a VAPI key write-only: shown masked, switching the desk to live and back', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await page.goto(`${host.url}#settings`);
  await expect(page.getByText('Sandbox', { exact: true })).toBeVisible();
  const key = page.getByTestId('setting-apiKey');
  await key.fill('sk-live-0000-1111-abcd');
  await page.getByTestId('setting-assistantId').fill('asst_123');
  await page.getByTestId('setting-phoneNumberId').fill('pn_456');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Settings saved' })).toBeVisible();

  // The key never comes back to the page: only that one is set, and its last characters.
  await expect(key).toHaveValue('');
  await expect(key).toHaveAttribute('placeholder', /abcd$/);
  await expect(page.getByText('A key is saved (…abcd)')).toBeVisible();
  // Live, but it phones nobody before Check VAPI has passed (issue 10).
  await expect(page.getByTestId('mode-badge')).toHaveText('Live — incomplete');
  const settings = await host.api<{ vapi: Record<string, unknown> }>('settings');
  expect(JSON.stringify(settings)).not.toContain('sk-live-0000-1111-abcd');
  await page.screenshot({ path: `${SCREENSHOTS}/settings-live-key.png` });

  await page.getByRole('button', { name: 'Remove key' }).click();
  await expect(page.getByText('Sandbox', { exact: true })).toBeVisible();
  await expect(page.getByText('No key: sandbox mode')).toBeVisible();
});

test('refuses run now outside working hours and says why', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T18:30' });
  await page.goto(host.url);
  await expect(page.getByTestId('working-hours')).toHaveText('Outside working hours');
  await expect(page.getByTestId('run-now')).toBeDisabled();
  await expect(page.getByTestId('run-now-reason')).toContainText('outside working hours');
  // The next session is tomorrow's first slot.
  await expect(page.getByTestId('next-session')).toContainText('10:00');
  await page.screenshot({ path: `${SCREENSHOTS}/header-outside-hours.png` });

  // The desk refuses it too, whatever a page sends.
  const refused = await host.api<{ started: boolean; reason?: string }>('runNow');
  expect(refused).toEqual({ started: false, reason: expect.stringContaining('outside working hours') });
});

test('syncs the order source now and shows how the last sync went', async ({ page }) => {
  // A stand-in for the courier panel's JSON API: two orders, whatever the date range.
  const source = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify([
        { awb: 'AWB8000001', customer: 'Meera Iyer', phone: '9876580001', status: 'Out For Delivery' },
        { awb: 'AWB8000002', customer: 'Arjun Nair', phone: '9876580002', status: 'Undelivered' },
      ]),
    );
  });
  await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
  const sourceUrl = `http://127.0.0.1:${(source.address() as AddressInfo).port}/orders`;
  try {
    host = await serve({ clockStart: '2026-11-24T10:30' });
    await page.goto(`${host.url}#orders`);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-status')).toContainText('No order source set');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('setting-sourceKind').selectOption('generic-json');
    await page.getByTestId('setting-sourceBaseUrl').fill(sourceUrl);
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('notice').filter({ hasText: 'Settings saved' })).toBeVisible();

    await page.getByTestId('tab-orders').click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-status')).toContainText('2 fetched, 2 added');
    await expect(page.getByTestId('orders-row')).toHaveCount(2);
    await expect(page.getByTestId('orders')).toContainText('Meera Iyer');
    await page.screenshot({ path: `${SCREENSHOTS}/orders-synced.png` });
  } finally {
    source.close();
  }
});
