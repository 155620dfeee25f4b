/**
 * The console at an operator's desk: a header that reads in one line on a 1280 px laptop, lists that the
 * keyboard reaches and opens, numbers and words that read right (phones grouped, one time format, rupees,
 * "1 order"), refusals in the desk's words, the bundled Devanagari and Latin faces, and text that meets WCAG
 * AA contrast everywhere it is drawn.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './console-test';
import {
  fontFamilyOf,
  HEADER_LAYOUT,
  LOADED_FONTS,
  lowContrast,
  tabUntilFocused,
  textContrast,
  type TextContrast,
} from './page-checks';
import { ORDERS_CSV, OUTCOMES, serve, type Served } from './serve';

const SAMPLE = readFileSync('resources/samples/ofd-panel-24-nov.csv');
const LAPTOP = { width: 1280, height: 720 };

let host: Served | undefined;
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host?.stop();
  host = undefined;
});

async function importCsv(served: Served, csv: Buffer | string): Promise<void> {
  await served.api('importCsv', {
    fileName: 'orders.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  });
}

/** The five test orders at 10:30, after a run-now session has called the three callable ones. */
async function serveAfterASession(): Promise<Served> {
  const served = await serve({ clockStart: '2026-11-24T10:30', callSeconds: 2, outcomes: OUTCOMES });
  await importCsv(served, ORDERS_CSV);
  await served.api('runNow');
  await expect
    .poll(async () => (await served.api<{ session: unknown }>('status')).session, { timeout: 30_000 })
    .toBeNull();
  return served;
}

async function headerLayout(page: Page): Promise<{ height: number; wrapped: string[] }> {
  return (await page.evaluate(HEADER_LAYOUT)) as { height: number; wrapped: string[] };
}

test('the header reads in one line at 1280 px, running and outside working hours', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await page.goto(host.url);
  await expect(page.getByTestId('next-session')).toContainText('in');
  const running = await headerLayout(page);
  expect(running.wrapped).toEqual([]);
  expect(running.height).toBeLessThanOrEqual(72);
  await host.stop();

  // Outside working hours the run-now reason appears beside the button; the header keeps its height.
  host = await serve({ clockStart: '2026-11-24T18:30' });
  await page.goto(host.url);
  await expect(page.getByTestId('run-now-reason')).toContainText('outside working hours');
  const closed = await headerLayout(page);
  expect(closed.wrapped).toEqual([]);
  expect(closed.height).toBe(running.height);
  const reasonBox = (await page.getByTestId('run-now-reason').boundingBox())!;
  const headerBox = (await page.locator('.app-header').boundingBox())!;
  expect(reasonBox.y + reasonBox.height).toBeLessThanOrEqual(headerBox.y + headerBox.height);
});

test('every list row is reached and opened from the keyboard; / goes to the search box', async ({ page }) => {
  host = await serveAfterASession();

  // Orders: `/` puts the cursor in the search box; Tab leaves it and reaches the list; arrows move; Enter opens.
  await page.goto(`${host.url}#orders`);
  await expect(page.getByTestId('orders-row')).toHaveCount(5);
  await page.locator('body').press('/');
  await expect(page.getByTestId('orders-search')).toBeFocused();
  await tabUntilFocused(page, '[data-testid="orders-row"]');
  await expect(page.getByTestId('orders-row').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('orders-row').nth(2)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('AWB2000003');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('order-detail')).toHaveCount(0);
  // The focus comes back to the row it left.
  await expect(page.getByTestId('orders-row').nth(2)).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('orders-row').last()).toBeFocused();

  // History: the newest call first; Enter opens the call with its transcript.
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(3);
  await page.locator('body').press('/');
  await expect(page.getByTestId('history-search')).toBeFocused();
  await tabUntilFocused(page, '[data-testid="history-row"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-detail')).toBeVisible();
  await page.keyboard.press('Escape');

  // Queue: a cooling order opens its order drawer.
  await page.getByTestId('tab-queue').click();
  await page.getByTestId('queue-tab-cooling').click();
  await expect(page.getByTestId('queue-cooling-row')).toHaveCount(1);
  await page.locator('body').press('/');
  await expect(page.getByTestId('queue-search')).toBeFocused();
  await tabUntilFocused(page, '[data-testid="queue-cooling-row"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('AWB2000002');
  await page.keyboard.press('Escape');

  // Today: a session's row opens its calls.
  await page.getByTestId('tab-today').click();
  await tabUntilFocused(page, '[data-testid="today-session"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-calls')).toContainText('Raj Kumar');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('today-session')).toBeFocused();
});

