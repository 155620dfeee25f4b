/**
 * Issue 10 in the browser: the console says what comes next and how it is going. After a session, Today
 * forecasts each session still ahead and who will not be called again today and why, and run now is off with
 * the reason when nobody is due; while a session dials, the Queue lists its numbers "in this session" and the
 * live board counts outcomes and lines; a VAPI key leaves the desk "Live — incomplete" until Check VAPI
 * passes (a failing check says what VAPI refused), and run now in live mode asks before phoning anyone.
 * Screenshots of Today, Live and Settings at 1280×720 and 1440×900 go to tests/e2e/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { FAKE_PLACED_PATH } from '../../src/dev/fake-vapi/server';
import { killAllStarted, startTs, waitForOutput } from '../helpers/processes';
import { expect, test } from './console-test';
import { HEADER_LAYOUT } from './page-checks';
import { ORDERS_CSV, SCREENSHOTS, serve, type Served } from './serve';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
/** Raj confirms; Priya is busy and Amit does not answer, every time. */
const OUTCOMES = {
  '9876500001': ['answered'],
  '9876500002': ['busy'],
  '9876500003': ['no-answer'],
};
const VAPI_KEY = 'sk-e2e-foresight-7788';

let host: Served | undefined;
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host?.stop();
  host = undefined;
  await killAllStarted();
});

