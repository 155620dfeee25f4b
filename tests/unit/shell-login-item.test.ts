import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyXdgAutostart, planLoginItem, quoteExec } from '../../src/main/shell/login-item';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const context = {
  platform: 'linux' as NodeJS.Platform,
  isPackaged: true,
  execPath: '/opt/Auto Call Scheduler/auto-call-scheduler',
  env: {},
  homeDir: '/home/op',
};

describe('launch at login', () => {
  it('uses the built-in login item on Windows, starting hidden in the tray', () => {
    expect(planLoginItem(true, { ...context, platform: 'win32' })).toEqual({
      kind: 'electron',
      openAtLogin: true,
      args: ['--hidden'],
    });
  });

  it('writes an XDG autostart entry on Linux that runs the AppImage the user has', () => {
    const plan = planLoginItem(true, { ...context, env: { APPIMAGE: '/home/op/Apps/ACS.AppImage' } });
    expect(plan).toEqual({
      kind: 'xdg-autostart',
      enabled: true,
      file: '/home/op/.config/autostart/auto-call-scheduler.desktop',
      exec: '/home/op/Apps/ACS.AppImage --hidden',
    });
  });

  it('quotes an executable path with spaces as the Desktop Entry spec asks', () => {
    expect(quoteExec('/opt/Auto Call Scheduler/acs')).toBe('"/opt/Auto Call Scheduler/acs"');
    expect(quoteExec('/opt/a$b')).toBe('"/opt/a\\$b"');
    expect(quoteExec('/usr/bin/acs')).toBe('/usr/bin/acs');
  });

  it('does not register a development run', () => {
    expect(planLoginItem(true, { ...context, isPackaged: false }).kind).toBe('unsupported');
  });

  it('creates and removes the autostart file', () => {
    const home = mkdtempSync(join(tmpdir(), 'acs-home-'));
    dirs.push(home);
    const on = planLoginItem(true, { ...context, homeDir: home });
    if (on.kind !== 'xdg-autostart') throw new Error('expected an autostart plan');
    applyXdgAutostart(on);
    const text = readFileSync(on.file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/opt/Auto Call Scheduler/auto-call-scheduler" --hidden');
    applyXdgAutostart({ ...on, enabled: false });
    expect(existsSync(on.file)).toBe(false);
    expect(() => applyXdgAutostart({ ...on, enabled: false })).not.toThrow();
  });
});
