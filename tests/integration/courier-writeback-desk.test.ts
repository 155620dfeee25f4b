/**
 * Needs action → the courier, end to end: a real desk (store, engine, sandbox fake VAPI answering with
 * scripted intents) raises actions from what customers say, and the desk sends them over real HTTP to the fake
 * iThink's NDR route — when the operator approves one, or on its own with automatic write-back — shows a
 * refusal on the action, keeps a failed one across a restart and sends it after. Send-to-courier refuses,
 * changing nothing, where there is no iThink to send to or the action cannot be sent as it is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeIThink, type FakeIThink } from '../../src/dev/fake-order-sources/ithink';
import type { FakeOutcome } from '../../src/dev/fake-vapi/outcomes';
import { createDesk, type Desk } from '../../src/main/desk';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import type { ActionKind, ActionView } from '../../src/shared/desk-types';
import { local } from '../helpers/engine-harness';
import { fakeIThinkOrder } from '../helpers/ithink-orders';

const CREDENTIALS = { accessToken: 'ndr-token-4821', secretKey: 'ndr-secret-9377' };
/** Tuesday 24 November 2026, 10:30 in Kolkata. */
const START = '2026-11-24T10:30';

/** One customer per answer; the AWB and the phone share the last digit. */
const CUSTOMERS: { awb: string; phone: string; says: FakeOutcome; kind: ActionKind | null }[] = [
  { awb: 'AWB5000001', phone: '9876500001', says: 'reschedule:2026-11-26', kind: 'reschedule' },
  { awb: 'AWB5000002', phone: '9876500002', says: 'address-change', kind: 'address-change' },
  { awb: 'AWB5000003', phone: '9876500003', says: 'cancel', kind: 'cancel' },
  { awb: 'AWB5000004', phone: '9876500004', says: 'wrong-number', kind: 'wrong-number' },
  { awb: 'AWB5000005', phone: '9876500005', says: 'callback:16:00', kind: 'callback' },
  { awb: 'AWB5000006', phone: '9876500006', says: 'confirmed', kind: null },
];

const CSV = [
  'AWB,Customer Name,Phone,Status,Address,Pincode,COD Amount',
  ...CUSTOMERS.map((c, i) => `${c.awb},Customer ${i + 1},${c.phone},Undelivered,${i + 1} MG Road,110001,499`),
].join('\n');