async function importOrders(served: Served, csv: string | Buffer = ORDERS_CSV): Promise<void> {
  await served.api('importCsv', {
    fileName: 'orders.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

test('after the 12:00 session, Today forecasts the rest of the day and run now says nobody is due', async ({
  page,
}) => {
  host = await serve({ clockStart: '2026-11-24T11:59:45', callSeconds: 2, outcomes: OUTCOMES });
  await importOrders(host);
  await page.goto(`${host.url}#today`);
  // Before: the 12:00 session will call the three new numbers, so 13:00 has nobody left to call.
  const ahead = page.getByTestId('today-ahead');
  await expect(ahead).toHaveCount(2);
  await expect(ahead.nth(0)).toContainText('up to 3 numbers (3 new, 0 retries)');
  await expect(ahead.nth(1)).toContainText('nobody is due then: this session will call no one');
  await expect(page.getByTestId('not-today')).toHaveCount(0);

  // The 12:00 session: Raj confirms, Priya and Amit are not reached.
  await expect(page.getByTestId('today-session').locator('td').nth(6)).toHaveText('2', { timeout: 40_000 });
  await expect(page.getByTestId('today-session')).toContainText('12:00 pm');
  // Their cooldown ends at 14:00, after the last session (13:00): the desk says so, and what to do.
  await expect(ahead).toHaveCount(1);
  await expect(ahead.nth(0)).toContainText('1:00 pm');
  await expect(ahead.nth(0)).toContainText('nobody is due then');
  await expect(page.getByTestId('not-today')).toContainText(
    '2 cool down until 2:00 pm, after the last session: add a 2:00 pm session or run now after 2:00 pm',
    { timeout: 15_000 },
  );
  await page.getByTestId('not-today-group').locator('summary').click();
  await expect(page.getByTestId('not-today-group')).toContainText('AWB2000002, AWB2000003');
  // "Failed" says what becomes of those orders, not "will retry".
  await expect(page.getByTestId('today-failed')).toContainText('orders: 2 not today');
  await expect(page.getByTestId('today-totals')).not.toContainText('will retry');

  // Nobody is due until 14:00: run now is off, with the reason, and the desk refuses it too.
  await expect(page.getByTestId('run-now')).toBeDisabled();
  await expect(page.getByTestId('run-now-reason')).toContainText(
    'nobody is due now (the next is due at 2:00 pm)',
  );
  expect(await host.api<{ started: boolean; reason: string }>('runNow')).toEqual({
    started: false,
    reason: 'nobody is due now (the next is due at 14:00)',
  });
  await shoot(page, 'foresight-today');

  // The Queue's header says the same about the next session and the rest of the day.
  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('queue-plan')).toContainText('The 1:00 pm session will call up to 0 numbers');
  await expect(page.getByTestId('queue-forecast')).toContainText(
    '2 cool down until 2:00 pm, after the last session',
  );
});

test('while a session dials, the Queue marks its numbers "in this session" and the live board counts', async ({
  page,
}) => {
  host = await serve({ clockStart: '2026-11-24T10:30', callSeconds: 10, outcomes: OUTCOMES });
  await importOrders(host);
  await host.api('saveSettings', { calling: { concurrency: 1 } });
  await page.goto(`${host.url}#queue`);
  await expect(page.getByTestId('queue-plan')).toContainText('Run now would call 3 numbers');
  await page.getByTestId('run-now').click();

  // One on the line, two waiting: this session's, not the next session's retries.
  await expect(page.getByTestId('queue-session')).toContainText('1 on a line, 2 waiting', {
    timeout: 15_000,
  });
  const rows = page.getByTestId('queue-calls-row');
  await expect(rows.nth(0)).toContainText('on a line · in this session');
  await expect(rows.nth(1)).toContainText('waiting · in this session');
  await expect(rows.nth(2)).toContainText('waiting · in this session');
  await expect(page.getByTestId('queue-plan')).toContainText(
    'Then the 11:00 am session will call up to 0 numbers',
  );

  // Today counts the call on the line.
  await page.getByTestId('tab-today').click();
  await expect(page.getByTestId('today-in-flight')).toContainText('1 on the line');

  // The live board: outcomes as they come, one line of one in use, the pace once known.
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('lines-in-use')).toContainText('1 of 1 line');
  await expect(page.getByTestId('outcome-confirmed')).toContainText('Confirmed 1', { timeout: 20_000 });
  await expect(page.getByTestId('outcome-busy')).toContainText('Busy 1', { timeout: 20_000 });
  await expect(page.getByTestId('just-ended')).toContainText('Priya Sharma');
  await expect(page.getByTestId('just-ended')).toContainText('Raj Kumar');
  const bar = page.getByTestId('outcome-bar');
  await expect(bar.locator('.outcome-part.outcome-confirmed')).toBeVisible();
  await expect(bar.locator('.outcome-part.outcome-busy')).toBeVisible();
  await expect(bar.locator('.outcome-part.outcome-voicemail')).toHaveCount(0);
  await shoot(page, 'foresight-live');
});

/** A fake VAPI in its own process, at a base URL, as the kill-recovery test runs it. */
async function standaloneFakeVapi(): Promise<string> {
  const fake = startTs('fake VAPI', process.cwd(), 'src/dev/fake-vapi/cli.ts', [
    '--port=0',
    `--api-key=${VAPI_KEY}`,
    '--clock-start=2026-11-24T10:30',
    '--call-seconds=2',
  ]);
  const [, url] = await waitForOutput(fake, /Fake VAPI listening on (\S+)/);
  return url!;
}

async function placedCalls(fakeUrl: string): Promise<unknown[]> {
  const response = await fetch(`${fakeUrl}${FAKE_PLACED_PATH}`, {
    headers: { authorization: `Bearer ${VAPI_KEY}` },
  });
  return (await response.json()) as unknown[];
}

test('a VAPI key leaves the desk Live — incomplete until Check VAPI passes; run now asks first', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const fakeUrl = await standaloneFakeVapi();
  host = await serve({ clockStart: '2026-11-24T10:30', callSeconds: 2 });
  await importOrders(host);
  // The base URL is not on the form (it is rarely changed): set it as an operator's script would.
  await host.api('saveSettings', { vapi: { baseUrl: fakeUrl } });
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#settings`);

  // A wrong key: saved, the desk is Live — incomplete, and the check says VAPI refused it.
  await page.getByTestId('setting-apiKey').fill('sk-wrong-0000');
  await page.getByTestId('setting-phoneNumberId').fill('pn-desk');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('mode-badge')).toHaveText('Live — incomplete');
  await expect(page.getByTestId('live-incomplete')).toContainText(
    'nobody is phoned until the desk has Check VAPI',
  );
  await expect(page.getByTestId('run-now')).toBeDisabled();
  await expect(page.getByTestId('run-now-reason')).toContainText('VAPI is not checked yet');
  // One line at 1280 px, badge and reason included, nothing pushed off the right edge.
  const layout = (await page.evaluate(HEADER_LAYOUT)) as { height: number; wrapped: string[] };
  expect(layout.wrapped).toEqual([]);
  expect(layout.height).toBeLessThanOrEqual(72);
  const badge = (await page.getByTestId('mode-badge').boundingBox())!;
  expect(badge.x + badge.width).toBeLessThanOrEqual(SIZES[0]!.width);

  await page.getByTestId('check-vapi').click();
  await expect(page.getByTestId('vapi-check-result')).toContainText('VAPI is not ready');
  await expect(page.getByTestId('vapi-check-key')).toContainText('VAPI rejected the private key');
  await expect(page.getByTestId('run-now-reason')).toContainText('Check VAPI failed');
  await shoot(page, 'foresight-settings-check-failed');

  // The right key: the old check no longer counts; checked again, the desk is live.
  await page.getByTestId('setting-apiKey').fill(VAPI_KEY);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('vapi-check-result')).toHaveCount(0);
  await page.getByTestId('check-vapi').click();
  await expect(page.getByTestId('vapi-check-result')).toContainText('VAPI is ready');
  await expect(page.getByTestId('vapi-check-assistant')).toContainText('shipped assistant');
  await expect(page.getByTestId('vapi-check-phoneNumber')).toContainText('active');
  await expect(page.getByTestId('mode-badge')).toHaveText('Live');
  await shoot(page, 'foresight-settings-checked');

  // Run now in live mode asks first, with the count; saying no phones nobody.
  await expect(page.getByTestId('run-now')).toBeEnabled();
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByTestId('run-now').click();
  await expect.poll(() => asked).toEqual(['Phone 3 customers now? This is live: VAPI calls them.']);
  expect(await placedCalls(fakeUrl)).toEqual([]);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('run-now').click();
  await expect.poll(async () => (await placedCalls(fakeUrl)).length, { timeout: 20_000 }).toBe(3);
});

