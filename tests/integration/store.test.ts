/**
 * The store on a real SQLite file in a temporary folder: migrations, the order cache, the call history (and
 * what survives a crash), sessions, skipped runs and settings.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptySkipCounts, planSession } from '../../src/main/domain/policy';
import {
  openStore,
  readPlanningInput,
  type CallResult,
  type PendingCall,
  type Store,
} from '../../src/main/store';
import { migrate } from '../../src/main/store/database';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { at, indianPhone, makeOrderInput, makeSettings } from '../helpers/factories';

const NEWEST_SCHEMA = MIGRATIONS.at(-1)!.version;

let dir: string;
let file: string;
const opened: Store[] = [];

function open(): Store {
  const store = openStore(file);
  opened.push(store);
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-store-'));
  file = join(dir, 'desk.sqlite');
});

afterEach(() => {
  for (const store of opened.splice(0)) if (store.db.open) store.close();
  rmSync(dir, { recursive: true, force: true });
});

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function tableNames(store: Store): string[] {
  return store.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);
}

describe('migrations', () => {
  it('creates the schema on a fresh file and records its version', () => {
    const store = open();
    expect(userVersion(store.db)).toBe(NEWEST_SCHEMA);
    expect(tableNames(store)).toEqual(
      expect.arrayContaining([
        'orders',
        'order_type_changes',
        'sessions',
        'calls',
        'call_orders',
        'skipped_runs',
        'settings',
      ]),
    );
  });

  it('reopening an up-to-date file changes nothing and keeps the data', () => {
    const first = open();
    first.orders.upsertMany([makeOrderInput()], at('2026-11-24T09:00'));
    first.close();

    const again = open();
    expect(userVersion(again.db)).toBe(NEWEST_SCHEMA);
    expect(again.orders.count()).toBe(1);
  });

  it('refuses a database written by a newer version, with a message the operator can act on', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${NEWEST_SCHEMA + 1}`);
    raw.close();

    expect(() => openStore(file)).toThrow(
      `The desk database ${file} was written by a newer version of Auto Call Scheduler (schema ${NEWEST_SCHEMA + 1}, this version knows ${NEWEST_SCHEMA}). Update the app`,
    );
    const after = new Database(file);
    expect(userVersion(after)).toBe(NEWEST_SCHEMA + 1);
    expect(after.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'orders'").get()).toEqual({
      n: 0,
    });
    after.close();
  });

  it('applies only the migrations a file has not seen, once each', () => {
    const store = open();
    const withSecond = [
      ...MIGRATIONS,
      { version: NEWEST_SCHEMA + 1, name: 'note', up: 'ALTER TABLE orders ADD note TEXT' },
    ];
    migrate(store.db, withSecond);
    expect(userVersion(store.db)).toBe(NEWEST_SCHEMA + 1);
    // Running the list again would fail on the duplicate column if anything were re-applied.
    expect(() => migrate(store.db, withSecond)).not.toThrow();
  });

  it('rolls a failing migration back completely, leaving the previous version', () => {
    const store = open();
    const broken = [
      ...MIGRATIONS,
      {
        version: NEWEST_SCHEMA + 1,
        name: 'broken',
        up: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;',
      },
    ];
    expect(() => migrate(store.db, broken)).toThrow(/no_such_table/);
    expect(userVersion(store.db)).toBe(NEWEST_SCHEMA);
    expect(tableNames(store)).not.toContain('half_done');
  });

  it.skipIf(process.platform === 'win32')(
    'creates a missing data folder readable by the operator only (customer data lives there)',
    () => {
      file = join(dir, 'new', 'data', 'desk.sqlite');
      open();
      expect(statSync(join(dir, 'new', 'data')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700);
    },
  );

  it('runs in WAL mode with foreign keys on', () => {
    const store = open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('orders: idempotent upsert by AWB', () => {
  it('adds new orders, stamping when they were first seen', () => {
    const store = open();
    const outcome = store.orders.upsertMany(
      [makeOrderInput({ awb: 'AWB1' }), makeOrderInput({ awb: 'AWB2', ...indianPhone(2) })],
      at('2026-11-24T09:00'),
    );
    expect(outcome).toEqual({ added: ['AWB1', 'AWB2'], updated: [], unchanged: [], typeChanges: [] });
    expect(store.orders.get('AWB1')).toEqual({
      ...makeOrderInput({ awb: 'AWB1' }),
      firstSeenAt: at('2026-11-24T09:00'),
      updatedAt: at('2026-11-24T09:00'),
    });
  });

  it('re-importing the same data changes nothing, not even updatedAt', () => {
    const store = open();
    store.orders.upsertMany([makeOrderInput()], at('2026-11-24T09:00'));
    const outcome = store.orders.upsertMany([makeOrderInput()], at('2026-11-24T11:00'));
    expect(outcome).toEqual({ added: [], updated: [], unchanged: ['AWB1000001'], typeChanges: [] });
    expect(store.orders.get('AWB1000001')?.updatedAt).toBe(at('2026-11-24T09:00'));
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM order_type_changes').get()).toEqual({ n: 0 });
  });

  it('treats null and a value as different (COD amount removed)', () => {
    const store = open();
    store.orders.upsertMany([makeOrderInput({ codAmount: 499 })], at('2026-11-24T09:00'));
    expect(
      store.orders.upsertMany([makeOrderInput({ codAmount: null })], at('2026-11-24T10:00')).updated,
    ).toEqual(['AWB1000001']);
    expect(store.orders.get('AWB1000001')?.codAmount).toBeNull();
  });

  it('updates a changed order without ever moving firstSeenAt', () => {
    const store = open();
    store.orders.upsertMany([makeOrderInput()], at('2026-11-24T09:00'));
    const outcome = store.orders.upsertMany(
      [makeOrderInput({ customer: 'Raj K.', address: '14 Chandni Chowk' })],
      at('2026-11-25T09:00'),
    );
    expect(outcome).toEqual({ added: [], updated: ['AWB1000001'], unchanged: [], typeChanges: [] });
    const stored = store.orders.get('AWB1000001')!;
    expect(stored).toMatchObject({ customer: 'Raj K.', address: '14 Chandni Chowk' });
    expect(stored.firstSeenAt).toBe(at('2026-11-24T09:00'));
    expect(stored.updatedAt).toBe(at('2026-11-25T09:00'));
  });

  it('lets the last of two rows for the same AWB win within one import', () => {
    const store = open();
    const outcome = store.orders.upsertMany(
      [makeOrderInput({ customer: 'First' }), makeOrderInput({ customer: 'Second' })],
      at('2026-11-24T09:00'),
    );
    expect(outcome.added).toEqual(['AWB1000001']);
    expect(outcome.updated).toEqual(['AWB1000001']);
    expect(store.orders.get('AWB1000001')?.customer).toBe('Second');
    expect(store.orders.count()).toBe(1);
  });

  it('records a type change from an import in order_type_changes', () => {
    const store = open();
    store.orders.upsertMany([makeOrderInput()], at('2026-11-24T09:00'));
    const outcome = store.orders.upsertMany(
      [makeOrderInput({ type: 'Delivered', rawStatus: 'Delivered to customer' })],
      at('2026-11-24T11:30'),
    );
    expect(outcome.typeChanges).toEqual([{ awb: 'AWB1000001', from: 'OFD', to: 'Delivered' }]);
    expect(
      store.db
        .prepare('SELECT awb, from_type, to_type, raw_status, changed_at FROM order_type_changes')
        .all(),
    ).toEqual([
      {
        awb: 'AWB1000001',
        from_type: 'OFD',
        to_type: 'Delivered',
        raw_status: 'Delivered to customer',
        changed_at: at('2026-11-24T11:30'),
      },
    ]);
  });

  it('applies status changes from sync, keeping every type change in order', () => {
    const store = open();
    store.orders.upsertMany(
      [makeOrderInput({ type: 'In Transit', rawStatus: 'In transit' })],
      at('2026-11-24T08:00'),
    );

    const toOfd = store.orders.applyStatusChanges(
      [{ awb: 'AWB1000001', type: 'OFD', rawStatus: 'Out for delivery' }],
      at('2026-11-24T09:30'),
    );
    expect(toOfd.typeChanges).toEqual([{ awb: 'AWB1000001', from: 'In Transit', to: 'OFD' }]);

    const toUndelivered = store.orders.applyStatusChanges(
      [{ awb: 'AWB1000001', type: 'Undelivered', rawStatus: 'Customer not available' }],
      at('2026-11-24T15:00'),
    );
    expect(toUndelivered.typeChanges).toEqual([{ awb: 'AWB1000001', from: 'OFD', to: 'Undelivered' }]);

    const rows = store.db
      .prepare('SELECT from_type, to_type, changed_at FROM order_type_changes WHERE awb = ? ORDER BY id')
      .all('AWB1000001');
    expect(rows).toEqual([
      { from_type: 'In Transit', to_type: 'OFD', changed_at: at('2026-11-24T09:30') },
      { from_type: 'OFD', to_type: 'Undelivered', changed_at: at('2026-11-24T15:00') },
    ]);
    expect(store.orders.get('AWB1000001')).toMatchObject({
      type: 'Undelivered',
      rawStatus: 'Customer not available',
      firstSeenAt: at('2026-11-24T08:00'),
      updatedAt: at('2026-11-24T15:00'),
    });
  });

  it('a status text change without a type change is an update but not a type change', () => {
    const store = open();
    store.orders.upsertMany([makeOrderInput()], at('2026-11-24T08:00'));
    const outcome = store.orders.applyStatusChanges(
      [{ awb: 'AWB1000001', type: 'OFD', rawStatus: 'Out for delivery (2nd attempt)' }],
      at('2026-11-24T09:00'),
    );
    expect(outcome).toEqual({ added: [], updated: ['AWB1000001'], unchanged: [], typeChanges: [] });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM order_type_changes').get()).toEqual({ n: 0 });
  });

  it('ignores status changes for unknown AWBs and reports unchanged ones', () => {
    const store = open();
    store.orders.upsertMany([makeOrderInput()], at('2026-11-24T08:00'));
    const outcome = store.orders.applyStatusChanges(
      [
        { awb: 'AWB1000001', type: 'OFD', rawStatus: 'Out for delivery' },
        { awb: 'AWB_UNKNOWN', type: 'Delivered', rawStatus: 'Delivered' },
      ],
      at('2026-11-24T09:00'),
    );
    expect(outcome).toEqual({ added: [], updated: [], unchanged: ['AWB1000001'], typeChanges: [] });
    expect(store.orders.get('AWB_UNKNOWN')).toBeUndefined();
    expect(store.orders.get('AWB1000001')?.updatedAt).toBe(at('2026-11-24T08:00'));
  });

  it('lists orders oldest first, then by AWB', () => {
    const store = open();
    store.orders.upsertMany([makeOrderInput({ awb: 'AWB3' })], at('2026-11-24T10:00'));
    store.orders.upsertMany(
      [makeOrderInput({ awb: 'AWB2' }), makeOrderInput({ awb: 'AWB1' })],
      at('2026-11-24T09:00'),
    );
    expect(store.orders.list().map((order) => order.awb)).toEqual(['AWB1', 'AWB2', 'AWB3']);
  });

  it('keeps an invalid phone with its problem', () => {
    const store = open();
    store.orders.upsertMany(
      [makeOrderInput({ phoneRaw: '12345', phoneE164: null, phoneProblem: 'too short' })],
      at('2026-11-24T09:00'),
    );
    expect(store.orders.get('AWB1000001')).toMatchObject({ phoneE164: null, phoneProblem: 'too short' });
  });
});

describe('calls: written before dialling, followed to the end', () => {
  const sessionStart = at('2026-11-24T10:00');

  function seed(store: Store): number {
    store.orders.upsertMany(
      [makeOrderInput({ awb: 'AWB1' }), makeOrderInput({ awb: 'AWB2' })],
      at('2026-11-24T09:00'),
    );
    return store.sessions.start({
      startedAt: sessionStart,
      trigger: 'scheduled',
      planned: 1,
      newCalls: 1,
      retryCalls: 0,
      skipped: emptySkipCounts(),
    });
  }

  function pending(sessionId: number, overrides: Partial<PendingCall> = {}): PendingCall {
    return {
      sessionId,
      sessionStartedAt: sessionStart,
      phoneE164: '+919876500001',
      kind: 'new',
      orders: [{ awb: 'AWB1', attemptNumber: 1 }],
      startedAt: at('2026-11-24T10:07'),
      provider: 'live',
      ...overrides,
    };
  }

  const busy: CallResult = {
    state: 'ended',
    endedReason: 'customer-busy',
    outcome: 'busy',
    successful: false,
    endedAt: at('2026-11-24T10:08'),
    durationSeconds: 12.5,
    cost: 0.04,
    summary: null,
    structuredData: { wantsRedelivery: true },
    transcript: 'AI: Hello?',
    recordingUrl: 'https://example.invalid/rec.wav',
    providerJson: { id: 'vapi-1', status: 'ended' },
    answer: null,
    callbackAt: null,
    noCallBefore: null,
    closesOrder: false,
    badNumber: false,
    talkSeconds: null,
  };

  it('stores a pending call with the orders it covers and each order\u2019s attempt number', () => {
    const store = open();
    const sessionId = seed(store);
    const id = store.calls.insertPending(
      pending(sessionId, {
        kind: 'new',
        orders: [
          { awb: 'AWB2', attemptNumber: 2 },
          { awb: 'AWB1', attemptNumber: 1 },
        ],
      }),
    );
    const call = store.calls.get(id)!;
    expect(call).toMatchObject({
      id,
      sessionId,
      sessionStartedAt: sessionStart,
      phoneE164: '+919876500001',
      attemptNumber: 2,
      kind: 'new',
      state: 'pending',
      outcome: null,
      successful: false,
      providerCallId: null,
      startedAt: at('2026-11-24T10:07'),
      endedAt: null,
      error: null,
    });
    expect([...call.awbs].sort()).toEqual(['AWB1', 'AWB2']);
    expect(
      store.db.prepare('SELECT awb, attempt_number FROM call_orders WHERE call_id = ? ORDER BY awb').all(id),
    ).toEqual([
      { awb: 'AWB1', attempt_number: 1 },
      { awb: 'AWB2', attempt_number: 2 },
    ]);
  });

  it('gives back the covered AWBs in the order the call was written', () => {
    const store = open();
    const sessionId = seed(store);
    const id = store.calls.insertPending(
      pending(sessionId, {
        orders: [
          { awb: 'AWB2', attemptNumber: 1 },
          { awb: 'AWB1', attemptNumber: 1 },
        ],
      }),
    );
    expect(store.calls.get(id)?.awbs).toEqual(['AWB2', 'AWB1']);
  });

  it('refuses a call for an unknown order and writes none of it', () => {
    const store = open();
    const sessionId = seed(store);
    expect(() =>
      store.calls.insertPending(
        pending(sessionId, {
          orders: [
            { awb: 'AWB1', attemptNumber: 1 },
            { awb: 'AWB_MISSING', attemptNumber: 1 },
          ],
        }),
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(store.calls.all()).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM call_orders').get()).toEqual({ n: 0 });
  });

  it('keeps a pending call visible after a crash before the provider answered', () => {
    const before = open();
    const sessionId = seed(before);
    const id = before.calls.insertPending(pending(sessionId));
    expect(before.calls.unfinished().map((call) => call.id)).toEqual([id]);

    // The process dies: the first connection is never closed; a new one opens the same file.
    const afterCrash = open();
    const unfinished = afterCrash.calls.unfinished();
    expect(unfinished).toHaveLength(1);
    expect(unfinished[0]).toMatchObject({ id, state: 'pending', outcome: null, awbs: ['AWB1'] });
    afterCrash.close();
    before.close();

    // And after a clean restart too.
    const restarted = open();
    expect(restarted.calls.unfinished().map((call) => call.id)).toEqual([id]);
  });

  it('a pending call left by a crash holds the number for the cooldown, and past it until its fate is known', () => {
    const before = open();
    const sessionId = seed(before);
    before.calls.insertPending(pending(sessionId));
    before.close();

    const store = open();
    const plan = (session: string) =>
      planSession({
        ...readPlanningInput(store),
        settings: makeSettings(),
        sessionStart: at(session),
      });
    const at11 = plan('2026-11-24T11:00');
    expect(at11.queue).toEqual([]);
    expect(at11.skipped.find((skip) => skip.awb === 'AWB1')).toMatchObject({
      reason: 'cooldown',
      detail: 'cooldown until 12:00',
    });
    // Past the cooldown, the call's fate is still unknown (it may have been answered): nobody is dialled
    // until the reconciler learns from VAPI how it went.
    const at12 = plan('2026-11-24T12:00');
    expect(at12.queue).toEqual([]);
    expect(at12.skipped.find((skip) => skip.awb === 'AWB1')).toMatchObject({ reason: 'unresolved' });
  });

  it('records the provider accepting the call; it is still unfinished', () => {
    const store = open();
    const id = store.calls.insertPending(pending(seed(store)));
    store.calls.markAccepted(id, 'vapi-1', 'queued', { id: 'vapi-1', status: 'queued' });
    expect(store.calls.get(id)).toMatchObject({
      providerCallId: 'vapi-1',
      state: 'queued',
      providerJson: { id: 'vapi-1', status: 'queued' },
    });
    store.calls.markProgress(id, 'in-progress', { id: 'vapi-1', status: 'in-progress' });
    expect(store.calls.get(id)?.state).toBe('in-progress');
    expect(store.calls.unfinished().map((call) => call.id)).toEqual([id]);
  });

  it('finishes a call with the provider\u2019s result', () => {
    const store = open();
    const id = store.calls.insertPending(pending(seed(store)));
    store.calls.markAccepted(id, 'vapi-1', 'queued', null);
    store.calls.finish(id, busy);
    expect(store.calls.get(id)).toMatchObject({ ...busy, providerCallId: 'vapi-1', error: null });
    expect(store.calls.unfinished()).toEqual([]);
  });

  it('stores a successful answer as successful', () => {
    const store = open();
    const id = store.calls.insertPending(pending(seed(store)));
    store.calls.finish(id, {
      ...busy,
      outcome: 'answered',
      successful: true,
      endedReason: 'customer-ended-call',
    });
    expect(store.calls.get(id)).toMatchObject({ outcome: 'answered', successful: true });
  });

  it.each(['error', 'interrupted'] as const)(
    'ends a call as %s with the reason, never successful',
    (outcome) => {
      const store = open();
      const id = store.calls.insertPending(pending(seed(store)));
      store.calls.markFailed(id, outcome, at('2026-11-24T10:07:05'), 'VAPI answered 500');
      expect(store.calls.get(id)).toMatchObject({
        state: 'ended',
        outcome,
        successful: false,
        endedAt: at('2026-11-24T10:07:05'),
        error: 'VAPI answered 500',
      });
      expect(store.calls.unfinished()).toEqual([]);
    },
  );

  it('lists calls newest first, by session, since a time, and by page; all() oldest first', () => {
    const store = open();
    const first = seed(store);
    const second = store.sessions.start({
      startedAt: at('2026-11-24T12:00'),
      trigger: 'scheduled',
      planned: 1,
      newCalls: 0,
      retryCalls: 1,
      skipped: emptySkipCounts(),
    });
    const a = store.calls.insertPending(pending(first, { startedAt: at('2026-11-24T10:00:05') }));
    const b = store.calls.insertPending(
      pending(first, { orders: [{ awb: 'AWB2', attemptNumber: 1 }], startedAt: at('2026-11-24T10:00:06') }),
    );
    const c = store.calls.insertPending(
      pending(second, {
        sessionStartedAt: at('2026-11-24T12:00'),
        kind: 'retry',
        orders: [{ awb: 'AWB1', attemptNumber: 2 }],
        startedAt: at('2026-11-24T12:00:03'),
      }),
    );
    const ids = (calls: { id: number }[]) => calls.map((call) => call.id);
    expect(ids(store.calls.all())).toEqual([a, b, c]);
    expect(ids(store.calls.list())).toEqual([c, b, a]);
    expect(ids(store.calls.list({ sessionId: first }))).toEqual([b, a]);
    expect(ids(store.calls.list({ since: at('2026-11-24T10:00:06') }))).toEqual([c, b]);
    expect(ids(store.calls.list({ limit: 2 }))).toEqual([c, b]);
    expect(ids(store.calls.list({ limit: 2, offset: 2 }))).toEqual([a]);
    expect(store.calls.get(c)).toMatchObject({ kind: 'retry', attemptNumber: 2, awbs: ['AWB1'] });
  });
});

describe('sessions and skipped runs', () => {
  const skipped = {
    notCallable: 3,
    successful: 1,
    maxAttempts: 0,
    invalidPhone: 2,
    cooldown: 5,
    unresolved: 0,
    stopped: 0,
    rescheduled: 0,
  };

  it('starts a session as running with its plan and ends it', () => {
    const store = open();
    const id = store.sessions.start({
      startedAt: at('2026-11-24T10:00'),
      trigger: 'scheduled',
      planned: 10,
      newCalls: 7,
      retryCalls: 3,
      skipped,
    });
    expect(store.sessions.get(id)).toEqual({
      id,
      startedAt: at('2026-11-24T10:00'),
      trigger: 'scheduled',
      state: 'running',
      endedAt: null,
      planned: 10,
      newCalls: 7,
      retryCalls: 3,
      skipped,
      note: null,
    });
    expect(store.sessions.running().map((session) => session.id)).toEqual([id]);

    store.sessions.end(id, 'closed', at('2026-11-24T17:00'), 'working hours ended');
    expect(store.sessions.get(id)).toMatchObject({
      state: 'closed',
      endedAt: at('2026-11-24T17:00'),
      note: 'working hours ended',
    });
    expect(store.sessions.running()).toEqual([]);
  });

  it('a session left running by a crash is still running after reopening', () => {
    const before = open();
    const id = before.sessions.start({
      startedAt: at('2026-11-24T11:00'),
      trigger: 'manual',
      planned: 1,
      newCalls: 1,
      retryCalls: 0,
      skipped: emptySkipCounts(),
    });
    before.close();
    const after = open();
    expect(after.sessions.running()).toMatchObject([{ id, trigger: 'manual', state: 'running' }]);
  });

  it('finds sessions started in [from, to), oldest first', () => {
    const store = open();
    const start = (local: string) =>
      store.sessions.start({
        startedAt: at(local),
        trigger: 'scheduled',
        planned: 0,
        newCalls: 0,
        retryCalls: 0,
        skipped: emptySkipCounts(),
      });
    const late = start('2026-11-24T13:00');
    const early = start('2026-11-24T10:00');
    start('2026-11-25T10:00');
    start('2026-11-23T13:00');
    const day = store.sessions.between(at('2026-11-24T00:00'), at('2026-11-25T00:00'));
    expect(day.map((session) => session.id)).toEqual([early, late]);
    expect(store.sessions.between(at('2026-11-24T10:00'), at('2026-11-24T13:00')).map((s) => s.id)).toEqual([
      early,
    ]);
  });

  it('records runs that never became sessions and finds them by time', () => {
    const store = open();
    store.sessions.recordSkippedRun({
      at: at('2026-11-24T17:30'),
      trigger: 'manual',
      reason: 'outside working hours',
    });
    store.sessions.recordSkippedRun({
      at: at('2026-11-24T11:00'),
      trigger: 'scheduled',
      reason: 'a session is already running',
    });
    store.sessions.recordSkippedRun({ at: at('2026-11-25T10:00'), trigger: 'scheduled', reason: 'later' });
    const runs = store.sessions.skippedRunsBetween(at('2026-11-24T00:00'), at('2026-11-25T00:00'));
    expect(runs.map(({ at: when, trigger, reason }) => ({ when, trigger, reason }))).toEqual([
      { when: at('2026-11-24T11:00'), trigger: 'scheduled', reason: 'a session is already running' },
      { when: at('2026-11-24T17:30'), trigger: 'manual', reason: 'outside working hours' },
    ]);
  });
});

describe('settings', () => {
  it('stores JSON by key, overwrites, removes on undefined and survives reopening', () => {
    const store = open();
    expect(store.settings.getJson('calling')).toBeUndefined();
    store.settings.setJson('calling', { cooldownMinutes: 120, slots: ['10:00'] });
    store.settings.setJson('calling', { cooldownMinutes: 90, slots: ['10:00', '11:00'] });
    store.settings.setJson('csvMapping', { phone: 'Mobile' });
    store.settings.setJson('csvMapping', undefined);
    store.close();

    const again = open();
    expect(again.settings.getJson('calling')).toEqual({ cooldownMinutes: 90, slots: ['10:00', '11:00'] });
    expect(again.settings.getJson('csvMapping')).toBeUndefined();
  });
});
