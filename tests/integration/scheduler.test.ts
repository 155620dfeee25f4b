/**
 * The scheduler on the real engine: slots, run-now inside working hours only, never two sessions, skipped
 * slots recorded, provider failures survived, and no second call within the cooldown after a crash.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeScheduleSlotTimer, type SlotTimer } from '../../src/main/engine/slot-timer';
import { tallyCalls } from '../../src/main/domain/call';
import type { CallProvider } from '../../src/main/engine/provider';
import { orderInputFromRecord } from '../../src/main/intake/records';
import { local, startHarness, type Harness } from '../helpers/engine-harness';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
  vi.useRealTimers();
});

async function harness(options: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const created = await startHarness(options);
  harnesses.push(created);
  return created;
}

function addOrders(h: Harness, count: number, phonePrefix = '98765') {
  const inputs = Array.from({ length: count }, (_, index) =>
    orderInputFromRecord(
      {
        awb: `AWB${String(index + 1).padStart(5, '0')}`,
        customer: `Customer ${index + 1}`,
        phone: `${phonePrefix}${String(index + 1).padStart(5, '0')}`,
        type: 'OFD',
      },
      'IN',
    ),
  );
  h.store.orders.upsertMany(inputs, h.clock.now());
}

describe('run now', () => {
  it('is refused outside working hours with the reason, and the refusal is recorded', async () => {
    const h = await harness({ start: '2026-11-24T09:40' });
    addOrders(h, 2);
    await expect(h.scheduler.runNow()).resolves.toEqual({ started: false, reason: 'outside working hours' });
    await h.advanceTo('2026-11-24T17:00');
    await expect(h.scheduler.runNow()).resolves.toEqual({ started: false, reason: 'outside working hours' });
    expect(h.store.sessions.between(0, Number.MAX_SAFE_INTEGER)).toHaveLength(0);
    expect(h.store.sessions.skippedRunsBetween(0, Number.MAX_SAFE_INTEGER).map((run) => run.reason)).toEqual([
      'outside working hours',
      'outside working hours',
    ]);
    expect(h.fake.created()).toHaveLength(0);
  });

  it('is refused while a session is dialling: never two sessions at once', async () => {
    const h = await harness({ start: '2026-11-24T14:00', settings: { concurrency: 1 } });
    addOrders(h, 3);
    const first = await h.scheduler.runNow();
    expect(first.started).toBe(true);
    await expect(h.scheduler.runNow()).resolves.toEqual({
      started: false,
      reason: 'a session is already running',
    });
    await h.advanceTo('2026-11-24T14:10');
    expect(h.store.sessions.between(0, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
    expect(h.fake.created()).toHaveLength(3);
  });
});

describe('slots', () => {
  it('skips and records a slot that comes while a session still dials', async () => {
    const h = await harness({
      start: '2026-11-24T09:59',
      settings: { concurrency: 1, slots: ['10:00', '11:00'] },
      fake: { callSeconds: 25 * 60 },
      maxCallSeconds: 25 * 60,
      pollIntervalMs: 5_000,
    });
    addOrders(h, 3);
    h.scheduler.start();
    await h.advanceTo('2026-11-24T11:10');
    expect(h.scheduler.sessionRunning).toBe(true);
    expect(h.store.sessions.skippedRunsBetween(0, Number.MAX_SAFE_INTEGER)).toEqual([
      expect.objectContaining({
        at: local('2026-11-24T11:00'),
        trigger: 'scheduled',
        reason: 'a session was still dialling',
      }),
    ]);
    expect(h.store.sessions.between(0, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
  });

  it('fires nothing while stopped and resumes with the next slot once started again', async () => {
    const h = await harness({ start: '2026-11-24T09:00', settings: { slots: ['10:00', '11:00'] } });
    addOrders(h, 1);
    h.scheduler.start();
    expect(h.scheduler.nextRuns(2)).toEqual([local('2026-11-24T10:00'), local('2026-11-24T11:00')]);
    h.scheduler.stop();
    expect(h.scheduler.nextRuns(2)).toEqual([]);
    await h.advanceTo('2026-11-24T10:30');
    expect(h.store.sessions.between(0, Number.MAX_SAFE_INTEGER)).toHaveLength(0);
    h.scheduler.start();
    await h.advanceTo('2026-11-24T11:05');
    const sessions = h.store.sessions.between(0, Number.MAX_SAFE_INTEGER);
    expect(sessions.map((session) => session.startedAt)).toEqual([local('2026-11-24T11:00')]);
  });

  it('node-schedule fires the slots at the desk-zone wall clock, whatever zone the machine is in', () => {
    vi.useFakeTimers({ now: local('2026-11-24T09:59') });
    const fired: number[] = [];
    const armed = nodeScheduleSlotTimer.arm({ slots: ['10:00', '11:00'], timezone: 'Asia/Kolkata' }, (slot) =>
      fired.push(slot),
    );
    vi.advanceTimersByTime(62 * 60_000);
    armed.cancel();
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(fired).toEqual([local('2026-11-24T10:00'), local('2026-11-24T11:00')]);
  });
});

describe('failures', () => {
  it('survives a provider that throws: the error is logged, the session and the next slot go on', async () => {
    let failNext = true;
    const h = await harness({
      start: '2026-11-24T09:59',
      settings: { slots: ['10:00', '12:30'], concurrency: 1 },
      provider: (client): CallProvider => ({
        createCall: (request) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('socket hang up'));
          }
          return client.createCall(request);
        },
        getCall: (id) => client.getCall(id),
        listCalls: (query) => client.listCalls(query),
      }),
    });
    addOrders(h, 3);
    h.scheduler.start();
    await h.advanceTo('2026-11-24T10:30');
    const [session] = h.store.sessions.between(0, Number.MAX_SAFE_INTEGER);
    expect(session).toMatchObject({ state: 'completed' });
    expect(tallyCalls(h.store.calls.all())).toMatchObject({ calls: 2, errors: 1 });
    expect(h.logs.some((entry) => entry.level === 'error' && entry.message.includes('socket hang up'))).toBe(
      true,
    );
    const errored = h.store.calls.all().filter((call) => call.outcome === 'error');
    expect(errored).toHaveLength(1);
    await h.advanceTo('2026-11-24T12:35');
    // The number whose call was never placed is not in cooldown: it is called at 12:30 as a first attempt.
    const noon = h.store.calls.all().filter((call) => call.sessionStartedAt === local('2026-11-24T12:30'));
    expect(noon.map((call) => [call.phoneE164, call.attemptNumber])).toEqual([[errored[0]!.phoneE164, 1]]);
  });

  it('after a crash in mid-session, asks VAPI how every call in flight went and never dials them again', async () => {
    const before = await harness({ start: '2026-11-24T10:00', settings: { concurrency: 5 } });
    addOrders(before, 5);
    await before.scheduler.runNow();
    await before.advanceTo('2026-11-24T10:00:10');
    expect(before.store.calls.unfinished()).toHaveLength(5);
    // The app dies: nothing is finished or closed cleanly. VAPI lives on; a new process opens the same file.
    harnesses.splice(harnesses.indexOf(before), 1);
    before.kill();

    const after = await harness({
      start: '2026-11-24T10:30',
      storeFile: before.storeFile,
      sharedFake: before.fake,
      clock: before.clock,
    });
    expect(after.store.sessions.running()).toHaveLength(0);
    await after.advanceTo('2026-11-24T10:31');
    expect(after.store.calls.unfinished()).toHaveLength(0);
    expect(after.store.calls.all().map((call) => [call.outcome, call.successful])).toEqual(
      Array(5).fill(['answered', true]),
    );
    const run = await after.scheduler.runNow();
    expect(run.started).toBe(true);
    await after.advanceTo('2026-11-24T10:35');
    expect(before.fake.created()).toHaveLength(5);
    const sessions = after.store.sessions.between(local('2026-11-24T10:30'), Number.MAX_SAFE_INTEGER);
    expect(sessions[0]!.skipped.successful).toBe(5);
    await before.fake.close();
  });

  it('keeps asking VAPI after a restart while it is unreachable, and dials nobody whose call may have rung', async () => {
    const before = await harness({ start: '2026-11-24T10:00', settings: { concurrency: 2 } });
    addOrders(before, 2);
    before.fake.setOutcomes('+919876500001', ['answered']);
    before.fake.setOutcomes('+919876500002', ['busy']);
    await before.scheduler.runNow();
    await before.advanceTo('2026-11-24T10:00:10');
    harnesses.splice(harnesses.indexOf(before), 1);
    before.kill();
    // VAPI cannot be read from the restart until 12:40.
    for (const endpoint of ['getCall', 'listCalls'] as const) {
      before.fake.addFault({ endpoint, status: 503, to: local('2026-11-24T12:40') });
    }

    const after = await harness({
      start: '2026-11-24T10:30',
      storeFile: before.storeFile,
      sharedFake: before.fake,
      clock: before.clock,
      settings: { concurrency: 2 },
    });
    await after.advanceTo('2026-11-24T12:35');
    expect(after.store.calls.all().map((call) => call.state)).toEqual(['unresolved', 'unresolved']);
    // Past the cooldown, but how the calls went is unknown: nobody is dialled.
    await after.scheduler.runNow();
    await after.advanceTo('2026-11-24T12:36');
    const noon = after.store.sessions.between(local('2026-11-24T12:35'), Number.MAX_SAFE_INTEGER)[0]!;
    expect(noon.skipped.unresolved).toBe(2);
    expect(before.fake.created()).toHaveLength(2);
    // VAPI answers again: the reconciler records what really happened.
    await after.advanceTo('2026-11-24T12:55');
    expect(after.store.calls.all().map((call) => [call.phoneE164, call.outcome, call.successful])).toEqual([
      ['+919876500001', 'answered', true],
      ['+919876500002', 'busy', false],
    ]);
    await before.fake.close();
  });
});

describe('catch-up after sleep', () => {
  it('runs the latest missed slot on resume inside working hours and the grace period, recording the others', async () => {
    const h = await harness({ start: '2026-11-24T09:50', settings: { slots: ['10:00', '11:00'] } });
    addOrders(h, 2);
    h.scheduler.start();
    // The machine sleeps from 09:55 to 11:10: neither slot fires (the armed timers are cancelled to model it).
    h.scheduler.stop();
    await h.advanceTo('2026-11-24T11:10');
    h.scheduler.start();
    await h.scheduler.resumeAfterSleep(local('2026-11-24T09:55'), 30);
    await h.advanceTo('2026-11-24T11:20');
    const sessions = h.store.sessions.between(0, Number.MAX_SAFE_INTEGER);
    expect(sessions.map((session) => [session.trigger, session.startedAt])).toEqual([
      ['catch-up', local('2026-11-24T11:10')],
    ]);
    expect(h.store.sessions.skippedRunsBetween(0, Number.MAX_SAFE_INTEGER)).toEqual([
      expect.objectContaining({ at: local('2026-11-24T10:00'), reason: 'missed while the computer slept' }),
    ]);
    expect(h.fake.created()).toHaveLength(2);
  });

  it('records a slot as missed when the machine wakes after the grace period', async () => {
    const h = await harness({ start: '2026-11-24T09:50', settings: { slots: ['10:00'] } });
    addOrders(h, 1);
    h.scheduler.start();
    h.scheduler.stop();
    await h.advanceTo('2026-11-24T11:00');
    h.scheduler.start();
    await h.scheduler.resumeAfterSleep(local('2026-11-24T09:55'), 30);
    await h.advanceTo('2026-11-24T11:05');
    expect(h.store.sessions.between(0, Number.MAX_SAFE_INTEGER)).toHaveLength(0);
    expect(h.store.sessions.skippedRunsBetween(0, Number.MAX_SAFE_INTEGER)).toEqual([
      expect.objectContaining({
        at: local('2026-11-24T10:00'),
        reason: 'missed while the computer slept; more than 30 minutes late',
      }),
    ]);
  });

  it('treats a slot timer that fires long after its time as missed, not as a normal session', async () => {
    // A timer delayed by a suspend fires at 16:00 for the 10:00 slot: 6 hours late, outside the grace period.
    const lateTimer: SlotTimer = {
      arm: (_plan, onSlot) => {
        onSlot(local('2026-11-24T10:00'));
        return { cancel: () => undefined };
      },
    };
    const h = await harness({
      start: '2026-11-24T16:00',
      settings: { slots: ['10:00'] },
      slotTimer: () => lateTimer,
    });
    addOrders(h, 1);
    h.scheduler.start();
    await h.advanceTo('2026-11-24T16:05');
    expect(h.store.sessions.between(0, Number.MAX_SAFE_INTEGER)).toHaveLength(0);
    expect(h.store.sessions.skippedRunsBetween(0, Number.MAX_SAFE_INTEGER)[0]?.reason).toMatch(
      /^missed while the computer slept/,
    );
  });

  it('handles a slot once when both its late timer and the resume report it', async () => {
    let fired = false;
    const lateOnce = (clock: Harness['clock']): SlotTimer => ({
      arm: (_plan, onSlot) => {
        if (!fired) {
          fired = true;
          // The 10:00 timer, delayed by the suspend, fires on wake at 10:10.
          clock.setTimeout(() => onSlot(local('2026-11-24T10:00')), local('2026-11-24T10:10') - clock.now());
        }
        return { cancel: () => undefined };
      },
    });
    const h = await harness({
      start: '2026-11-24T09:50',
      settings: { slots: ['10:00'] },
      slotTimer: lateOnce,
    });
    addOrders(h, 1);
    h.scheduler.start();
    await h.advanceTo('2026-11-24T10:11');
    await h.scheduler.resumeAfterSleep(local('2026-11-24T09:55'), 30);
    await h.advanceTo('2026-11-24T10:20');
    expect(h.store.sessions.between(0, Number.MAX_SAFE_INTEGER).map((session) => session.trigger)).toEqual([
      'catch-up',
    ]);
    expect(h.store.sessions.skippedRunsBetween(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });
});
