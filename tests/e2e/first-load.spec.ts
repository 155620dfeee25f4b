/**
 * What the console asks the desk for as it opens on the Queue (issue 11, first paint): the Queue's first page
 * goes first, before the status and the rest; the scripts come compressed, each once. How fast is
 * measured by `npm run bench -- console-host`, not here.
 */
import { expect, test } from './console-test';
import { ORDERS_CSV, serve, type Served } from './serve';

let host: Served;
test.beforeEach(async () => {
  host = await serve({ clockStart: '2026-11-24T10:30' });
  await host.api('importCsv', {
    fileName: 'ofd.csv',
    contentBase64: Buffer.from(ORDERS_CSV).toString('base64'),
  });
});
// eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures argument destructured
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(host.output());
  await host.stop();
});

test('opening on the Queue asks for its first page before anything else', async ({ page }) => {
  const sent: { method: string; args: Record<string, unknown> }[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      sent.push(JSON.parse(String(payload)) as (typeof sent)[number]);
    }),
  );
  await page.goto(`${host.url}#queue`);
  await expect(page.getByTestId('queue-calls-row')).toHaveCount(3);
  expect(sent[0]).toMatchObject({ method: 'queue', args: { tab: 'calls' } });
});

test('the console comes compressed, and each script once', async ({ page }) => {
  const scripts: { url: string; encoding: string | undefined }[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js'))
      scripts.push({ url: response.url(), encoding: response.headers()['content-encoding'] });
  });
  await page.goto(`${host.url}#queue`);
  await expect(page.getByTestId('queue-calls-row')).toHaveCount(3);
  expect(scripts.length).toBeGreaterThan(1);
  for (const script of scripts) expect(script.encoding, script.url).toBe('br');
  expect(new Set(scripts.map((s) => s.url)).size).toBe(scripts.length);
});
