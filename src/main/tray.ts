/**
 * The tray icon: its picture and tooltip follow the desk's state (see shell/tray-state.ts), and its menu
 * offers show, start/stop scheduler, run now, open log and quit. Rebuilt only when what it shows changes.
 */
import { join } from 'node:path';
import { Menu, Tray, nativeImage } from 'electron';
import type { DeskStatus } from '../shared/desk-types';
import { trayMenu, trayView, type TrayMenuItem, type TrayState } from './shell/tray-state';

export type TrayCommand = TrayMenuItem['id'];

export class ShellTray {
  private readonly tray: Tray;
  private shown = '';

  constructor(
    private readonly resourcesDir: string,
    private readonly onCommand: (command: TrayCommand) => void,
  ) {
    this.tray = new Tray(this.icon('stopped'));
    // Windows and most Linux trays: a left click brings the console back.
    this.tray.on('click', () => onCommand('show'));
    this.update(null, 0);
  }

  update(status: DeskStatus | null, acknowledgedAt: number): void {
    const view = status
      ? trayView(status, acknowledgedAt)
      : { state: 'stopped' as const, tooltip: 'Auto Call Scheduler — starting' };
    const items = trayMenu(status);
    const signature = JSON.stringify([view, items]);
    if (signature === this.shown) return;
    this.shown = signature;
    this.tray.setImage(this.icon(view.state));
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(
      Menu.buildFromTemplate(
        items.flatMap((item) => [
          ...(item.id === 'openLog' || item.id === 'quit' ? [{ type: 'separator' as const }] : []),
          { label: item.label, enabled: item.enabled, click: () => this.onCommand(item.id) },
        ]),
      ),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }

  private icon(state: TrayState): Electron.NativeImage {
    // The @2x file next to it is picked up automatically on high-DPI screens.
    return nativeImage.createFromPath(join(this.resourcesDir, `tray-${state}.png`));
  }
}
