/**
 * A source that quotes the credentials back in its error (many APIs echo the request they refuse) must not
 * put them on the operator's screen or in any log. Probe of issue 12 (hostile-inputs list): on main, an
 * iThink error answer that echoed the request body put the access token and secret key in the sync's result,
 * the live log shown by every console, and the headless host's log on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startJsonServer, type JsonHandler } from '../../src/dev/fake-order-sources/http-server';
import { systemClock } from '../../src/main/clock';
import { createDesk, type Desk } from '../../src/main/desk';
import { offsetClock } from '../../src/main/engine/offset-clock';
import type { LogEntry } from '../../src/main/log';
import { MemorySecretStore } from '../../src/main/secrets';
import type { SettingsUpdate } from '../../src/shared/contract';
import { local } from '../helpers/engine-harness';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function deskWithSource(
  handler: JsonHandler,
  orderSource: (url: string) => NonNullable<SettingsUpdate['orderSource']>,
): Promise<{ desk: Desk; logged: LogEntry[] }> {
  const server = await startJsonServer(handler);
  cleanup.push(() => server.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'acs-echo-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const logged: LogEntry[] = [];
  const desk = await createDesk({
    dataDir,
    clock: offsetClock(local('2026-11-24T11:00'), systemClock),
    secrets: new MemorySecretStore(),
    sandbox: { callSeconds: 1 },
    logger: { log: (entry) => logged.push(entry) },
  });
  cleanup.push(() => desk.close());
  await desk.saveSettings({ orderSource: orderSource(server.url) });
  return { desk, logged };
}

/** Everything the operator or a log reader can see after the sync. */
async function everythingShown(desk: Desk, logged: LogEntry[], result: unknown): Promise<string> {
  return JSON.stringify([result, await desk.status({}), logged]);
}

describe('credentials echoed back by an order source', () => {
  it('are blanked from the sync result, the live log and the log when iThink quotes the request', async () => {
    const { desk, logged } = await deskWithSource(
      (request) => ({
        body: { status: 'error', html_message: `invalid secret key in ${JSON.stringify(request.body)}` },
      }),
      (url) => ({
        kind: 'ithink',
        baseUrl: url,
        credentials: JSON.stringify({ accessToken: 'ithink-token-8c1d', secretKey: 'ithink-secret-4e7f' }),
      }),
    );
    const result = await desk.syncNow({});
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/refused the access token or secret key/);
    const shown = await everythingShown(desk, logged, result);
    expect(shown).toContain('[redacted]');
    expect(shown).not.toContain('ithink-token-8c1d');
    expect(shown).not.toContain('ithink-secret-4e7f');
  });

  it("are blanked when a JSON source's answer repeats its API key header", async () => {
    const { desk, logged } = await deskWithSource(
      (request) => ({ status: 200, body: { message: `unknown key ${request.headers['x-api-key']}` } }),
      (url) => ({
        kind: 'generic-json',
        baseUrl: `${url}/orders`,
        credentials: JSON.stringify({ headers: { 'X-Api-Key': 'shop-key-91b3a0' } }),
      }),
    );
    const result = await desk.syncNow({});
    expect(result.ok).toBe(false);
    const shown = await everythingShown(desk, logged, result);
    expect(logged.some((entry) => entry.message.includes('[redacted]'))).toBe(true);
    expect(shown).not.toContain('shop-key-91b3a0');
  });
});
