/**
 * The console in the states screens.spec.ts does not reach, at 1280×720 and 1440×900, for a person to look
 * at (tests/e2e/screenshots/state-*.png): the morning before the first session with a CSV whose rows have
 * errors; a sandbox day whose customers answer every way (live board while it dials, History's call drawer
 * with the answer, Needs action with its drawer and filter, Report); and a live desk whose VAPI answers 429
 * (the pause line), with the header while the desk is Live — incomplete. The checks are only that each
 * state shows; the behaviour of each view is pinned in its own spec.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FakeOutcome } from '../../src/dev/fake-vapi/outcomes';
import { startFakeVapi, type FakeVapi } from '../../src/dev/fake-vapi/server';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { parseClockStart } from '../../src/main/host/cli-options';
import { expect, test } from './console-test';
import { lowContrast } from './page-checks';
import { SCREENSHOTS, serve, type Served } from './serve';

const SAMPLE = readFileSync('resources/samples/ofd-panel-24-nov.csv');
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const VAPI_KEY = 'sk-e2e-states-4411';

/** The sample's customers answering every way the desk knows. */
const ANSWERS: Record<string, FakeOutcome[]> = {
  '9876501101': ['confirmed'],
  '9876501102': ['reschedule:2026-11-26'],
  '9876501103': ['callback:16:30'],
  '9876501104': ['address-change'],
  '9876501105': ['cancel'],
  '9876501106': ['wrong-number'],
  '9876501107': ['misdialled'],
  '9876501108': ['unclear'],
  '9876501109': ['busy'],
  '9876501110': ['voicemail'],
  '9876501111': ['no-answer'],
  '9876501112': ['failed'],
};

let host: Served | undefined;
let fake: FakeVapi | undefined;
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host?.stop();
  await fake?.close();
  host = undefined;
  fake = undefined;
});

/** Saves the state at both sizes; every text in it (drawers included) must meet WCAG AA contrast. */
async function shoot(page: Page, name: string): Promise<void> {
  expect.soft(await lowContrast(page, 'body'), `low-contrast text in ${name}`).toEqual([]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/state-${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize(SIZES[0]!);
}

/** Opens the row of `list` naming `who`, waits for `shown` in its drawer, saves it as `name` and closes it. */
async function shootDrawer(
  page: Page,
  list: string,
  who: string,
  shown: string,
  name: string,
): Promise<void> {
  await page.getByTestId(list).filter({ hasText: who }).click();
  await expect(page.getByTestId(shown)).toBeVisible();
  await shoot(page, name);
  await page.keyboard.press('Escape');
}

const CSV_WITH_ERRORS = [
  'AWB,Customer Name,Phone,Status,Address,Pincode,COD Amount',
  'AWB3000001,Raj Kumar,9876500001,Out For Delivery,"12 MG Road, Delhi",110002,370',
  ',Priya Sharma,9876500002,Undelivered,"4 Park Street, Kolkata",700016,1250',
  'AWB3000003,Amit Verma,98765,OFD,"22 FC Road, Pune",411004,abc',
  'AWB3000004,सुनीता देवी,9876500004,Out For Delivery,"8 Anna Salai, Chennai",6000,499',
  'AWB3000001,Raj Kumar,9876500001,Out For Delivery,"12 MG Road, Delhi",110002,370',
  '',
].join('\n');

test('the morning: Today before 10:00, an import preview with errors', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T09:40' });
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#today`);
  await expect(page.getByTestId('next-session')).toBeVisible();
  // No orders: Today says what to do first, not four sessions that "will call no one" and nothing else.
  await expect(page.getByTestId('today-no-orders')).toContainText('Nobody to call yet');
  await shoot(page, 'today-empty-morning');
  for (const view of ['queue', 'orders', 'history', 'actions', 'report'] as const) {
    await page.getByTestId(`tab-${view}`).click();
    await shoot(page, `${view}-empty`);
  }

  await page.getByTestId('tab-orders').click();
  await page.getByTestId('csv-input').setInputFiles({
    name: 'ofd-with-errors.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV_WITH_ERRORS),
  });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  // The button counts the rows it will import (not the 5 read: 2 have problems, 1 is replaced by a later
  // row), and stays in view at 1280×720 below the mapping and the problems.
  await expect(page.getByTestId('import-confirm')).toHaveText('Import 2 rows');
  await expect(page.getByTestId('import-left-out')).toHaveText('2 with problems and 1 replaced are left out');
  await expect(page.getByTestId('import-confirm')).toBeInViewport();
  await shoot(page, 'import-preview-errors');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await shoot(page, 'import-result-errors');
  await page.getByRole('button', { name: 'Done' }).click();

  await host.api('importCsv', { fileName: 'sample.csv', contentBase64: SAMPLE.toString('base64') });
  await page.getByTestId('tab-today').click();
  await expect(page.getByTestId('today-ahead').first()).toContainText('up to 26 numbers');
  await expect(page.getByTestId('today-no-orders')).toHaveCount(0);
  await shoot(page, 'today-morning');
  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('queue-plan')).toBeVisible();
  await shoot(page, 'queue-morning');
});

