/**
 * The Report tab from the operator's chair, after a real sandbox session: today's table and totals agree with
 * Today, the chart is drawn, a session opens its calls (by mouse and by keyboard), a past day without calls
 * says so, the rupee rate comes from Settings, and the CSV downloads with the day's rows. Screenshots at
 * 1280×720 and 1440×900 for a person to look at.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './console-test';
import { databasePath } from '../../src/main/data-dir';
import { openStore } from '../../src/main/store';
import { addCall, addOrder, addSession, CONFIRMED } from '../helpers/call-history';
import { lowContrast } from './page-checks';
import { ORDERS_CSV, SCREENSHOTS, serve, type Served } from './serve';

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

/** Raj confirms, Priya is busy, Amit asks for delivery on the 26th. */
async function dayWithASession(): Promise<Served> {
  const served = await serve({
    clockStart: '2026-11-24T10:30',
    callSeconds: 2,
    outcomes: {
      '9876500001': ['answered'],
      '9876500002': ['busy'],
      '9876500003': ['reschedule:2026-11-26'],
    },
  });
  await served.api('importCsv', {
    fileName: 'orders.csv',
    contentBase64: Buffer.from(ORDERS_CSV).toString('base64'),
  });
  await served.api('runNow');
  await expect
    .poll(
      async () => {
        const today = await served.api<{ sessions: { state: string }[]; totals: { failed: number } }>(
          'today',
        );
        return today.sessions[0]?.state === 'completed' && today.totals.failed === 2;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return served;
}

/**
 * Yesterday's history written into the running desk's database, like the seed's day in small: 10:00 with
 * 10 new calls (7 confirmed), 11:00 with 2 new (1), 12:00 with 1 new and 3 retries (3), 13:00 with 1 new and
 * 1 retry (1).
 */
function seedYesterday(served: Served): void {
  const store = openStore(databasePath(served.dataDir));
  const plan: [string, number, number, number, number][] = [
    ['10:00', 10, 0, 7, 0],
    ['11:00', 2, 0, 1, 0],
    ['12:00', 1, 3, 1, 2],
    ['13:00', 1, 1, 0, 1],
  ];
  let n = 0;
  for (const [slot, fresh, retries, freshOk, retryOk] of plan) {
    const session = addSession(store, `2026-11-23T${slot}`);
    const calls = [
      ...Array.from({ length: fresh }, (_, i) => ({ kind: 'new' as const, ok: i < freshOk })),
      ...Array.from({ length: retries }, (_, i) => ({ kind: 'retry' as const, ok: i < retryOk })),
    ];
    for (const call of calls) {
      const awb = `Y${String((n += 1)).padStart(3, '0')}`;
      addOrder(store, awb, 'Delivered');
      addCall(store, session, {
        at: `2026-11-23T${slot}:${String(n % 60).padStart(2, '0')}`,
        awbs: [awb],
        kind: call.kind,
        result: call.ok ? { ...CONFIRMED, talkSeconds: 35 + (n % 20) } : { cost: 0.03 },
      });
    }
  }
  store.close();
}

/** Pixels the chart has drawn on its canvas (an empty canvas has none). */
function drawnPixels(page: Page): Promise<number> {
  return page.getByTestId('report-chart').evaluate((canvas) => {
    const element = canvas as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: number[] };
      };
    };
    const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn += 1;
    return drawn;
  });
}

