// A stand-in for the parts of Electron the shell uses, so src/main/index.ts can run under Node here, where no
// Electron binary exists: every call is recorded for the test to look at, and events can be fired by hand.
import { EventEmitter } from 'node:events';

type Handler = (...args: never[]) => unknown;

export const calls = {
  quit: 0,
  exit: [] as number[],
  errorBoxes: [] as { title: string; content: string }[],
  openPath: [] as string[],
  openExternal: [] as string[],
  loginItem: [] as unknown[],
  notifications: [] as { title: string; body: string }[],
  privilegedSchemes: [] as unknown[],
};
export const state = { singleInstanceLock: true };

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>();
  setPath(name: string, value: string) {
    this.paths.set(name, value);
  }
  getAppPath() {
    return process.cwd();
  }
  getVersion() {
    return '0.0.0-test';
  }
  requestSingleInstanceLock() {
    return state.singleInstanceLock;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {
    calls.quit += 1;
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
  }
  exit(code: number) {
    calls.exit.push(code);
  }
  setAppUserModelId(_id: string) {}
  setLoginItemSettings(settings: unknown) {
    calls.loginItem.push(settings);
  }
}
export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export const protocol = {
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    calls.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

class FakeSession {
  permissionHandler: Handler | null = null;
  webRequest = { onHeadersReceived: () => undefined };
  setPermissionRequestHandler(handler: Handler) {
    this.permissionHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; message: unknown }[] = [];
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  session = session.defaultSession;
  url = '';
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  getURL() {
    return this.url;
  }
  reload() {}
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.webContents.url = url;
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.visible = true;
    this.emit('show');
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** What clicking the window's close button does: 'close' handlers may prevent it. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
    return !prevented;
  }
}

export interface FakeMenuItem {
  label?: string;
  enabled?: boolean;
  type?: string;
  role?: string;
  click?: () => void;
  submenu?: FakeMenuItem[];
}
export const Menu = {
  applicationMenu: null as FakeMenuItem[] | null,
  buildFromTemplate: (template: FakeMenuItem[]) => template,
  setApplicationMenu(menu: FakeMenuItem[]) {
    this.applicationMenu = menu;
  },
};

export class Tray extends EventEmitter {
  static readonly created: Tray[] = [];
  image = '';
  tooltip = '';
  menu: FakeMenuItem[] = [];
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image.path;
    Tray.created.push(this);
  }
  setImage(image: { path: string }) {
    this.image = image.path;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenuItem[]) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const nativeImage = { createFromPath: (path: string) => ({ path }) };

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(private readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    calls.notifications.push({ title: this.options.title, body: this.options.body });
  }
}

export const dialog = {
  showErrorBox(title: string, content: string) {
    calls.errorBoxes.push({ title, content });
  },
};

export const shell = {
  openPath: async (path: string) => {
    calls.openPath.push(path);
    return '';
  },
  openExternal: async (url: string) => {
    calls.openExternal.push(url);
  },
};

export const powerMonitor = new EventEmitter();

/** A reversible, obviously-not-plain-text cipher standing in for the OS keyring. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text: string) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
  decryptString: (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString(),
};

export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = {};
export default {};
