/**
 * Needs action in the browser: a sandbox session where scripted customers ask for another day, a callback, a
 * new address, cancel, say it is the wrong number, or cannot be dialled; the list shows their actions (count in
 * the tab, filters, search, keyboard), an action is marked done with a note, the CSV export downloads what the
 * delivery team needs, and actions are sent to a fake iThink (running in this test's process) and recorded
 * there. Screenshots of the list and the drawer at 1280×720 and 1440×900 go to tests/e2e/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startFakeIThink, type FakeIThink } from '../../src/dev/fake-order-sources/ithink';
import { fakeIThinkOrder } from '../helpers/ithink-orders';
import { expect, test } from './console-test';
import { fontFamilyOf, lowContrast, tabUntilFocused } from './page-checks';
import { SCREENSHOTS, serve, type Served } from './serve';

const CREDENTIALS = { accessToken: 'e2e-ndr-token-31', secretKey: 'e2e-ndr-secret-77' };
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

const CUSTOMERS = [
  { awb: 'AWB7000001', name: 'राजेश कुमार', phone: '9876500001', says: 'reschedule:2026-11-26' },
  { awb: 'AWB7000002', name: 'Priya Sharma', phone: '9876500002', says: 'callback:16:00' },
  { awb: 'AWB7000003', name: 'सुनीता देवी', phone: '9876500003', says: 'address-change' },
  { awb: 'AWB7000004', name: 'Amit Verma', phone: '9876500004', says: 'cancel' },
  { awb: 'AWB7000005', name: 'Rohan Das', phone: '9876500005', says: 'wrong-number' },
  { awb: 'AWB7000006', name: 'Kavya Nair', phone: '9876500006', says: 'misdialled' },
  { awb: 'AWB7000007', name: 'Neha Joshi', phone: '9876500007', says: 'confirmed' },
];

const CSV = [
  'AWB,Customer Name,Phone,Status,Address,Pincode,COD Amount',
  ...CUSTOMERS.map(
    (c, i) => `${c.awb},${c.name},${c.phone},Undelivered,"${i + 1} MG Road, Delhi",110002,499`,
  ),
  '',
].join('\n');

let host: Served | undefined;
let ithink: FakeIThink | undefined;
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host?.stop();
  await ithink?.close();
  host = undefined;
  ithink = undefined;
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

/** A desk whose customers have all been called once, with iThink (the fake) as its order source. */
async function serveAfterAnswers(): Promise<{ served: Served; fake: FakeIThink }> {
  const fake = await startFakeIThink({
    ...CREDENTIALS,
    orders: CUSTOMERS.map((c) => fakeIThinkOrder(c.awb, { status: 'Undelivered' })),
  });
  const served = await serve({
    clockStart: '2026-11-24T10:30',
    callSeconds: 2,
    outcomes: Object.fromEntries(CUSTOMERS.map((c) => [c.phone, [c.says]])),
  });
  await served.api('importCsv', { fileName: 'ndr.csv', contentBase64: Buffer.from(CSV).toString('base64') });
  await served.api('saveSettings', {
    orderSource: {
      kind: 'ithink',
      baseUrl: fake.url,
      credentials: JSON.stringify(CREDENTIALS),
      syncBeforeSessions: false,
    },
  });
  await served.api('runNow');
  await expect
    .poll(async () => (await served.api<unknown[]>('actions', {})).length, { timeout: 60_000 })
    .toBe(6);
  return { served, fake };
}

