/**
 * Launch at login. Windows and macOS have it built in (app.setLoginItemSettings); Linux desktops read XDG
 * autostart entries, so there the app writes or removes ~/.config/autostart/auto-call-scheduler.desktop. The
 * login item passes --hidden so the desk starts in the tray. Only the installed app registers itself: in
 * development the executable is the bare Electron binary, which would open nothing at login.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { START_HIDDEN_FLAG } from './lifecycle';

export const AUTOSTART_FILE_NAME = 'auto-call-scheduler.desktop';

export type LoginItemPlan =
  | { kind: 'electron'; openAtLogin: boolean; args: string[] }
  | { kind: 'xdg-autostart'; enabled: boolean; file: string; exec: string }
  | { kind: 'unsupported'; reason: string };

export interface LoginItemContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.execPath */
  execPath: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
}

export function planLoginItem(enabled: boolean, context: LoginItemContext): LoginItemPlan {
  if (!context.isPackaged) {
    return {
      kind: 'unsupported',
      reason: 'launch at login applies to the installed app, not a development run',
    };
  }
  if (context.platform === 'win32' || context.platform === 'darwin') {
    return { kind: 'electron', openAtLogin: enabled, args: [START_HIDDEN_FLAG] };
  }
  if (context.platform === 'linux') {
    const configHome = context.env.XDG_CONFIG_HOME || join(context.homeDir, '.config');
    // An AppImage runs from a temporary mount; APPIMAGE names the file the user actually has.
    const executable = context.env.APPIMAGE || context.execPath;
    return {
      kind: 'xdg-autostart',
      enabled,
      file: join(configHome, 'autostart', AUTOSTART_FILE_NAME),
      exec: `${quoteExec(executable)} ${START_HIDDEN_FLAG}`,
    };
  }
  return { kind: 'unsupported', reason: `launch at login is not supported on ${context.platform}` };
}

/** Quoting per the Desktop Entry spec's Exec key: double quotes, with ", `, $ and \ escaped. */
export function quoteExec(path: string): string {
  if (!/[\s"'`$\\]/.test(path)) return path;
  return `"${path.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Auto Call Scheduler',
    'Comment=Calls Out For Delivery and Undelivered customers on a schedule',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the XDG autostart entry. */
export function applyXdgAutostart(plan: Extract<LoginItemPlan, { kind: 'xdg-autostart' }>): void {
  if (plan.enabled) {
    mkdirSync(join(plan.file, '..'), { recursive: true });
    writeFileSync(plan.file, autostartEntry(plan.exec));
  } else if (existsSync(plan.file)) {
    rmSync(plan.file);
  }
}