test('Create the assistant makes the shipped one in VAPI and uses its id', async ({ page }) => {
  const fakeUrl = await standaloneFakeVapi();
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await host.api('saveSettings', { vapi: { baseUrl: fakeUrl, apiKey: VAPI_KEY, phoneNumberId: 'pn-desk' } });
  await page.goto(`${host.url}#settings`);
  await expect(page.getByTestId('setting-assistantId')).toHaveValue('');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('create-assistant').click();
  await expect(
    page.getByTestId('notice').filter({ hasText: 'Created "Delivery Confirmation' }),
  ).toBeVisible();
  await expect(page.getByTestId('setting-assistantId')).not.toHaveValue('');
  const settings = await host.api<{ vapi: { assistantId: string } }>('settings');
  const response = await fetch(`${fakeUrl}/assistant/${settings.vapi.assistantId}`, {
    headers: { authorization: `Bearer ${VAPI_KEY}` },
  });
  expect(await response.json()).toMatchObject({ name: 'Delivery Confirmation (Hindi/English)' });
});

test('the live board and Today with the sample day, at both sizes', async ({ page }) => {
  test.setTimeout(150_000);
  host = await serve({
    clockStart: '2026-11-24T10:30',
    callSeconds: 8,
    outcomes: {
      '9876501101': ['answered'],
      '9876501102': ['busy'],
      '9876501103': ['voicemail'],
      '9876501104': ['no-answer'],
    },
  });
  await importOrders(host, readFileSync('resources/samples/ofd-panel-24-nov.csv'));
  await host.api('saveSettings', { calling: { concurrency: 4 } });
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#live`);
  await page.getByTestId('run-now').click();
  await expect(page.getByTestId('just-ended').locator('tbody tr')).toHaveCount(4, { timeout: 40_000 });
  await expect(page.getByTestId('calls-per-minute')).not.toContainText('—', { timeout: 30_000 });
  await shoot(page, 'foresight-live-sample');
  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('queue-session')).toBeVisible();
  await shoot(page, 'foresight-queue-sample');
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('live-idle')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('tab-today').click();
  // The three slots still ahead; the sample's unscripted customers answer at random, and one who asks for a
  // callback adds a Callback row of its own.
  await expect(page.getByTestId('today-ahead').filter({ hasText: 'Scheduled' })).toHaveCount(3);
  await shoot(page, 'foresight-today-sample');
});