test('the answers’ actions: listed, opened, marked done, exported and sent to the courier', async ({
  page,
}) => {
  test.setTimeout(150_000);
  ({ served: host, fake: ithink } = await serveAfterAnswers());
  const fake = ithink;

  await page.setViewportSize(SIZES[0]!);
  await page.goto(`${host.url}#today`);
  // The count of open actions is on the tab whatever view is shown.
  await expect(page.getByTestId('actions-tab-count')).toHaveText('6');
  await page.getByTestId('tab-actions').click();
  await expect(page.getByTestId('actions-row')).toHaveCount(6);
  await expect(page.getByTestId('actions-count')).toHaveText('6 actions');
  const list = page.getByTestId('actions');
  for (const words of [
    'Deliver another day',
    'Call back',
    'New address',
    'Cancelled (return)',
    'Wrong number',
    'Fix phone',
  ]) {
    await expect(list).toContainText(words);
  }
  await expect(list).toContainText('+91 98765 00001');
  await expect(list).toContainText('26 Nov');
  await expect(list).toContainText('4:00 pm');
  await expect(list).toContainText('राजेश कुमार');
  // Hindi names in the bundled Devanagari face; every text at AA contrast.
  expect(await page.evaluate(fontFamilyOf('[data-testid="actions-row"] [role="cell"]:nth-child(3)'))).toMatch(
    /^"?Noto Sans Variable"?, "?Noto Sans Devanagari Variable"?/,
  );
  expect(await lowContrast(page, '#root')).toEqual([]);
  await shoot(page, 'needs-action');

  // The keyboard: `/` to the search, Tab into the list, Enter opens the row.
  await page.setViewportSize(SIZES[0]!);
  await page.locator('body').press('/');
  await expect(page.getByTestId('actions-search')).toBeFocused();
  await page.keyboard.type('AWB7000001');
  await expect(page.getByTestId('actions-row')).toHaveCount(1);
  await tabUntilFocused(page, '[data-testid="actions-row"]');
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('action-detail');
  await expect(drawer).toContainText('राजेश कुमार');
  await expect(page.getByTestId('action-transcript')).not.toBeEmpty();
  await expect(page.getByTestId('action-recording')).toHaveAttribute('href', /^https?:\/\//);
  expect(await lowContrast(page, '[role="dialog"]')).toEqual([]);
  await shoot(page, 'needs-action-drawer');

  // Send to the courier: the reattempt on the day asked reaches iThink, and the action is done.
  await page.getByTestId('action-send').click();
  await expect(page.getByTestId('action-courier-panel')).toContainText('Sent');
  await expect(page.getByTestId('action-courier-message')).toContainText('reattempt on 2026-11-26');
  await expect(page.getByTestId('action-state')).toContainText('Done');
  await shoot(page, 'needs-action-drawer-sent');
  await page.setViewportSize(SIZES[0]!);
  expect(fake.ndr.received).toEqual([
    expect.objectContaining({
      awb: 'AWB7000001',
      action: 'reattempt',
      accepted: true,
      fields: expect.objectContaining({ reattempt_date: '2026-11-26' }),
    }),
  ]);
  // Sent is done: it leaves the open list.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('actions-row')).toHaveCount(0);
  await page.getByTestId('actions-search').fill('');
  await expect(page.getByTestId('actions-row')).toHaveCount(5);
  await expect(page.getByTestId('actions-tab-count')).toHaveText('5');

  // A wrong number is sent only with the right phone; the desk says so beside the button.
  await page.getByTestId('actions-kind').selectOption('wrong-number');
  await expect(page.getByTestId('actions-row')).toHaveCount(1);
  await page.getByTestId('actions-row').click();
  await page.getByTestId('action-send').click();
  await expect(page.getByTestId('action-send-refusal')).toContainText("enter the customer's right phone");
  expect(await lowContrast(page, '[role="dialog"]')).toEqual([]);
  await shoot(page, 'needs-action-drawer-refused');
  await page.setViewportSize(SIZES[0]!);
  await page.getByTestId('action-phone').fill('98111 22334');
  await page.getByTestId('action-send').click();
  await expect(page.getByTestId('action-courier-panel')).toContainText('Sent');
  expect(fake.ndr.received.at(-1)).toMatchObject({
    awb: 'AWB7000005',
    fields: { reattempt_mobile_number: '9811122334' },
  });
  await page.keyboard.press('Escape');
  await page.getByTestId('actions-kind').selectOption('');

  // Mark the callback done, with a note: it leaves the open list and shows under Done.
  await page.getByTestId('actions-row').filter({ hasText: 'Call back' }).click();
  await page.getByTestId('action-note').fill('Customer called the rider herself');
  await page.getByTestId('action-mark-done').click();
  await expect(page.getByTestId('action-state')).toContainText('Customer called the rider herself');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('actions-row')).toHaveCount(3);
  await expect(page.getByTestId('actions-tab-count')).toHaveText('3');
  await page.getByTestId('actions-state-done').click();
  await expect(page.getByTestId('actions-row')).toHaveCount(3);

  // Export every action: a CSV for Excel, with the delivery team's columns.
  await page.getByTestId('actions-state-all').click();
  await expect(page.getByTestId('actions-row')).toHaveCount(6);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('actions-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe('needs-action-all-2026-11-24.csv');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'AWB,Customer,Phone,Action,Date,Time,New address,Landmark,Notes,What was said,Recording,Raised at,State,Courier status',
  );
  expect(lines).toHaveLength(7);
  const rescheduled = lines.find((line) => line.startsWith('AWB7000001,'))!;
  expect(rescheduled).toContain(',राजेश कुमार,098765 00001,Deliver another day,2026-11-26,');
  expect(rescheduled).toContain(',Done,Sent: ');
  expect(lines.find((line) => line.startsWith('AWB7000002,'))).toContain('Customer called the rider herself');
});
