/**
 * The Electron entry: one instance per data folder, the desk created with the shell's pieces (safeStorage
 * secrets, rotating log file, the Electron build of better-sqlite3), then the window, tray, IPC, notifications
 * and catch-up after sleep wired to it. Every decision lives in ./shell as a tested function; this file only
 * connects Electron's events to them.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, Notification, dialog, powerMonitor, safeStorage, shell } from 'electron';
import type { DeskStatus } from '../shared/desk-types';
import { resolveDataDir } from './data-dir';
import { createDesk } from './desk';
import { forwardDeskEvents, registerDeskIpc } from './ipc';
import type { LogLevel } from './log';
import { installAppMenu } from './menu';
import { closeAction, shouldStartHidden } from './shell/lifecycle';
import { applyXdgAutostart, planLoginItem } from './shell/login-item';
import { chooseNativeBinding } from './shell/native-binding';
import { NotificationPlanner, sessionEndedNotification, type ShellNotification } from './shell/notifications';
import { RotatingFileLogger, redactSecrets, redactingLogger } from './shell/rotating-log';
import { SafeStorageSecretStore } from './shell/safe-storage-secrets';
import { HEARTBEAT_MS, SleepWatch } from './shell/sleep-watch';
import { ShellTray, type TrayCommand } from './tray';
import { builtPaths, createConsoleWindow, registerAppScheme, serveRenderer } from './window';

const dataDir = resolveDataDir();
// Chromium's profile and the single-instance lock follow the data folder, so a second desk with its own
// ACS_DATA_DIR (tests, a second branch) is a separate instance, and the same folder is never opened twice.
app.setPath('userData', dataDir);
registerAppScheme();
// Windows shows notifications only for an app id that matches the installer's shortcut (electron-builder.yml).
if (process.platform === 'win32') app.setAppUserModelId('in.autocallscheduler.desk');

/** Brings the running desk's window forward; replaced once the window exists. */
let showExisting: () => void = () => undefined;

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this data folder and may be dialling; it is told to show its window instead.
  app.quit();
} else {
  app.on('second-instance', () => showExisting());
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const rotating = new RotatingFileLogger({ dir: join(dataDir, 'logs') });
  const secrets = new SafeStorageSecretStore(
    join(dataDir, 'secrets-encrypted.json'),
    safeStorage,
    process.platform,
    (name) =>
      log(
        'warn',
        `The stored ${name} can no longer be decrypted (the system keyring changed); enter it again in Settings`,
      ),
  );
  const redact = (message: string) => redactSecrets(message, secrets.knownValues());
  const logger = redactingLogger(rotating, () => secrets.knownValues());
  const log = (level: LogLevel, message: string) => logger.log({ at: Date.now(), level, message });
  process.on('uncaughtException', (error) => log('error', `Uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log('error', `Unhandled rejection: ${String(reason)}`));
  log(
    'info',
    `Auto Call Scheduler ${app.getVersion()} starting (Electron ${process.versions.electron}, data ${dataDir})`,
  );

  const binding = chooseNativeBinding({
    electronVersion: process.versions.electron,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    exists: existsSync,
  });
  if (!binding.ok) return fail(binding.problem);

  let desk: Awaited<ReturnType<typeof createDesk>>;
  try {
    desk = await createDesk({ dataDir, logger, secrets, nativeBinding: binding.nativeBinding });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }

  // electron-vite dev sets this; an empty value (the Playwright test clears it) means the built console.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
  const paths = builtPaths(__dirname);
  const resourcesDir = join(app.getAppPath(), 'resources');
  serveRenderer(paths.rendererRoot, devServerUrl);
  registerDeskIpc({ desk, logger, devServerUrl, redact, now: Date.now });

  let shellSettings = (await desk.settings({})).shell;
  let lastStatus: DeskStatus | null = null;
  // The operator has seen every problem logged before this moment (the window was in front of them).
  let acknowledgedAt = 0;
  let quitting = false;
  let window: BrowserWindow | null = null;
  let tray: ShellTray | null = null;

  const showWindow = () => {
    if (!window || window.isDestroyed()) window = openWindow(true);
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const refreshTray = () => tray?.update(lastStatus, acknowledgedAt);
  const acknowledge = () => {
    acknowledgedAt = Date.now();
    refreshTray();
  };
  // Held until dismissed: a notification that is garbage-collected loses its click handler.
  const notifications = new Set<Notification>();
  const notify = (note: ShellNotification) => {
    if (!Notification.isSupported()) return;
    const shown = new Notification({
      title: note.title,
      body: note.body,
      icon: join(resourcesDir, 'icon.png'),
    });
    notifications.add(shown);
    shown.on('click', () => {
      notifications.delete(shown);
      showWindow();
    });
    shown.on('close', () => notifications.delete(shown));
    shown.show();
  };

  function openWindow(show: boolean): BrowserWindow {
    const created = createConsoleWindow({
      preload: paths.preload,
      icon: join(resourcesDir, 'icon.png'),
      devServerUrl,
      show,
    });
    forwardDeskEvents(desk, created);
    created.on('focus', acknowledge);
    created.on('show', acknowledge);
    created.on('close', (event) => {
      const action = closeAction({
        quitting,
        keepRunningInTray: shellSettings.keepRunningInTray,
        trayAvailable: tray !== null,
      });
      if (action === 'hide') {
        event.preventDefault();
        created.hide();
      } else if (!quitting) {
        // Closing the window is quitting (the setting is off): close the desk first, as Quit does.
        event.preventDefault();
        app.quit();
      }
    });
    created.webContents.on('render-process-gone', (_event, details) => {
      log('error', `The console window stopped (${details.reason}); reloading it`);
      if (!created.isDestroyed()) created.reload();
    });
    return created;
  }

  const onTrayCommand = (command: TrayCommand) => {
    const act = async () => {
      if (command === 'show') showWindow();
      else if (command === 'toggleScheduler') {
        if (lastStatus?.schedulerRunning) await desk.stopScheduler({});
        else await desk.startScheduler({});
      } else if (command === 'runNow') {
        const result = await desk.runNow({});
        if (!result.started) notify({ title: 'Run now refused', body: result.reason });
      } else if (command === 'openLog') await shell.openPath(rotating.file);
      else if (command === 'quit') app.quit();
    };
    act().catch((error: unknown) =>
      log('error', `Tray ${command} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  try {
    tray = new ShellTray(resourcesDir, onTrayCommand);
  } catch (error) {
    // Some Linux desktops have no tray; then closing the window quits, so the desk is never invisible.
    log('warn', `No system tray available (${error instanceof Error ? error.message : String(error)})`);
  }

  const planner = new NotificationPlanner(Date.now());
  const onStatus = (status: DeskStatus) => {
    lastStatus = status;
    refreshTray();
    for (const event of planner.observe(status)) {
      if (event.kind === 'attention') notify(event.notification);
      else {
        desk
          .today({})
          .then((today) => today.sessions.find((session) => session.id === event.session.id) ?? null)
          .catch(() => null)
          .then((summary) => notify(sessionEndedNotification(event.session, summary, event.timezone)));
      }
    }
  };
  desk.on('status', onStatus);
  onStatus(await desk.status({}));

  const applyLoginItem = () => {
    const plan = planLoginItem(shellSettings.launchAtLogin, {
      platform: process.platform,
      isPackaged: app.isPackaged,
      execPath: process.execPath,
      env: process.env,
      homeDir: homedir(),
    });
    try {
      if (plan.kind === 'electron')
        app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, args: plan.args });
      else if (plan.kind === 'xdg-autostart') applyXdgAutostart(plan);
      else if (shellSettings.launchAtLogin) log('info', `Launch at login not set: ${plan.reason}`);
    } catch (error) {
      log(
        'warn',
        `Could not change launch at login: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  applyLoginItem();
  desk.on('dataChanged', ({ what }) => {
    if (!what.includes('settings')) return;
    void desk.settings({}).then((view) => {
      const loginChanged = view.shell.launchAtLogin !== shellSettings.launchAtLogin;
      shellSettings = view.shell;
      if (loginChanged) applyLoginItem();
    });
  });

  // Catch-up after sleep: the engine decides which missed slots run (domain/schedule catchUpDecision).
  const sleep = new SleepWatch(Date.now());
  const resumed = (sleptAt: number | null) => {
    if (sleptAt === null) return;
    log('info', `The computer slept from ${new Date(sleptAt).toISOString()}; checking missed sessions`);
    desk
      .resumeAfterSleep(sleptAt, shellSettings.catchUpGraceMinutes)
      .catch((error: unknown) => log('error', `Catch-up failed: ${String(error)}`));
  };
  powerMonitor.on('suspend', () => sleep.suspended(Date.now()));
  powerMonitor.on('resume', () => resumed(sleep.resumed(Date.now())));
  setInterval(() => {
    resumed(sleep.tick(Date.now()));
    // The desk reports changes, not the passing of time: refresh so the tray's "run now" follows working hours.
    desk
      .status({})
      .then(onStatus)
      .catch(() => undefined);
  }, HEARTBEAT_MS).unref();

  installAppMenu({
    openLog: () => void shell.openPath(rotating.file),
    openDataFolder: () => void shell.openPath(dataDir),
    devTools: !app.isPackaged,
  });
  showExisting = showWindow;
  app.on('activate', showWindow);
  // The window closing is handled above; the app lives on in the tray.
  app.on('window-all-closed', () => undefined);

  // Quit waits for the desk to close (scheduler stopped, calls in flight recorded), then quits for real.
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    event.preventDefault();
    closing ??= (async () => {
      log('info', 'Quitting: stopping the scheduler and recording calls in flight');
      await desk.close().catch((error: unknown) => log('error', `Closing the desk failed: ${String(error)}`));
      closed = true;
      tray?.destroy();
      app.quit();
    })();
  });

  window = openWindow(!shouldStartHidden(process.argv));

  function fail(problem: string): void {
    log('error', `Cannot start: ${problem}`);
    dialog.showErrorBox('Auto Call Scheduler cannot start', `${problem}\n\nDetails are in ${rotating.file}.`);
    app.exit(1);
  }
}
