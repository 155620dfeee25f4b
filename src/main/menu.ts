/**
 * The window's application menu: the log file and data folder one click away (support asks for them first),
 * Quit, and the developer tools only in a development run.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  openLog: () => void;
  openDataFolder: () => void;
  devTools: boolean;
}

export function installAppMenu(actions: AppMenuActions): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open log file', click: actions.openLog },
        { label: 'Open data folder', click: actions.openDataFolder },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(actions.devTools
          ? ([
              { type: 'separator' },
              { role: 'reload' },
              { role: 'toggleDevTools' },
            ] as MenuItemConstructorOptions[])
          : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
