import { describe, expect, it } from 'vitest';
import { closeAction, shouldStartHidden } from '../../src/main/shell/lifecycle';
import { SleepWatch } from '../../src/main/shell/sleep-watch';

describe('closing the window', () => {
  it('hides to the tray when the setting says keep running', () => {
    expect(closeAction({ quitting: false, keepRunningInTray: true, trayAvailable: true })).toBe('hide');
  });
  it('quits when the setting is off, when there is no tray to come back from, or on Quit', () => {
    expect(closeAction({ quitting: false, keepRunningInTray: false, trayAvailable: true })).toBe('quit');
    expect(closeAction({ quitting: false, keepRunningInTray: true, trayAvailable: false })).toBe('quit');
    expect(closeAction({ quitting: true, keepRunningInTray: true, trayAvailable: true })).toBe('quit');
  });
  it('starts in the tray when launched at login', () => {
    expect(shouldStartHidden(['/opt/acs/acs', '--hidden'])).toBe(true);
    expect(shouldStartHidden(['/opt/acs/acs'])).toBe(false);
  });
});

describe('noticing that the machine slept', () => {
  const t0 = Date.parse('2026-11-24T04:00:00Z');
  const minutes = (count: number) => t0 + count * 60_000;

  it('reports the suspend time on resume', () => {
    const watch = new SleepWatch(t0);
    watch.suspended(minutes(10));
    expect(watch.resumed(minutes(75))).toBe(minutes(10));
  });

  it('falls back to the last heartbeat when the desktop sends no suspend event', () => {
    const watch = new SleepWatch(t0);
    expect(watch.tick(minutes(0.5))).toBeNull();
    expect(watch.tick(minutes(1))).toBeNull();
    expect(watch.tick(minutes(61))).toBe(minutes(1));
  });

  it('reports each sleep once, whether the heartbeat or the resume event comes first', () => {
    const heartbeatFirst = new SleepWatch(t0);
    heartbeatFirst.suspended(minutes(10));
    expect(heartbeatFirst.tick(minutes(70))).toBe(minutes(10));
    expect(heartbeatFirst.resumed(minutes(70))).toBeNull();

    const resumeFirst = new SleepWatch(t0);
    resumeFirst.suspended(minutes(10));
    expect(resumeFirst.resumed(minutes(70))).toBe(minutes(10));
    expect(resumeFirst.tick(minutes(70.5))).toBeNull();
  });

  it('ignores a resume without a known sleep or gap', () => {
    const watch = new SleepWatch(t0);
    expect(watch.resumed(minutes(1))).toBeNull();
  });
});
