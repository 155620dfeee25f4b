/**
 * The write-back loop on the desk's clock (a manual one here) against the fake iThink over real HTTP: a
 * passing failure is retried, backing off from a minute, until the request goes, and never dropped; an
 * approved write-back whose courier has gone from Settings waits instead of failing for good; automatic
 * write-back queues only what the answer alone decides; no message or log line carries the credentials.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeIThink, type FakeIThink } from '../../src/dev/fake-order-sources/ithink';
import { CourierWriteback, courierRetryDelayMs } from '../../src/main/desk/courier-writeback';
import type { LogEntry } from '../../src/main/log';
import { openStore, type ActionDraft, type Store } from '../../src/main/store';
import type { ActionKind } from '../../src/shared/desk-types';
import { at, makeOrderInput } from '../helpers/factories';
import { fakeIThinkOrder } from '../helpers/ithink-orders';
import { ManualClock } from '../helpers/manual-clock';

const CREDENTIALS = { accessToken: 'retry-token-5150', secretKey: 'retry-secret-6262' };
const MINUTE = 60_000;
/** How long an answer over HTTP may take on a busy machine. */
const SETTLE = { timeout: 10_000, interval: 20 };

let dir: string;
let store: Store;
let ithink: FakeIThink;
let clock: ManualClock;
let logged: LogEntry[];
let source: { kind: string; baseUrl: string };
let auto: boolean;
let writeback: CourierWriteback;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'acs-writeback-retry-'));
  store = openStore(join(dir, 'desk.sqlite'));
  ithink = await startFakeIThink({
    ...CREDENTIALS,
    orders: ['AWB1000001', 'AWB1000002', 'AWB1000003'].map((awb) =>
      fakeIThinkOrder(awb, { status: 'Undelivered' }),
    ),
  });
  clock = new ManualClock(at('2026-11-24T10:30'));
  logged = [];
  source = { kind: 'ithink', baseUrl: ithink.url };
  auto = false;
  writeback = new CourierWriteback({
    store,
    clock,
    logger: { log: (entry) => logged.push(entry) },
    settings: {
      orderSource: () => source,
      orderSourceSecret: () => ({
        value: JSON.stringify(CREDENTIALS),
        origins: [new URL(ithink.url).origin],
      }),
      answers: () => ({ autoWriteback: auto }),
      calling: () => ({ timezone: 'Asia/Kolkata' }),
    },
    changed: () => undefined,
    timeoutMs: 2_000,
  });
});

afterEach(async () => {
  await writeback.stop();
  store.close();
  await ithink.close();
  rmSync(dir, { recursive: true, force: true });
});

function raise(awb: string, kind: ActionKind, extra: Partial<ActionDraft> = {}): number {
  store.orders.upsertMany([makeOrderInput({ awb })], clock.now());
  const draft: ActionDraft = {
    kind,
    date: '2026-11-26',
    time: null,
    address: null,
    landmark: null,
    notes: null,
    ...extra,
  };
  return store.actions.raise(null, [awb], draft, clock.now())[0]!;
}

const writebackOf = (id: number) => store.actions.get(id)!.writeback;

/** Lets the loop finish what it awaits (it arms its next look when a try ends), then moves the clock. */
async function advance(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  clock.advance(ms);
}

