/**
 * The view worker from the main thread, as the desk uses it (from the TypeScript sources through tsx, as
 * `npm run serve` and the tests run it): the same pages as a reader on the main thread, the desk's argument
 * errors with their field, a write by the desk seen at the next read, and a worker that died replaced at the
 * next request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskArgumentError } from '../../src/shared/contract';
import { ViewWorker } from '../../src/main/desk/view-pages/view-client';
import { openViewConnection, ViewReader } from '../../src/main/desk/view-pages/view-reader';
import { openStore, type Store } from '../../src/main/store';
import { at, makeOrderInput, makeSettings } from '../helpers/factories';
import { seedRandomDesk } from '../helpers/desk-history';

const NOW = at('2026-11-24T11:00');
const settings = makeSettings();
let dir: string;
let store: Store;
let views: ViewWorker;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acs-view-worker-'));
  store = openStore(join(dir, 'desk.sqlite'));
  seedRandomDesk(store, 11, 80, NOW);
  views = new ViewWorker({ databaseFile: store.file });
});

afterEach(async () => {
  await views.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the view worker', () => {
  it('answers the same pages as a reader on the main thread', async () => {
    const db = openViewConnection(store.file);
    try {
      const here = new ViewReader(db);
      const queue = { settings, plannedFor: NOW };
      expect(await views.queue({ tab: 'excluded', limit: 20 }, queue)).toEqual(
        here.queue({ tab: 'excluded', limit: 20 }, queue),
      );
      expect(await views.orders({ sort: 'customer', search: 'a' }, { settings, now: NOW })).toEqual(
        here.orders({ sort: 'customer', search: 'a' }, { settings, now: NOW }),
      );
      expect(await views.history({ tab: 'failed', limit: 7 })).toEqual(
        here.history({ tab: 'failed', limit: 7 }),
      );
    } finally {
      db.close();
    }
  });

  it("refuses a bad cursor with the desk's argument error, naming the field", async () => {
    const refusal = views.orders({ cursor: 'nonsense' }, { settings, now: NOW });
    await expect(refusal).rejects.toBeInstanceOf(DeskArgumentError);
    await expect(refusal).rejects.toMatchObject({
      field: 'cursor',
      message: expect.stringMatching(/^cursor: /),
    });
  });

  it("sees the desk's writes at the next read", async () => {
    const before = await views.orders({ limit: 1 }, { settings, now: NOW });
    store.orders.upsertMany([makeOrderInput({ awb: 'NEW0001' })], NOW);
    const after = await views.orders({ awb: 'NEW0001' }, { settings, now: NOW });
    expect(after.rows.map((order) => order.awb)).toEqual(['NEW0001']);
    expect(after.counts.all).toBe(before.counts.all + 1);
  });

  it('starts a new worker at the next request when the last one died', async () => {
    await views.history({ limit: 1 });
    const running = (views as unknown as { worker: Worker }).worker;
    await running.terminate();
    await expect(views.history({ limit: 1 })).resolves.toMatchObject({
      counts: { calls: expect.any(Number) },
    });
  });
});