test('the day’s report agrees with Today, draws its chart, opens sessions and exports the CSV', async ({
  page,
}) => {
  host = await dayWithASession();
  await page.setViewportSize(SIZES[1]!);
  await page.goto(`${host.url}#today`);
  const todayRow = page.getByTestId('today-session');
  await expect(todayRow).toHaveCount(1);
  const todayCells = await todayRow.locator('td').allTextContents();
  const todayTotals = await page.getByTestId('today-totals').textContent();

  await page.getByTestId('tab-report').click();
  await expect(page.getByTestId('report-title')).toHaveText(/^Tue,? 24 Nov,? 2026 · today so far$/);
  const row = page.getByTestId('report-session');
  await expect(row).toHaveCount(1);
  const cells = await row.locator('td').allTextContents();
  // Session, trigger, calls, new, retries, successful and failed: the same figures as Today's row.
  expect([cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]]).toEqual(
    todayCells.slice(0, 7),
  );
  expect(cells.slice(2, 8)).toEqual(['3', '3', '0', '1', '2', '0']);
  const totals = page.getByTestId('report-totals');
  await expect(totals).toContainText('3calls placed');
  await expect(totals).toContainText('33%success rate');
  expect(todayTotals).toContain('33%');
  await expect(totals).toContainText('3.00calls per order confirmed (1 order)');
  await expect(page.getByTestId('report-cost')).toContainText(/^₹[\d,]+(\.\d\d)? \$\d+\.\d\d$/);
  await expect(totals).toContainText('cost at ₹88 per $');
  await expect(totals).toContainText(/\d:\d\daverage talk time, from pick-up/);
  await expect(page.getByTestId('report-outcomes')).toContainText('Answered2');
  await expect(page.getByTestId('report-outcomes')).toContainText('Busy1');
  await expect(page.getByTestId('report-answers')).toContainText('Confirmed1');
  await expect(page.getByTestId('report-answers')).toContainText('Reschedule1');
  await expect(page.getByTestId('report-actions')).toContainText('Reschedule1');

  // The chart is drawn: one session, with pixels on its canvas, described in words for screen readers.
  const chart = page.getByTestId('report-chart');
  await expect(chart).toHaveAttribute('data-sessions', '1');
  await expect(chart).toHaveAttribute('aria-label', /: 3 calls, 1 successful\.$/);
  await expect.poll(() => drawnPixels(page)).toBeGreaterThan(2000);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/report-${size.width}x${size.height}.png` });
  }
  // Muted zeros and labels included, every text meets WCAG AA.
  expect(await lowContrast(page, '.report')).toEqual([]);

  // A session opens its calls: by mouse, then by keyboard (Tab to the row, Enter).
  await row.click();
  await expect(page.getByTestId('session-calls').locator('tbody tr')).toHaveCount(3);
  await page.screenshot({ path: `${SCREENSHOTS}/report-session-calls-1440x900.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('session-calls')).toHaveCount(0);
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-calls')).toBeVisible();
  await page.keyboard.press('Escape');
  await row.getByRole('button', { name: '2' }).click();
  await expect(page.getByTestId('session-calls')).toContainText('Priya Sharma');
  await expect(page.getByTestId('session-calls')).not.toContainText('Raj Kumar');
  await page.keyboard.press('Escape');

  // The CSV: a BOM, the session table with its total, the breakdowns.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe('call-report-2026-11-24.csv');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').replace('\uFEFF', '').split('\r\n');
  expect(lines[0]).toBe('Daily report,2026-11-24,Asia/Kolkata');
  expect(lines[2]).toBe('Session,Trigger,State,Calls,New,Retries,Successful,Failed,Errors,Cost (USD)');
  expect(lines[3]).toMatch(/^10:3\d,Run now,completed,3,3,0,1,2,0,[\d.]+$/);
  expect(lines[4]).toMatch(/^Total,,,3,3,0,1,2,0,[\d.]+$/);
  expect(lines).toContain('Busy,1');
  expect(lines).toContain('Reschedule,1');
  expect(lines).toContain('Success rate,33.3%');
});

test('a past day with no calls says so; the picker, the rupee rate and the keyboard', async ({ page }) => {
  host = await dayWithASession();
  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#report`);
  await expect(page.getByTestId('report-session')).toHaveCount(1);
  await expect(page.getByTestId('report-next')).toBeDisabled();
  await expect(page.getByTestId('report-date')).toHaveAttribute('max', '2026-11-24');

  // Yesterday, written straight into the desk's database: four sessions, the seed's table in small.
  seedYesterday(host);
  await page.getByTestId('report-previous').click();
  await expect(page.getByTestId('report-title')).toHaveText(/^Mon,? 23 Nov,? 2026$/);
  await expect(page.getByTestId('report-session')).toHaveCount(4);
  await expect(page.getByTestId('report-total').locator('td')).toHaveText([
    'Total',
    '',
    '18',
    '14',
    '4',
    '12',
    '6',
    '0',
    /^₹\d/,
  ]);
  await expect(page.getByTestId('report-totals')).toContainText('67%success rate');
  await expect(page.getByTestId('report-totals')).toContainText('1.50calls per order confirmed (12 orders)');
  await expect(page.getByTestId('report-chart')).toHaveAttribute('data-sessions', '4');
  await expect(page.getByTestId('report-next')).toBeEnabled();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/report-past-day-${size.width}x${size.height}.png` });
  }

  await page.getByTestId('report-previous').click();
  await expect(page.getByTestId('report-title')).toHaveText(/^Sun,? 22 Nov,? 2026$/);
  await expect(page.getByTestId('report-empty')).toContainText(/No calls on Sun,? 22 Nov,? 2026\./);
  await expect(page.getByTestId('report-chart')).toHaveCount(0);
  await page.getByTestId('report-date').fill('2026-03-01');
  await expect(page.getByTestId('report-empty')).toContainText(/No calls on Sun,? 1 Mar,? 2026\./);
  await expect(page.getByTestId('report-empty')).toContainText(
    /calls before Thu,? 28 May,? 2026 have been removed/,
  );
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/report-empty-${size.width}x${size.height}.png` });
  }
  expect(await lowContrast(page, '.report')).toEqual([]);

  // Settings → Report and history: the rupee rate the report uses.
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('setting-usdToInr').fill('80');
  await page.getByTestId('setting-usdToInr').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/settings-report-and-history-1440x900.png` });
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Settings saved' })).toBeVisible();
  await page.getByTestId('tab-report').click();
  // Back on the report: today again, at the new rate.
  await expect(page.getByTestId('report-totals')).toContainText('cost at ₹80 per $');

  // Everything is reachable from the keyboard: the day controls, then the export, then the session row.
  await page.getByTestId('report-previous').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-title')).toHaveText(/^Mon,? 23 Nov,? 2026$/);
  // (Tab inside the date field walks its day, month and year; the buttons around it are the day steps.)
  await page.getByTestId('report-next').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Today' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-session')).toHaveCount(1);
  await page.getByTestId('report-export').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('report-session')).toBeFocused();
});