test('phones, times, money and counts read the desk’s way', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await importCsv(
    host,
    ['AWB,Customer Name,Phone,Status,COD Amount', 'AWB3000001,राजेश कुमार,9199921041,OFD,"1,25,000"', ''].join(
      '\n',
    ),
  );
  await page.goto(`${host.url}#orders`);
  // One order, one number: the words agree with the count.
  await expect(page.getByTestId('orders-count')).toHaveText('1 order');
  await expect(page.getByTestId('orders')).toContainText('+91 91999 21041');
  await expect(page.getByTestId('orders')).not.toContainText('+919199921041');
  await page.getByTestId('orders-row').click();
  // Cash on delivery in rupees with Indian grouping.
  await expect(page.getByTestId('order-detail')).toContainText('₹1,25,000');
  await expect(page.getByTestId('order-detail')).toContainText('+91 91999 21041');
  await page.keyboard.press('Escape');

  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('queue-plan')).toHaveText('Run now would call 1 number (1 new, 0 retries)');
  await expect(page.getByTestId('queue-calls')).toContainText('+91 91999 21041');

  // en-IN is a 12-hour locale: every time on screen says am or pm, none is left in 24-hour HH:MM.
  await page.getByTestId('tab-today').click();
  await expect(page.getByTestId('today-table')).toContainText('11:00 am');
  await expect(page.getByTestId('today-table')).toContainText('1:00 pm');
  await expect(page.locator('.app-header')).toContainText('Working hours 10:00 am–5:00 pm', {
    ignoreCase: true,
  });
  for (const part of ['.app-header', '[data-testid="today-table"]']) {
    const text = (await page.locator(part).innerText()).toLowerCase();
    expect(
      text.match(/\b\d{1,2}:\d\d(?::\d\d)?(?![\d:])(?! ?[ap]m)/g),
      `24-hour times in ${part}`,
    ).toBeNull();
  }
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('rules-in-words')).toContainText('10:00 am, 11:00 am, 12:00 pm, 1:00 pm');
  await expect(page.getByTestId('rules-in-words')).toContainText('at most 3 times');
});

test('a refused setting is explained in the desk’s words', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await page.goto(`${host.url}#settings`);
  const cooldown = page.getByTestId('setting-cooldownMinutes');
  await cooldown.fill('-5');
  await page.getByTestId('settings-save').click();
  const refusal = page.locator('.field-error');
  await expect(refusal).toContainText('Cooldown must be a whole number of minutes between 0 and 1440');
  await expect(refusal).not.toContainText('Too small');
  // The keyboard is taken to the refused field.
  await expect(cooldown).toBeFocused();

  // The desk itself says the same for a value the page does not check first (sent straight to its API).
  const reply = await fetch(`${host.origin}/api/saveSettings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ calling: { concurrency: 500 } }),
  });
  expect(await reply.json()).toMatchObject({
    error: {
      field: 'calling.concurrency',
      message: 'calling.concurrency: Calls at once must be a whole number between 1 and 100',
    },
  });
});

test('the bundled Noto Sans and Noto Sans Devanagari faces are loaded for Hindi names', async ({ page }) => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await importCsv(host, SAMPLE);
  await page.goto(`${host.url}#orders`);
  await expect(page.getByTestId('orders')).toContainText('सुनीता शर्मा');
  const faces = (await page.evaluate(LOADED_FONTS)) as { family: string; status: string }[];
  const loaded = faces.filter((face) => face.status === 'loaded').map((face) => face.family);
  expect(loaded).toContain('Noto Sans Devanagari Variable');
  expect(loaded).toContain('Noto Sans Variable');
  // A customer's cell (the second) is set in the bundled faces, Latin first and Devanagari for Hindi.
  const family = (await page.evaluate(
    fontFamilyOf('[data-testid="orders-row"] [role="cell"]:nth-child(2)'),
  )) as string;
  expect(family).toMatch(/^"?Noto Sans Variable"?, "?Noto Sans Devanagari Variable"?/);
});

test('text meets WCAG AA contrast in every view, muted text included', async ({ page }) => {
  host = await serveAfterASession();
  await page.goto(host.url);

  // The muted class itself, measured from its computed colours wherever it is drawn (it was 3.0:1).
  await expect(page.locator('.main .muted').first()).toBeVisible();
  const muted = (await page.evaluate(textContrast('.muted'))) as TextContrast[];
  expect(muted.length).toBeGreaterThan(0);
  expect(muted.filter((text) => text.ratio < 4.5)).toEqual([]);

  const views: [string, string?][] = [
    ['today'],
    ['live'],
    ['queue'],
    ['queue', 'queue-tab-cooling'],
    ['queue', 'queue-tab-excluded'],
    ['orders'],
    ['history'],
    ['settings'],
  ];
  for (const [view, part] of views) {
    await page.getByTestId(`tab-${view}`).click();
    if (part) await page.getByTestId(part).click();
    await page.waitForTimeout(300);
    const failures = await lowContrast(page, '#root');
    expect(failures, `low-contrast text in ${view}${part ? ` (${part})` : ''}`).toEqual([]);
  }

  // A drawer's text too.
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('orders-row').filter({ hasText: 'AWB2000002' }).click();
  await expect(page.getByTestId('order-detail')).toContainText('Busy');
  expect(await lowContrast(page, '[role="dialog"]')).toEqual([]);
});
