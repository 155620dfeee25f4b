/**
 * The morning's first job: bring the day's orders in from a CSV (preview, column mapping, result report)
 * and see what the next session will do with them — who will be called, who is left out and why.
 */
import { expect, test } from './console-test';
import { ORDERS_CSV, SCREENSHOTS, serve, type Served } from './serve';

let host: Served;
test.beforeEach(async () => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
});
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host.stop();
});

test('imports a CSV through the preview and sees the next session queue', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('tab-orders').click();
  await expect(page.getByText('No orders yet')).toBeVisible();

  await page.getByTestId('csv-input').setInputFiles({
    name: 'ofd-24-nov.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(ORDERS_CSV),
  });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('5 rows read');
  await expect(preview).toContainText('Raj Kumar');
  await expect(page.getByTestId('mapping-awb')).toHaveValue('AWB');
  await page.screenshot({ path: `${SCREENSHOTS}/orders-import-preview.png` });

  await page.getByTestId('import-confirm').click();
  const result = page.getByTestId('import-result');
  await expect(result).toContainText('rows read');
  await expect(result.locator('.stat.good .stat-value')).toHaveText('5');
  // "Added 5" is not "will call 5": the report says what the queue now holds.
  await expect(page.getByTestId('import-next')).toContainText('3 numbers to call');
  await expect(page.getByTestId('import-next')).toContainText('1 with an invalid phone');
  await expect(page.getByTestId('import-next')).toContainText('1 not OFD or Undelivered');
  await page.screenshot({ path: `${SCREENSHOTS}/orders-import-result.png` });
  await page.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByTestId('orders-row')).toHaveCount(5);
  await expect(page.getByTestId('orders-count')).toHaveText('5 orders');
  await page.screenshot({ path: `${SCREENSHOTS}/orders.png` });

  // The desk is inside working hours, so the queue is planned for now: three OFD/Undelivered orders.
  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('queue-plan')).toContainText(
    'Run now would call 3 numbers (3 new, 0 retries)',
  );
  await expect(page.getByTestId('queue-calls-row')).toHaveCount(3);
  await expect(page.getByTestId('queue-calls')).toContainText('+91 98765 00001');
  await page.screenshot({ path: `${SCREENSHOTS}/queue.png` });

  // Left out, grouped by reason: the In Transit order and the undialable phone.
  await page.getByTestId('queue-tab-excluded').click();
  const excluded = page.getByTestId('queue-excluded');
  await expect(excluded).toContainText('Not OFD / Undelivered (1)');
  await expect(excluded).toContainText('AWB2000004');
  await expect(excluded).toContainText('Invalid phone (1)');
  await expect(excluded).toContainText('AWB2000005');
  await page.screenshot({ path: `${SCREENSHOTS}/queue-excluded.png` });

  // Search narrows every list by AWB, name or phone.
  await page.getByTestId('queue-tab-calls').click();
  await page.getByTestId('queue-search').fill('priya');
  await expect(page.getByTestId('queue-calls-row')).toHaveCount(1);
  await expect(page.getByTestId('queue-calls')).toContainText('AWB2000002');
});

test('drops a CSV onto the orders view and searches the cache', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('tab-orders').click();
  // Runs in the page; the Node test project has no DOM types, so the browser's classes are described here.
  const dataTransfer = await page.evaluateHandle((text) => {
    const browser = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const transfer = new browser.DataTransfer();
    transfer.items.add(new browser.File([text], 'dropped.csv', { type: 'text/csv' }));
    return transfer;
  }, ORDERS_CSV);
  await page.locator('section.view').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('import-preview')).toContainText('5 rows read');
  await page.getByTestId('import-confirm').click();
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByTestId('orders-search').fill('AWB2000003');
  await expect(page.getByTestId('orders-row')).toHaveCount(1);
  await expect(page.getByTestId('orders')).toContainText('Amit Verma');
});

test('lets the operator correct the column mapping, and the preview follows', async ({ page }) => {
  const csv = [
    'AWB,Customer Name,Phone,Alt Phone,Status',
    'AWB7000001,Kavita Rao,00000,9876570001,Out For Delivery',
    'AWB7000002,Imran Khan,00000,9876570002,Undelivered',
  ].join('\n');
  await page.goto(`${host.url}#orders`);
  await page
    .getByTestId('csv-input')
    .setInputFiles({ name: 'alt.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = page.getByTestId('import-preview');
  await expect(page.getByTestId('mapping-phone')).toHaveValue('Phone');
  await expect(preview.locator('tbody tr').first()).not.toContainText('+91 98765 70001');

  await page.getByTestId('mapping-phone').selectOption('Alt Phone');
  await expect(preview.locator('tbody tr').first()).toContainText('+91 98765 70001');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-next')).toContainText('2 numbers to call');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('orders')).toContainText('+91 98765 70002');
});

test('stays smooth at 10,000 orders: only the visible rows are in the page, a page at a time', async ({
  page,
}) => {
  const rows = ['AWB,Customer Name,Phone,Status'];
  for (let i = 0; i < 10_000; i++) {
    rows.push(`AWB${String(5_000_000 + i)},Customer ${i},98${String(10_000_000 + i)},Out For Delivery`);
  }
  await host.api('importCsv', {
    fileName: 'big.csv',
    contentBase64: Buffer.from(rows.join('\n')).toString('base64'),
  });
  await page.goto(`${host.url}#orders`);
  await expect(page.getByTestId('orders-count')).toHaveText('10,000 orders');
  expect(await page.getByTestId('orders-row').count()).toBeLessThan(80);

  // The desk sends a page at a time: the table holds the first page, and the next comes as the end is reached.
  const loaded = () => page.getByTestId('orders').getAttribute('aria-rowcount');
  expect(Number(await loaded())).toBeLessThanOrEqual(201);
  // Scrolling on to the end shows the last order without ever rendering the other 9,900.
  const scroller = page.locator('.vtable-scroll');
  for (let pages = 0; pages < 60 && Number(await loaded()) < 10_001; pages += 1) {
    const before = await loaded();
    await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect.poll(loaded, { intervals: [20] }).not.toBe(before);
    expect(await page.getByTestId('orders-row').count()).toBeLessThan(80);
  }
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(page.getByTestId('orders')).toContainText('AWB5009999');

  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('queue-tab-calls')).toContainText('10,000');
  expect(await page.getByTestId('queue-calls-row').count()).toBeLessThan(80);
  await page.screenshot({ path: `${SCREENSHOTS}/queue-10000.png` });
});
