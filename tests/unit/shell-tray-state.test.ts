import { describe, expect, it } from 'vitest';
import { trayMenu, trayState, trayView } from '../../src/main/shell/tray-state';
import { deskStatus, ist, liveSession } from './shell-fixtures';

const problem = { at: ist('10:05'), level: 'error' as const, message: 'VAPI rejected the API key (401)' };

describe('tray state', () => {
  it('is idle with the next session time while the scheduler waits for a slot', () => {
    const view = trayView(deskStatus(), 0);
    expect(view.state).toBe('idle');
    expect(view.tooltip).toBe('Auto Call Scheduler — idle, next session 10:00');
  });

  it('is stopped when the scheduler is off', () => {
    const view = trayView(deskStatus({ schedulerRunning: false, nextRuns: [] }), 0);
    expect(view).toEqual({ state: 'stopped', tooltip: 'Auto Call Scheduler — scheduler stopped' });
  });

  it('is running with live counts while a session dials, even when the scheduler is stopped', () => {
    const status = deskStatus({ schedulerRunning: false, session: liveSession() });
    expect(trayState(status, 0)).toBe('running');
    expect(trayView(status, 0).tooltip).toBe(
      'Auto Call Scheduler — session 10:00 running: 40/100 calls, 30 successful',
    );
  });

  it('needs attention for a problem the operator has not seen, above a running session', () => {
    const status = deskStatus({ session: liveSession(), attention: [problem] });
    const view = trayView(status, ist('10:00'));
    expect(view.state).toBe('attention');
    expect(view.tooltip).toBe('Auto Call Scheduler — needs attention: VAPI rejected the API key (401)');
  });

  it('goes back to normal once the operator has looked at the window after the problem', () => {
    const status = deskStatus({ attention: [problem] });
    expect(trayState(status, ist('10:06'))).toBe('idle');
  });

  it('says sandbox in the tooltip and keeps it within the 127 characters Windows shows', () => {
    const long = { ...problem, message: 'x'.repeat(300) };
    const view = trayView(deskStatus({ mode: 'sandbox', attention: [long] }), 0);
    expect(view.tooltip.startsWith('Auto Call Scheduler (sandbox) — needs attention: xxx')).toBe(true);
    expect(view.tooltip).toHaveLength(127);
    expect(view.tooltip.endsWith('…')).toBe(true);
  });
});

describe('tray menu', () => {
  it('offers to stop a running scheduler and explains why run now is unavailable', () => {
    const items = trayMenu(deskStatus());
    expect(items.map((item) => item.id)).toEqual(['show', 'toggleScheduler', 'runNow', 'openLog', 'quit']);
    expect(items[1]).toMatchObject({ label: 'Stop scheduler', enabled: true });
    expect(items[2]).toMatchObject({ label: 'Run now (outside working hours)', enabled: false });
  });

  it('offers to start a stopped scheduler and to run now inside working hours', () => {
    const items = trayMenu(deskStatus({ schedulerRunning: false, runNow: { allowed: true, reason: null } }));
    expect(items[1]).toMatchObject({ label: 'Start scheduler', enabled: true });
    expect(items[2]).toMatchObject({ label: 'Run now', enabled: true });
  });

  it('greys out the desk commands before the desk has answered', () => {
    const items = trayMenu(null);
    expect(items.filter((item) => item.enabled).map((item) => item.id)).toEqual(['show', 'openLog', 'quit']);
  });
});