test('a day of answers: live board, History drawer, Needs action, Report', async ({ page }) => {
  test.setTimeout(240_000);
  host = await serve({ clockStart: '2026-11-24T10:30', callSeconds: 8, outcomes: ANSWERS });
  await host.api('importCsv', { fileName: 'sample.csv', contentBase64: SAMPLE.toString('base64') });
  await host.api('saveSettings', { calling: { concurrency: 5 } });
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#live`);
  await page.getByTestId('run-now').click();
  await expect(page.getByTestId('just-ended').locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
  // Just ended names the answer in the same badge as History ("Answered · Reschedule"), not "Answered, not
  // confirmed" beside a second word for it.
  await expect(page.getByTestId('just-ended')).toContainText('Answered · Reschedule', { timeout: 30_000 });
  await expect(page.getByTestId('just-ended')).not.toContainText('not confirmed');
  await shoot(page, 'live-running');
  await page.getByTestId('tab-today').click();
  await shoot(page, 'today-running');
  await page.getByTestId('tab-queue').click();
  await shoot(page, 'queue-running');
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('live-idle')).toBeVisible({ timeout: 150_000 });
  await shoot(page, 'live-after');

  await page.getByTestId('tab-today').click();
  // Cost in rupees at the desk's rate with VAPI's dollars beside it, as the Report shows it.
  await expect(page.getByTestId('today-totals')).toContainText(/₹[\d,.]+ \$\d+\.\d\d/);
  // One session: the day's total cost is that session's, to the paisa.
  const sessionCost = await page.getByTestId('today-session').locator('td').last().textContent();
  expect(sessionCost).toMatch(/^₹/);
  await expect(page.getByTestId('today-table').locator('tfoot td').last()).toHaveText(sessionCost!);
  await expect(page.getByTestId('today-totals')).toContainText(sessionCost!);
  await shoot(page, 'today-after');

  await page.getByTestId('tab-history').click();
  await shootDrawer(page, 'history-row', 'Rajesh Kumar', 'transcript', 'history-confirmed');
  // The call's drawer says what the customer said: the answer and the day asked for, not only the transcript.
  await page.getByTestId('history-row').filter({ hasText: 'सुनीता शर्मा' }).click();
  await expect(page.getByTestId('customer-answer')).toContainText('Reschedule');
  await expect(page.getByTestId('customer-answer')).toContainText('Thu, 26 Nov');
  await shoot(page, 'history-reschedule');
  await page.keyboard.press('Escape');

  await page.getByTestId('tab-actions').click();
  await expect(page.getByTestId('actions-row').first()).toBeVisible();
  // A CSV desk cannot send to the courier: no column of "Not sent", no Send button that can only fail.
  await expect(page.getByTestId('actions-row').first()).not.toContainText('Not sent');
  await expect(page.getByTestId('actions-auto')).toHaveCount(0);
  await shoot(page, 'actions');
  await page.getByTestId('actions-row').filter({ hasText: 'सुनीता शर्मा' }).click();
  await expect(page.getByTestId('action-detail')).toBeVisible();
  await expect(page.getByTestId('action-courier-csv')).toContainText('Export CSV');
  await expect(page.getByTestId('action-send')).toHaveCount(0);
  await shoot(page, 'action-drawer');
  await page.keyboard.press('Escape');
  await shootDrawer(page, 'actions-row', 'Mohammed Arif', 'action-detail', 'action-drawer-address');
  await page.getByTestId('actions-kind').selectOption({ index: 1 });
  await shoot(page, 'actions-filtered');

  await page.getByTestId('tab-report').click();
  await expect(page.getByTestId('report-session').first()).toBeVisible();
  await shoot(page, 'report');
  await page.locator('.main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
  await shoot(page, 'report-bottom');
  await page.getByTestId('report-previous').click();
  await expect(page.getByTestId('report-empty')).toBeVisible();
  // A day without calls has nothing to export.
  await expect(page.getByTestId('report-export')).toBeDisabled();
  await shoot(page, 'report-empty-day');

  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('rules-in-words')).toBeVisible();
  await shoot(page, 'settings-sandbox');
});

