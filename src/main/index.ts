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
import type { DeskStatus, SettingsView } from '../shared/desk-types';
import { resolveDataDir } from './data-dir';
import { createDesk } from './desk';
import { forwardDeskEvents, registerDeskIpc } from './ipc';
import type { LogLevel, Logger } from './log';
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

type Desk = Awaited<ReturnType<typeof createDesk>>;
type Log = (level: LogLevel, message: string) => void;

/** What the steps of `start` share: the desk, the log, and the shell's mutable state. */
interface Shell {
  desk: Desk;
  log: Log;
  rotating: RotatingFileLogger;
  resourcesDir: string;
  shellSettings: SettingsView['shell'];
  lastStatus: DeskStatus | null;
  /** The operator has seen every problem logged before this moment (the window was in front of them). */
  acknowledgedAt: number;
  quitting: boolean;
  window: BrowserWindow | null;
  tray: ShellTray | null;
}

async function start(): Promise<void> {
  const { rotating, secrets, logger, log, redact } = openLog();
  const desk = await openDesk(logger, secrets, log, rotating);
  if (!desk) return;

  // electron-vite dev sets this; an empty value (the Playwright test clears it) means the built console.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
  const paths = builtPaths(__dirname);
  serveRenderer(paths.rendererRoot, devServerUrl);
  registerDeskIpc({ desk, logger, devServerUrl, redact, now: Date.now });

  const shellState: Shell = {
    desk,
    log,
    rotating,
    resourcesDir: join(app.getAppPath(), 'resources'),
    shellSettings: (await desk.settings({})).shell,
    lastStatus: null,
    acknowledgedAt: 0,
    quitting: false,
    window: null,
    tray: null,
  };
  const openWindow = (show: boolean) => openConsoleWindow(shellState, paths.preload, devServerUrl, show);
  const showWindow = () => {
    if (!shellState.window || shellState.window.isDestroyed()) shellState.window = openWindow(true);
    if (shellState.window.isMinimized()) shellState.window.restore();
    shellState.window.show();
    shellState.window.focus();
  };
  const notify = notifier(shellState, showWindow);

  installTray(shellState, showWindow, notify);
  await followStatus(shellState, notify);
  followLoginItem(shellState);
  watchSleep(shellState);
  installAppMenu({
    openLog: () => void shell.openPath(rotating.file),
    openDataFolder: () => void shell.openPath(dataDir),
    devTools: !app.isPackaged,
  });
  showExisting = showWindow;
  app.on('activate', showWindow);
  // The window closing is handled in openConsoleWindow; the app lives on in the tray.
  app.on('window-all-closed', () => undefined);
  quitAfterTheDeskCloses(shellState);

  shellState.window = openWindow(!shouldStartHidden(process.argv));
}

