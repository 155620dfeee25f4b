/**
 * The import's newer rules as the operator sees them: the City column mapped, stored and shown in the
 * Orders list and the order's drawer; a repeated AWB reported as superseded, not rejected; an XLSX export
 * imported like a CSV; control characters never reaching the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './console-test';
import { SCREENSHOTS, serve, type Served } from './serve';

let host: Served;
test.beforeEach(async () => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
});
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host.stop();
});

const CSV = [
  'AWB,Customer Name,Mobile,Address,City,Status',
  'CT1,Raj \u001b[31mKumar\u001b[0m,9876500001,12 MG Road,Kochi,In Transit',
  'CT2,Priya Sharma,9876500002,Flat 4B,Pune,OFD',
  'CT1,Raj Kumar,9876500001,12 MG Road,Kochi,Out for delivery',
].join('\n');

test('maps the City column, shows it, and reports a repeated AWB as superseded', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('csv-input').setInputFiles({
    name: 'cities.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await expect(page.getByTestId('mapping-city')).toHaveValue('City');
  await expect(page.getByTestId('import-superseded')).toContainText('1 row replaced by a later row');
  await page.getByTestId('import-confirm').click();
  const result = page.getByTestId('import-result');
  await expect(result.locator('.stat.good .stat-value')).toHaveText('2');
  await expect(result).toContainText('superseded by a later row');
  await expect(page.getByTestId('import-superseded')).toContainText('Line 2: AWB CT1 again on line 4');
  await page.screenshot({ path: `${SCREENSHOTS}/orders-import-superseded.png` });
  await page.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByTestId('orders-row')).toHaveCount(2);
  await expect(page.getByTestId('orders')).toContainText('Kochi');
  await expect(page.getByTestId('orders')).not.toContainText('[31m');
  await page.getByTestId('orders-row').filter({ hasText: 'CT1' }).click();
  await expect(page.getByTestId('order-city')).toHaveText('Kochi');
  await expect(page.getByTestId('order-detail')).toContainText('OFD');
  await page.screenshot({ path: `${SCREENSHOTS}/order-drawer-city.png` });
});

test('imports an XLSX export through the same preview', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('csv-input').setInputFiles({
    name: 'panel.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: readFileSync(join(__dirname, '..', 'fixtures', 'csv', 'panel.xlsx')),
  });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('3 rows read');
  await expect(preview).toContainText('राजेश कुमार');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result').locator('.stat.good .stat-value')).toHaveText('2');
});

test('says in the import drawer why an old .xls file can not be read', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('csv-input').setInputFiles({
    name: 'old.xls',
    mimeType: 'application/vnd.ms-excel',
    buffer: readFileSync(join(__dirname, '..', 'fixtures', 'csv', 'old-excel.xls')),
  });
  await expect(page.getByTestId('import-failure')).toHaveText(
    'This is an .xls file (Excel 97–2003), not a CSV or XLSX file: save it as CSV or XLSX and import that',
  );
});