test('live mode: Live — incomplete, then VAPI answers 429 and the live board shows the pause', async ({
  page,
}) => {
  test.setTimeout(180_000);
  fake = await startFakeVapi({
    clock: offsetClock(parseClockStart('2026-11-24T10:30', 'Asia/Kolkata')),
    apiKey: VAPI_KEY,
    callSeconds: 20,
    outcomes: ANSWERS,
  });
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await host.api('importCsv', { fileName: 'sample.csv', contentBase64: SAMPLE.toString('base64') });
  await host.api('saveSettings', {
    vapi: { baseUrl: fake.url, apiKey: VAPI_KEY, phoneNumberId: 'pn-desk' },
    calling: { concurrency: 4 },
  });
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#today`);
  await expect(page.getByTestId('mode-badge')).toContainText('Live — incomplete');
  // The sessions ahead will phone nobody until Check VAPI passes: Today says so above them.
  await expect(page.getByTestId('today-live-incomplete')).toContainText('phone nobody until VAPI is checked');
  await shoot(page, 'today-live-incomplete');
  await page.getByTestId('tab-settings').click();
  await shoot(page, 'settings-live-incomplete');
  await page.getByTestId('check-vapi').click();
  await expect(page.getByTestId('vapi-check-result')).toContainText('VAPI is ready');
  // The answer is brought into view at 1280×720, its last line not left under the Save bar.
  await expect(page.getByTestId('vapi-check-concurrency')).toBeInViewport({ ratio: 1 });
  // The phone number VAPI calls from, grouped like every other phone on the console.
  await expect(page.getByTestId('vapi-check-phoneNumber')).toContainText('+1 415 555 0100');
  await shoot(page, 'settings-checked');

  fake.addFault({ endpoint: 'createCall', status: 429, times: 6, retryAfterSeconds: 20 });
  await page.getByTestId('tab-live').click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('run-now').click();
  // A pause of seconds says its end to the second ("resuming at 10:30:31 am"), not "at 10:30 am" at 10:30:11.
  await expect(page.getByTestId('pause-line')).toContainText(/resuming at \d{1,2}:\d\d:\d\d/, {
    timeout: 30_000,
  });
  await shoot(page, 'live-paused');
  await page.getByTestId('tab-today').click();
  // No call has ended yet: the total's rate is a dash, not "— success".
  await expect(page.getByTestId('today-table').locator('tfoot')).not.toContainText('— success');
  await shoot(page, 'today-paused');
});