/** The rotating log file (secrets blanked out), safeStorage secrets, and the last words of an uncaught error. */
function openLog() {
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
  const log: Log = (level, message) => logger.log({ at: Date.now(), level, message });
  process.on('uncaughtException', (error) => log('error', `Uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log('error', `Unhandled rejection: ${String(reason)}`));
  log(
    'info',
    `Auto Call Scheduler ${app.getVersion()} starting (Electron ${process.versions.electron}, data ${dataDir})`,
  );
  return { rotating, secrets, logger, log, redact };
}

/** The desk on the Electron build of SQLite; null (after telling the operator why) when it cannot open. */
async function openDesk(
  logger: Logger,
  secrets: SafeStorageSecretStore,
  log: Log,
  rotating: RotatingFileLogger,
): Promise<Desk | null> {
  const fail = (problem: string): null => {
    log('error', `Cannot start: ${problem}`);
    dialog.showErrorBox('Auto Call Scheduler cannot start', `${problem}\n\nDetails are in ${rotating.file}.`);
    app.exit(1);
    return null;
  };
  const binding = chooseNativeBinding({
    electronVersion: process.versions.electron,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    exists: existsSync,
  });
  if (!binding.ok) return fail(binding.problem);
  try {
    return await createDesk({ dataDir, logger, secrets, nativeBinding: binding.nativeBinding });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function acknowledge(state: Shell): void {
  state.acknowledgedAt = Date.now();
  state.tray?.update(state.lastStatus, state.acknowledgedAt);
}

/** The console window: hides to the tray or quits on close, and reloads itself if its renderer dies. */
function openConsoleWindow(
  state: Shell,
  preload: string,
  devServerUrl: string | undefined,
  show: boolean,
): BrowserWindow {
  const created = createConsoleWindow({
    preload,
    icon: join(state.resourcesDir, 'icon.png'),
    devServerUrl,
    show,
  });
  forwardDeskEvents(state.desk, created);
  created.on('focus', () => acknowledge(state));
  created.on('show', () => acknowledge(state));
  created.on('close', (event) => {
    const action = closeAction({
      quitting: state.quitting,
      keepRunningInTray: state.shellSettings.keepRunningInTray,
      trayAvailable: state.tray !== null,
    });
    if (action === 'hide') {
      event.preventDefault();
      created.hide();
    } else if (!state.quitting) {
      // Closing the window is quitting (the setting is off): close the desk first, as Quit does.
      event.preventDefault();
      app.quit();
    }
  });
  created.webContents.on('render-process-gone', (_event, details) => {
    state.log('error', `The console window stopped (${details.reason}); reloading it`);
    if (!created.isDestroyed()) created.reload();
  });
  return created;
}

/** Desktop notifications, held until dismissed: one garbage-collected loses its click handler. */
function notifier(state: Shell, showWindow: () => void): (note: ShellNotification) => void {
  const notifications = new Set<Notification>();
  return (note) => {
    if (!Notification.isSupported()) return;
    const shown = new Notification({
      title: note.title,
      body: note.body,
      icon: join(state.resourcesDir, 'icon.png'),
    });
    notifications.add(shown);
    shown.on('click', () => {
      notifications.delete(shown);
      showWindow();
    });
    shown.on('close', () => notifications.delete(shown));
    shown.show();
  };
}

/** The tray and its commands; some Linux desktops have none, and then closing the window quits. */
function installTray(state: Shell, showWindow: () => void, notify: (note: ShellNotification) => void): void {
  const { desk, log } = state;
  const onTrayCommand = (command: TrayCommand) => {
    const act = async () => {
      if (command === 'show') showWindow();
      else if (command === 'toggleScheduler') {
        if (state.lastStatus?.schedulerRunning) await desk.stopScheduler({});
        else await desk.startScheduler({});
      } else if (command === 'runNow') {
        const result = await desk.runNow({});
        if (!result.started) notify({ title: 'Run now refused', body: result.reason });
      } else if (command === 'openLog') await shell.openPath(state.rotating.file);
      else if (command === 'quit') app.quit();
    };
    act().catch((error: unknown) =>
      log('error', `Tray ${command} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  try {
    state.tray = new ShellTray(state.resourcesDir, onTrayCommand);
  } catch (error) {
    log('warn', `No system tray available (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The tray follows the desk's status; sessions that end and problems that need attention are notified. */
async function followStatus(state: Shell, notify: (note: ShellNotification) => void): Promise<void> {
  const { desk } = state;
  const planner = new NotificationPlanner(Date.now());
  const onStatus = (status: DeskStatus) => {
    state.lastStatus = status;
    state.tray?.update(status, state.acknowledgedAt);
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
  // The desk reports changes, not the passing of time: refresh so the tray's "run now" follows working hours.
  setInterval(() => {
    desk
      .status({})
      .then(onStatus)
      .catch(() => undefined);
  }, HEARTBEAT_MS).unref();
}

/** Launch at login follows the setting, now and whenever it changes. */
function followLoginItem(state: Shell): void {
  const apply = () => {
    const plan = planLoginItem(state.shellSettings.launchAtLogin, {
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
      else if (state.shellSettings.launchAtLogin)
        state.log('info', `Launch at login not set: ${plan.reason}`);
    } catch (error) {
      state.log(
        'warn',
        `Could not change launch at login: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  apply();
  state.desk.on('dataChanged', ({ what }) => {
    if (!what.includes('settings')) return;
    void state.desk.settings({}).then((view) => {
      const loginChanged = view.shell.launchAtLogin !== state.shellSettings.launchAtLogin;
      state.shellSettings = view.shell;
      if (loginChanged) apply();
    });
  });
}

/** Catch-up after sleep: the engine decides which missed slots run (domain/schedule catchUpDecision). */
function watchSleep(state: Shell): void {
  const sleep = new SleepWatch(Date.now());
  const resumed = (sleptAt: number | null) => {
    if (sleptAt === null) return;
    state.log('info', `The computer slept from ${new Date(sleptAt).toISOString()}; checking missed sessions`);
    state.desk
      .resumeAfterSleep(sleptAt, state.shellSettings.catchUpGraceMinutes)
      .catch((error: unknown) => state.log('error', `Catch-up failed: ${String(error)}`));
  };
  powerMonitor.on('suspend', () => sleep.suspended(Date.now()));
  powerMonitor.on('resume', () => resumed(sleep.resumed(Date.now())));
  setInterval(() => resumed(sleep.tick(Date.now())), HEARTBEAT_MS).unref();
}

/** Quit waits for the desk to close (scheduler stopped, calls in flight recorded), then quits for real. */
function quitAfterTheDeskCloses(state: Shell): void {
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    state.quitting = true;
    if (closed) return;
    event.preventDefault();
    closing ??= (async () => {
      state.log('info', 'Quitting: stopping the scheduler and recording calls in flight');
      await state.desk
        .close()
        .catch((error: unknown) => state.log('error', `Closing the desk failed: ${String(error)}`));
      closed = true;
      state.tray?.destroy();
      app.quit();
    })();
  });
}