let ithink: FakeIThink;
let dataDir: string;
const desks: Desk[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'acs-writeback-'));
  ithink = await startFakeIThink({
    ...CREDENTIALS,
    orders: CUSTOMERS.map((c) => fakeIThinkOrder(c.awb, { status: 'Undelivered' })),
  });
});
afterEach(async () => {
  await Promise.all(desks.splice(0).map((desk) => desk.close()));
  await ithink.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openDesk(localStart = START): Promise<Desk> {
  const desk = await createDesk({
    dataDir,
    clock: offsetClock(local(localStart), systemClock),
    sandbox: {
      callSeconds: 1,
      outcomes: Object.fromEntries(CUSTOMERS.map((c) => [`+91${c.phone}`, [c.says]])),
    },
    pollIntervalMs: 100,
  });
  desks.push(desk);
  return desk;
}

async function closeDesk(desk: Desk): Promise<void> {
  desks.splice(desks.indexOf(desk), 1);
  await desk.close();
}

/** iThink as the order source (the fake's address), without syncing before sessions. */
async function useIThink(desk: Desk, options: { auto?: boolean } = {}): Promise<void> {
  await desk.saveSettings({
    orderSource: {
      kind: 'ithink',
      baseUrl: ithink.url,
      credentials: JSON.stringify(CREDENTIALS),
      syncBeforeSessions: false,
    },
    ...(options.auto === undefined ? {} : { answers: { autoWriteback: options.auto } }),
  });
}

/** Imports the customers, calls them all once and waits for their answers' actions. */
async function callEveryone(desk: Desk): Promise<Map<ActionKind, ActionView>> {
  await desk.importCsv({ fileName: 'ndr.csv', contentBase64: Buffer.from(CSV).toString('base64') });
  expect((await desk.runNow({})).started).toBe(true);
  const expected = CUSTOMERS.filter((c) => c.kind !== null).length;
  const actions = await vi.waitFor(
    async () => {
      const list = await desk.actions({ state: 'all' });
      expect(list).toHaveLength(expected);
      return list;
    },
    { timeout: 20_000, interval: 50 },
  );
  return new Map(actions.map((action) => [action.kind, action]));
}

describe('sending an action to the courier when the operator approves it', () => {
  it('sends a reschedule as a reattempt on the day asked, recorded by iThink, and the action is done', async () => {
    const desk = await openDesk();
    await useIThink(desk);
    const actions = await callEveryone(desk);
    expect(ithink.ndr.received).toEqual([]);

    const sent = await desk.sendActionToCourier({ id: actions.get('reschedule')!.id });
    expect(ithink.ndr.received).toEqual([
      {
        awb: 'AWB5000001',
        action: 'reattempt',
        fields: { awb_numbers: 'AWB5000001', ndr_action: '1', reattempt_date: '2026-11-26' },
        accepted: true,
        remark: 'reattempt/rto done successfully.',
      },
    ]);
    expect(sent).toMatchObject({
      state: 'done',
      doneNote: 'Sent to iThink Logistics: reattempt on 2026-11-26',
      writeback: {
        state: 'sent',
        attempts: 1,
        nextAttemptAt: null,
        message: expect.stringContaining('reattempt/rto done successfully.'),
      },
    });
    // Sent once is enough: a second approval is refused and nothing more reaches iThink.
    await expect(desk.sendActionToCourier({ id: sent.id })).rejects.toThrow(/already sent/);
    expect(ithink.ndr.received).toHaveLength(1);
  });

  it('sends a new address with the next working day, a cancel as an RTO, a wrong number only with the right phone', async () => {
    const desk = await openDesk();
    await useIThink(desk);
    const actions = await callEveryone(desk);

    const moved = await desk.sendActionToCourier({ id: actions.get('address-change')!.id });
    expect(moved.writeback.message).toContain(
      'reattempt on 2026-11-25 (the next working day: the customer named no day), to the new address',
    );
    const cancelled = await desk.sendActionToCourier({ id: actions.get('cancel')!.id });
    expect(cancelled.writeback.state).toBe('sent');

    const wrong = actions.get('wrong-number')!;
    await expect(desk.sendActionToCourier({ id: wrong.id })).rejects.toMatchObject({
      field: 'phone',
      message: expect.stringContaining("enter the customer's right phone"),
    });
    const fixed = await desk.sendActionToCourier({ id: wrong.id, phone: '+91 98111 22334' });
    expect(fixed.writeback).toMatchObject({ state: 'sent', phone: '+91 98111 22334' });

    await expect(desk.sendActionToCourier({ id: actions.get('callback')!.id })).rejects.toThrow(
      /callback is the desk’s own work/,
    );
    expect(ithink.ndr.received.map((r) => [r.awb, r.action, r.fields])).toEqual([
      [
        'AWB5000002',
        'reattempt',
        {
          awb_numbers: 'AWB5000002',
          ndr_action: '1',
          reattempt_date: '2026-11-25',
          reattempt_address: expect.any(String),
          reattempt_address_type: '1',
        },
      ],
      [
        'AWB5000003',
        'rto',
        {
          awb_numbers: 'AWB5000003',
          ndr_action: '2',
          rto_remark: expect.stringContaining('Customer cancelled'),
        },
      ],
      [
        'AWB5000004',
        'reattempt',
        {
          awb_numbers: 'AWB5000004',
          ndr_action: '1',
          reattempt_date: '2026-11-25',
          reattempt_mobile_number: '9811122334',
        },
      ],
    ]);
  });

  it('shows iThink’s refusal on the action, and sends it when the operator tries again', async () => {
    const desk = await openDesk();
    await useIThink(desk);
    const actions = await callEveryone(desk);
    ithink.ndr.refuseNext('Reattempt already requested for this AWB.');

    const refused = await desk.sendActionToCourier({ id: actions.get('reschedule')!.id });
    expect(refused).toMatchObject({
      state: 'open',
      writeback: {
        state: 'refused',
        attempts: 1,
        nextAttemptAt: null,
        message:
          'iThink Logistics refused the reattempt for AWB5000001: Reattempt already requested for this AWB.',
      },
    });
    const listed = (await desk.actions({})).find((action) => action.id === refused.id)!;
    expect(listed.writeback.state).toBe('refused');

    const retried = await desk.sendActionToCourier({ id: refused.id });
    expect(retried.writeback).toMatchObject({ state: 'sent', attempts: 2 });
    expect(ithink.ndr.received.map((r) => r.accepted)).toEqual([false, true]);
  });

  it('refuses, changing nothing, when the order source is not iThink or has no credentials', async () => {
    const desk = await openDesk();
    const actions = await callEveryone(desk);
    const id = actions.get('reschedule')!.id;
    await expect(desk.sendActionToCourier({ id })).rejects.toThrow(
      'Sending to the courier needs iThink Logistics as the order source (Settings → Order source)',
    );
    await desk.saveSettings({ orderSource: { kind: 'ithink', baseUrl: ithink.url } });
    await expect(desk.sendActionToCourier({ id })).rejects.toThrow(/needs an access token and a secret key/);
    await expect(desk.sendActionToCourier({ id: 999 })).rejects.toThrow('There is no action 999');
    expect((await desk.actions({})).find((action) => action.id === id)!.writeback).toMatchObject({
      state: 'none',
      attempts: 0,
    });
    expect(ithink.requests).toEqual([]);
  });
});

describe('automatic write-back', () => {
  it('sends what the answers alone decide as they are raised, and leaves the rest to the operator', async () => {
    const desk = await openDesk();
    await useIThink(desk, { auto: true });
    await callEveryone(desk);
    await vi.waitFor(() => expect(ithink.ndr.received).toHaveLength(3), { timeout: 20_000 });
    expect(ithink.ndr.received.map((r) => `${r.awb} ${r.action}`).sort()).toEqual([
      'AWB5000001 reattempt',
      'AWB5000002 reattempt',
      'AWB5000003 rto',
    ]);
    const open = await desk.actions({});
    expect(open.map((action) => [action.kind, action.writeback.state]).sort()).toEqual([
      ['callback', 'none'],
      ['wrong-number', 'none'],
    ]);
    // Nothing more is sent later: the loop goes on looking, and finds nothing new.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ithink.ndr.received).toHaveLength(3);
  });

  it('never sends the actions raised before it was switched on', async () => {
    const desk = await openDesk();
    await useIThink(desk);
    await callEveryone(desk);
    await desk.saveSettings({ answers: { autoWriteback: true } });
    expect((await desk.settings({})).answers.autoWriteback).toBe(true);
    // Saving the setting makes the loop look at once.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(ithink.requests).toEqual([]);
  });
});

describe('a write-back that failed for a moment', () => {
  it('is kept across a restart and sent when the desk starts again', async () => {
    let desk = await openDesk();
    await useIThink(desk);
    const actions = await callEveryone(desk);
    ithink.failNext({ status: 503 });
    const failed = await desk.sendActionToCourier({ id: actions.get('cancel')!.id });
    expect(failed).toMatchObject({
      state: 'open',
      writeback: {
        state: 'failed',
        attempts: 1,
        message: 'iThink Logistics answered HTTP 503; will try again',
      },
    });
    // The next try is a minute later on the desk's clock.
    const wait = failed.writeback.nextAttemptAt! - (await desk.status({})).now;
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(ithink.ndr.received).toEqual([]);
    await closeDesk(desk);

    // Two minutes later: the try that came due while the desk was closed goes first.
    desk = await openDesk('2026-11-24T10:40');
    await vi.waitFor(
      async () => {
        const sent = (await desk.actions({ state: 'all' })).find((action) => action.id === failed.id);
        expect(sent).toMatchObject({ state: 'done', writeback: { state: 'sent', attempts: 2 } });
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(ithink.ndr.received).toEqual([expect.objectContaining({ awb: 'AWB5000003', action: 'rto' })]);
  });
});