describe('a passing failure', () => {
  it('waits 1, 2, 4 … minutes between tries, at most an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => courierRetryDelayMs(n) / MINUTE)).toEqual([
      1, 2, 4, 8, 60, 60, 60,
    ]);
  });

  it('is retried on the desk’s clock, backing off, until the request goes', async () => {
    writeback.start();
    const id = raise('AWB1000001', 'reschedule');
    ithink.failNext({ status: 503 }, 2);
    ithink.failNext({ drop: true });
    const first = await writeback.send(id, null);
    expect(first.writeback).toMatchObject({
      state: 'failed',
      attempts: 1,
      nextAttemptAt: clock.now() + MINUTE,
      message: 'iThink Logistics answered HTTP 503; will try again',
    });

    await advance(MINUTE - 1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ithink.requests).toHaveLength(1);
    await advance(1_000);
    await vi.waitFor(() => expect(writebackOf(id).attempts).toBe(2), SETTLE);
    expect(writebackOf(id)).toMatchObject({ state: 'failed', nextAttemptAt: clock.now() + 2 * MINUTE });

    await advance(2 * MINUTE);
    await vi.waitFor(() => expect(writebackOf(id).attempts).toBe(3), SETTLE);
    expect(writebackOf(id)).toMatchObject({
      state: 'failed',
      message: 'iThink Logistics could not be reached; will try again',
      nextAttemptAt: clock.now() + 4 * MINUTE,
    });

    await advance(4 * MINUTE);
    await vi.waitFor(() => expect(writebackOf(id).state).toBe('sent'), SETTLE);
    expect(writebackOf(id)).toMatchObject({ attempts: 4, nextAttemptAt: null });
    expect(store.actions.get(id)!.state).toBe('done');
    expect(ithink.ndr.received).toEqual([expect.objectContaining({ awb: 'AWB1000001', accepted: true })]);
    expect(ithink.requests).toHaveLength(4);
  });

  it('waits, without counting a try, while the courier is gone from Settings, and goes when it is back', async () => {
    writeback.start();
    const id = raise('AWB1000002', 'cancel', { date: null });
    ithink.failNext({ status: 502 });
    await writeback.send(id, null);
    source = { kind: 'none', baseUrl: '' };
    await advance(MINUTE);
    await vi.waitFor(
      () => expect(writebackOf(id).message).toMatch(/^Waiting: Sending to the courier needs/),
      SETTLE,
    );
    expect(writebackOf(id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(ithink.requests).toHaveLength(1);

    source = { kind: 'ithink', baseUrl: ithink.url };
    await advance(MINUTE);
    await vi.waitFor(() => expect(writebackOf(id).state).toBe('sent'), SETTLE);
    expect(ithink.ndr.received).toEqual([expect.objectContaining({ awb: 'AWB1000002', action: 'rto' })]);
  });
});

describe('automatic write-back', () => {
  it('queues reschedules, new addresses and cancels raised while it is on; never callbacks or phones', async () => {
    writeback.start();
    const before = raise('AWB1000001', 'reschedule');
    await advance(1_000);
    auto = true;
    writeback.settingsSaved();
    await advance(1_000);
    const cancel = raise('AWB1000002', 'cancel', { date: null });
    const callback = raise('AWB1000003', 'callback', { time: '16:00' });
    await advance(5_000);
    await vi.waitFor(() => expect(writebackOf(cancel).state).toBe('sent'), SETTLE);
    expect(writebackOf(before).state).toBe('none');
    expect(writebackOf(callback).state).toBe('none');
    expect(ithink.ndr.received.map((r) => r.awb)).toEqual(['AWB1000002']);
  });

  it('says once, not at every look, that it cannot send without iThink', async () => {
    source = { kind: 'generic-json', baseUrl: 'https://shop.example/orders' };
    auto = true;
    writeback.start();
    writeback.settingsSaved();
    raise('AWB1000001', 'reschedule');
    await advance(60_000);
    const said = logged.filter((entry) => entry.message.startsWith('Automatic write-back is on'));
    expect(said).toHaveLength(1);
    expect(said[0]!.message).toContain('needs iThink Logistics as the order source');
    expect(ithink.requests).toEqual([]);
  });
});

it('keeps the credentials out of every message and log line, even when iThink echoes them', async () => {
  const id = raise('AWB1000001', 'reschedule');
  ithink.ndr.errorNext(`Bad request for ${CREDENTIALS.accessToken} and ${CREDENTIALS.secretKey}`);
  const refused = await writeback.send(id, null);
  expect(refused.writeback.state).toBe('refused');
  ithink.failNext({ status: 500, body: `oops ${CREDENTIALS.secretKey}` });
  await writeback.send(id, null);
  const everything = JSON.stringify([store.actions.get(id), logged]);
  expect(everything).toContain('***');
  expect(everything).not.toContain(CREDENTIALS.accessToken);
  expect(everything).not.toContain(CREDENTIALS.secretKey);
});
