/**
 * A session from the operator's chair: run now, watch the live view count the calls down to the end, then
 * find them in the history (with the transcript), in today's summary, and the busy customer cooling down
 * with a countdown that ticks. And a scheduled slot arriving while the operator watches.
 */
import { expect, test } from './console-test';
import { ORDERS_CSV, OUTCOMES, SCREENSHOTS, serve, type Served } from './serve';

let host: Served;
/** A desk at `clockStart` (Kolkata) with the five orders imported; Priya's number is always busy. */
async function serveWithOrders(clockStart: string): Promise<void> {
  host = await serve({ clockStart, callSeconds: 3, outcomes: OUTCOMES });
  await host.api('importCsv', {
    fileName: 'orders.csv',
    contentBase64: Buffer.from(ORDERS_CSV).toString('base64'),
  });
}
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  // `host` is unset when the desk failed to start; the failure then speaks for itself.
  const started = host as Served | undefined;
  if (started && testInfo.status !== testInfo.expectedStatus) console.log(started.output());
  await started?.stop();
});

test('runs now, watches the live session finish, and sees history, today and a cooldown', async ({
  page,
}) => {
  await serveWithOrders('2026-11-24T10:30');
  await page.goto(host.url);
  await expect(page.getByTestId('working-hours')).toHaveText('Within working hours');
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('live-idle')).toBeVisible();

  await page.getByTestId('run-now').click();
  await expect(page.getByTestId('live-progress')).toContainText('of 3 calls done');
  await expect(page.getByTestId('in-flight')).toContainText('Raj Kumar');
  // While the session runs, run-now says why it is off.
  await expect(page.getByTestId('run-now')).toBeDisabled();
  await expect(page.getByTestId('run-now-reason')).toContainText('already running');
  await page.screenshot({ path: `${SCREENSHOTS}/live-session.png` });

  await expect(page.getByTestId('live-idle')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('last-session')).toContainText('3 calls, 2 successful, 1 failed');
  await expect(page.getByTestId('log')).toContainText(/session/i);
  // Everyone was reached or cools down: run now is off until someone is due (issue 10).
  await expect(page.getByTestId('run-now')).toBeDisabled();
  await expect(page.getByTestId('run-now-reason')).toContainText('nobody is due now');
  await page.screenshot({ path: `${SCREENSHOTS}/live-finished.png` });

  // History: every call, newest first, with its outcome; one opens to its transcript.
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(3);
  const priya = page.getByTestId('history-row').filter({ hasText: 'Priya Sharma' });
  await expect(priya).toContainText('Busy');
  await expect(page.getByTestId('history-row').filter({ hasText: 'Raj Kumar' })).toContainText('Answered');
  await page.screenshot({ path: `${SCREENSHOTS}/history.png` });
  await page.getByTestId('history-row').filter({ hasText: 'Raj Kumar' }).click();
  await expect(page.getByTestId('call-detail')).toContainText('AWB2000001');
  await expect(page.getByTestId('transcript')).not.toBeEmpty();
  await page.screenshot({ path: `${SCREENSHOTS}/history-call.png` });
  await page.keyboard.press('Escape');

  // Today: the manual session with its figures and the day's totals.
  await page.getByTestId('tab-today').click();
  const session = page.getByTestId('today-session');
  await expect(session).toHaveCount(1);
  await expect(session).toContainText('Run now');
  await expect(session.locator('td').nth(2)).toHaveText('3');
  await expect(session.locator('td').nth(5)).toHaveText('2');
  await expect(session.locator('td').nth(6)).toHaveText('1');
  await expect(page.getByTestId('today-totals')).toContainText('67%');
  // Every number explains itself: the skip count opens the orders behind it and the rule.
  await session.getByRole('button', { name: /bad phone/ }).click();
  await expect(page.getByTestId('skip-explainer')).toContainText('AWB2000005');
  await expect(page.getByRole('dialog')).toContainText('cannot be dialled');
  await page.keyboard.press('Escape');
  // ...and the failed count opens the failed calls.
  await session.locator('td').nth(6).getByRole('button').click();
  await expect(page.getByTestId('session-calls')).toContainText('Priya Sharma');
  await expect(page.getByTestId('session-calls')).not.toContainText('Raj Kumar');
  await page.screenshot({ path: `${SCREENSHOTS}/today-failed-calls.png` });
  await page.keyboard.press('Escape');
  await page.screenshot({ path: `${SCREENSHOTS}/today.png` });

  // The busy customer cools down for two hours from the session's start, and the countdown ticks.
  await page.getByTestId('tab-queue').click();
  await page.getByTestId('queue-tab-cooling').click();
  const cooling = page.getByTestId('queue-cooling-row');
  await expect(cooling).toHaveCount(1);
  await expect(cooling).toContainText('AWB2000002');
  await expect(cooling).toContainText('12:30');
  const countdown = cooling.getByTestId('countdown');
  await expect(countdown).toHaveText(/^1h 5\dm \d\ds$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '', { timeout: 3_000 });
  await page.screenshot({ path: `${SCREENSHOTS}/queue-cooling.png` });

  // The order itself says why it waits, until when, and lists its calls.
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('orders-row').filter({ hasText: 'AWB2000002' }).click();
  const order = page.getByTestId('order-detail');
  await expect(order).toContainText('eligible in');
  await expect(order).toContainText('Busy');
  await page.screenshot({ path: `${SCREENSHOTS}/order-detail.png` });
  await page.keyboard.press('Escape');

  // The successful orders are never called again; the queue's excluded list says so.
  await page.getByTestId('tab-queue').click();
  await page.getByTestId('queue-tab-excluded').click();
  await expect(page.getByTestId('queue-excluded')).toContainText('Already successful (2)');
});

test('counts down to the 11:00 slot and runs it by itself', async ({ page }) => {
  await serveWithOrders('2026-11-24T10:59:40');
  await page.goto(`${host.url}#live`);
  await expect(page.getByTestId('next-session')).toContainText('11:00');
  await expect(page.getByTestId('live-idle')).toContainText('The next session starts at');

  await expect(page.getByTestId('live-progress')).toContainText('of 3 calls done', { timeout: 30_000 });
  await expect(page.locator('.live-head')).toContainText('Scheduled session started');
  await expect(page.getByTestId('next-session')).toContainText('12:00');
  await expect(page.getByTestId('live-idle')).toBeVisible({ timeout: 30_000 });

  await page.getByTestId('tab-today').click();
  const session = page.getByTestId('today-session');
  await expect(session).toHaveCount(1);
  await expect(session).toContainText('Scheduled');
  await expect(session.locator('td').nth(2)).toHaveText('3');
});
