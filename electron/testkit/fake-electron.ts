import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, faithful to the parts main.ts, preload.ts and ipc.ts use: it records
 * every handler they install and lets a test fire what Electron would (navigation, redirects, window.open,
 * permission requests, IPC from any frame, app:// requests), so the policies are checked by behaviour.
 * The Electron binary cannot be downloaded here; e2e/electron.spec.ts drives the real one where it exists.
 */

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
export const fakeEvent = (): FakeEvent => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

interface WindowOpenDetails {
  url: string;
}
type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

export class FakeFrame {
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly mainFrame: FakeFrame;
  printed: { options: unknown }[] = [];
  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: WindowOpenHandler) {
    this.windowOpenHandler = handler;
  }
  print(options: unknown, callback: (success: boolean, failureReason: string) => void) {
    this.printed.push({ options });
    callback(true, '');
  }
  /** What Electron does on a navigation attempt: emit will-navigate and report whether it was prevented. */
  navigate(url: string): FakeEvent {
    const event = fakeEvent();
    this.emit('will-navigate', event, url);
    return event;
  }
  redirect(url: string): FakeEvent {
    const event = fakeEvent();
    this.emit('will-redirect', event, url);
    return event;
  }
  attachWebview(): FakeEvent {
    const event = fakeEvent();
    this.emit('will-attach-webview', event, {}, {});
    return event;
  }
  openWindow(url: string) {
    if (!this.windowOpenHandler) throw new Error('no window open handler installed');
    return this.windowOpenHandler({ url });
  }
}

export function createFakeElectron(options: { singleInstance?: boolean; userData: string; version?: string }) {
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const privilegedSchemes: unknown[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const openedExternally: string[] = [];
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  let permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | undefined;
  let permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | undefined;
  let applicationMenu: unknown;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  const app = Object.assign(new EventEmitter(), {
    quitCalls: 0,
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    quit() {
      app.quitCalls++;
    },
    getPath: (name: string) => (name === 'userData' ? options.userData : `${options.userData}/${name}`),
    getVersion: () => options.version ?? '0.0.0-test',
    whenReady: () => readyPromise,
    isReady: () => false,
  });

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents: FakeWebContents;
    loadedUrl: string | undefined;
    shown = false;
    destroyed = false;
    constructor(readonly options: { webPreferences?: Record<string, unknown>; show?: boolean; [key: string]: unknown }) {
      super();
      this.webContents = new FakeWebContents();
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      this.webContents.emit('did-finish-load');
    }
    show() {
      this.shown = true;
    }
    destroy() {
      this.destroyed = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        invoked.push({ channel, args });
        return Promise.resolve({ ok: true, value: { channel } });
      },
    },
    contextBridge: {
      exposeInMainWorld(name: string, api: unknown) {
        exposed.set(name, api);
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(handler: typeof permissionRequestHandler) {
          permissionRequestHandler = handler;
        },
        setPermissionCheckHandler(handler: typeof permissionCheckHandler) {
          permissionCheckHandler = handler;
        },
      },
    },
    shell: {
      async openExternal(url: string) {
        openedExternally.push(url);
      },
    },
    dialog: {
      showErrorBox(title: string, content: string) {
        errorBoxes.push({ title, content });
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu(menu: unknown) {
        applicationMenu = menu;
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
  };

  return {
    electron,
    windows,
    ipcHandlers,
    protocolHandlers,
    privilegedSchemes,
    errorBoxes,
    openedExternally,
    exposed,
    invoked,
    get applicationMenu() {
      return applicationMenu;
    },
    /** Fires app 'ready' as Electron would once it has initialised. */
    ready() {
      resolveReady();
    },
    /** A permission request as Chromium would make it (camera, geolocation…); resolves with the decision. */
    requestPermission(permission: string): Promise<boolean> {
      if (!permissionRequestHandler) throw new Error('no permission request handler installed');
      const handler = permissionRequestHandler;
      return new Promise((resolve) => handler({}, permission, resolve, {}));
    },
    checkPermission(permission: string): boolean {
      if (!permissionCheckHandler) throw new Error('no permission check handler installed');
      return permissionCheckHandler({}, permission);
    },
    /** An IPC invoke as it arrives in the main process, from the given frame of the given web contents. */
    async invokeIpc(channel: string, args: unknown, from: { contents: FakeWebContents; frame?: FakeFrame | null }) {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const senderFrame = from.frame === undefined ? from.contents.mainFrame : from.frame;
      return handler({ sender: from.contents, senderFrame }, args);
    },
    /** A request for an app:// URL, answered by the registered protocol handler. */
    async fetchApp(url: string): Promise<Response> {
      const handler = protocolHandlers.get(new URL(url).protocol.replace(':', ''));
      if (!handler) throw new Error(`no protocol handler for ${url}`);
      return handler(new Request(url));
    },
  };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
