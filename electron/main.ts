import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { hostConfigFromEnv, misconfigurationMessage, type HostConfig } from './config';
import { registerIpc } from './ipc';
import { createHost } from './host/services';
import { readRendererFile } from './host/static-file';
import { createFileLogger } from './logger';
import { contentSecurityPolicy } from './security/csp';
import { appOrigin, appScheme, applicationMenu, externalLinkDecision, isAppUrl, secureWebPreferences, windowWebPreferences } from './security/window-policy';

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Whatever the host writes (pages, logs, caches, keys) is for this OS account only.
  process.umask(0o077);
  const log = createFileLogger(join(app.getPath('userData'), 'logs'));
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  // Every web contents, including any a bug might create, is fenced in: no foreign navigation, no new windows.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault();
        log.warn(`blocked navigation to ${url}`);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = externalLinkDecision(url);
      if (decision === 'open') void shell.openExternal(url);
      else if (decision === 'confirm') {
        // Not on the allow-list: the operator sees the full address and must choose to open it.
        void dialog
          .showMessageBox({ type: 'question', buttons: ['Cancel', 'Open in browser'], defaultId: 0, cancelId: 0, message: 'Open this address in the system browser?', detail: url })
          .then(({ response }) => {
            if (response === 1) void shell.openExternal(url);
            else log.warn(`operator declined to open ${url}`);
          });
      } else log.warn(`blocked window.open of ${url}`);
      return { action: 'deny' };
    });
  });

  const configured = (() => {
    try {
      return hostConfigFromEnv(process.env, {
        appVersion: app.getVersion(),
        dataDir: app.getPath('userData'),
        rendererDir: join(__dirname, '..', 'renderer'),
        apiUrl: 'http://127.0.0.1:8787/',
      });
    } catch (error) {
      return { error };
    }
  })();

  if ('error' in configured) {
    // A desk installed without its centre's settings says which ones are missing instead of crashing.
    void Promise.all([misconfigurationMessage(configured.error), app.whenReady()]).then(([message]) => {
      log.error(`startup refused: ${message.log}`);
      dialog.showErrorBox(message.title, message.body);
      app.quit();
    });
  } else void app.whenReady().then(() => start(configured));

  async function start(config: HostConfig) {
    const csp = contentSecurityPolicy(config.apiUrl);
    log.info(`starting ${config.appName} ${config.appVersion}, api ${config.apiUrl}`);
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => {
      log.warn(`denied permission ${permission}`);
      callback(false);
    });
    session.defaultSession.setPermissionCheckHandler(() => false);

    protocol.handle(appScheme, async (request) => {
      const file = await readRendererFile(config.rendererDir, new URL(request.url).pathname);
      return new Response(new Uint8Array(file.body), {
        status: file.status,
        headers: { 'content-type': file.type, 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
      });
    });

    // safeStorage seals the host's secrets (centre key, data key) with the OS keychain where there is one.
    // Printing: the PDF opens in a hidden window's built-in viewer and goes to the chosen (or default) printer.
    const printFileUrl = (url: string, options: { silent: boolean; deviceName?: string }) =>
      new Promise<{ success: boolean; failureReason?: string }>((resolve) => {
        const printer = new BrowserWindow({ show: false, webPreferences: { ...secureWebPreferences, plugins: true } });
        printer.webContents.once('did-finish-load', () => {
          // The PDF viewer lays the pages out after the load event; give it a moment before printing.
          setTimeout(() => {
            printer.webContents.print({ silent: options.silent, ...(options.deviceName ? { deviceName: options.deviceName } : {}) }, (success, failureReason) => {
              printer.destroy();
              resolve(success ? { success } : { success, failureReason });
            });
          }, 800);
        });
        void printer.loadURL(url);
      });
    const host = await createHost(config, 'ipc', { safeStorage, printFileUrl, log: log.warn, reportLog: log.error });
    registerIpc(ipcMain, host.services, log.warn);
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(app.isPackaged)));

    mainWindow = new BrowserWindow({
      width: 1360,
      height: 900,
      title: 'Qabyldau',
      show: false,
      webPreferences: { ...windowWebPreferences(app.isPackaged), preload: join(__dirname, 'preload.cjs') },
    });
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    void mainWindow.loadURL(`${appOrigin}/`);
  }

  app.on('window-all-closed', () => app.quit());
}
