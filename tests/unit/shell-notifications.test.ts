import { describe, expect, it } from 'vitest';
import { NotificationPlanner, sessionEndedNotification } from '../../src/main/shell/notifications';
import type { SessionSummary } from '../../src/shared/desk-types';
import { deskStatus, ist, liveSession } from './shell-fixtures';

function summary(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 7,
    startedAt: ist('10:00'),
    trigger: 'scheduled',
    state: 'completed',
    endedAt: ist('10:20'),
    calls: 100,
    newCalls: 80,
    retryCalls: 20,
    successful: 70,
    failed: 30,
    errors: 0,
    skipped: {
      notCallable: 0,
      successful: 0,
      maxAttempts: 0,
      invalidPhone: 0,
      cooldown: 0,
      unresolved: 0,
      stopped: 0,
      rescheduled: 0,
    },
    cost: 0,
    ...overrides,
  };
}

describe('session ended notification', () => {
  it('reads "Session 10:00 finished — 100 calls, 70 successful, 30 to retry"', () => {
    const note = sessionEndedNotification(liveSession(), summary(), 'Asia/Kolkata');
    expect(`${note.title} — ${note.body}`).toBe(
      'Session 10:00 finished — 100 calls, 70 successful, 30 to retry',
    );
  });

  it('names manual and stopped sessions and counts errors', () => {
    const note = sessionEndedNotification(
      liveSession({ trigger: 'manual' }),
      summary({
        trigger: 'manual',
        startedAt: ist('15:02'),
        state: 'stopped',
        calls: 1,
        successful: 0,
        failed: 1,
        errors: 2,
      }),
      'Asia/Kolkata',
    );
    expect(note).toEqual({
      title: 'Manual session 15:02 stopped',
      body: '1 call, 0 successful, 1 to retry, 2 errors',
    });
  });

  it('falls back to the last live counts when the summary cannot be read', () => {
    const note = sessionEndedNotification(liveSession({ trigger: 'catch-up' }), null, 'Asia/Kolkata');
    expect(note).toEqual({
      title: 'Catch-up session 10:00 finished',
      body: '40 calls, 30 successful, 10 to retry',
    });
  });

  it('says so when nobody was due a call', () => {
    const note = sessionEndedNotification(
      liveSession(),
      summary({ calls: 0, successful: 0, failed: 0 }),
      'Asia/Kolkata',
    );
    expect(note.body).toBe('Nobody was due a call.');
  });
});

describe('notification planner', () => {
  it('reports a session once, when it disappears from the status', () => {
    const planner = new NotificationPlanner(0);
    expect(planner.observe(deskStatus({ session: liveSession() }))).toEqual([]);
    expect(planner.observe(deskStatus({ session: liveSession({ completed: 100 }) }))).toEqual([]);
    const events = planner.observe(deskStatus());
    expect(events).toEqual([
      { kind: 'sessionEnded', session: liveSession({ completed: 100 }), timezone: 'Asia/Kolkata' },
    ]);
    expect(planner.observe(deskStatus())).toEqual([]);
  });

  it('reports the previous session when the next one replaced it between two statuses', () => {
    const planner = new NotificationPlanner(0);
    planner.observe(deskStatus({ session: liveSession({ id: 7 }) }));
    const events = planner.observe(deskStatus({ session: liveSession({ id: 8 }) }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'sessionEnded', session: { id: 7 } });
  });

  it('announces a new provider problem once, and not problems from before the app started', () => {
    const planner = new NotificationPlanner(ist('10:00'));
    const old = { at: ist('09:00'), level: 'error' as const, message: 'Order sync failed: timeout' };
    const fresh = { at: ist('10:01'), level: 'error' as const, message: 'VAPI rejected the API key (401)' };
    expect(planner.observe(deskStatus({ attention: [old] }))).toEqual([]);
    expect(planner.observe(deskStatus({ attention: [fresh, old] }))).toEqual([
      {
        kind: 'attention',
        notification: {
          title: 'Auto Call Scheduler needs attention',
          body: 'VAPI rejected the API key (401)',
        },
      },
    ]);
    expect(planner.observe(deskStatus({ attention: [fresh, old] }))).toEqual([]);
  });

  it('does not repeat the same problem within 30 minutes, but does after', () => {
    const planner = new NotificationPlanner(0);
    const at = (hhmm: string) => ({
      at: ist(hhmm),
      level: 'error' as const,
      message: 'Order sync failed: timeout',
    });
    expect(planner.observe(deskStatus({ attention: [at('10:00')] }))).toHaveLength(1);
    expect(planner.observe(deskStatus({ attention: [at('10:20'), at('10:00')] }))).toEqual([]);
    expect(planner.observe(deskStatus({ attention: [at('10:31'), at('10:20'), at('10:00')] }))).toHaveLength(
      1,
    );
  });

  it('folds a burst of problems into one notification', () => {
    const planner = new NotificationPlanner(0);
    const attention = [
      { at: ist('10:00'), level: 'error' as const, message: 'VAPI is not answering (503)' },
      { at: ist('10:00') + 1, level: 'error' as const, message: 'VAPI is not answering (503)' },
      { at: ist('10:00') + 2, level: 'error' as const, message: 'Order sync failed: timeout' },
    ];
    const events = planner.observe(deskStatus({ attention }));
    expect(events).toEqual([
      {
        kind: 'attention',
        notification: {
          title: 'Auto Call Scheduler needs attention',
          body: 'VAPI is not answering (503) (and 1 more)',
        },
      },
    ]);
  });
});
