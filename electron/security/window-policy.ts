/** The app's own origin when running under Electron's custom protocol. */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://qabyldau`;

/**
 * webPreferences for every window. Kept as plain data (no Electron import) so a unit test can pin each value.
 */
export const secureWebPreferences = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
});

/**
 * The main window's preferences: the secure set, and DevTools only in development. In a packaged build the page
 * cannot be inspected or scripted from DevTools, whatever menu or shortcut is tried.
 */
export function windowWebPreferences(packaged: boolean) {
  return { ...secureWebPreferences, devTools: !packaged };
}

type MenuRole = 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen';
export type MenuTemplate = Array<{ role: MenuRole } | { label: string; submenu: Array<{ role: MenuRole } | { type: 'separator' }> }>;

/**
 * The application menu. Electron's stock View menu has Reload, Force Reload and Toggle Developer Tools; a packaged
 * build gets a View menu with zoom and full screen only.
 */
export function applicationMenu(packaged: boolean): MenuTemplate {
  const view: MenuTemplate[number] = packaged
    ? { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] }
    : { role: 'viewMenu' };
  return [{ role: 'fileMenu' }, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}

/** Navigation may only stay inside the app; anything else (a link, a redirect, a script) is refused. */
export function isAppUrl(url: string): boolean {
  try {
    // Compare scheme and host: for a custom scheme Node's URL reports origin "null".
    const u = new URL(url);
    return u.protocol === `${appScheme}:` && u.host === 'qabyldau' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Government sites the workstation links to (e-gov, the legal database, the certification centre). */
export const externalHostAllowList: readonly string[] = Object.freeze(['egov.kz', 'www.egov.kz', 'adilet.zan.kz', 'pki.gov.kz', 'www.pki.gov.kz']);

/**
 * What happens to a link the page asks to open outside the app: allow-listed https hosts open in the system
 * browser; any other https link only after the operator confirms it; everything else (http, file:, custom
 * schemes that launch programs, credentials in the URL) is refused.
 */
export function externalLinkDecision(url: string, allowHosts: readonly string[] = externalHostAllowList): 'open' | 'confirm' | 'refuse' {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'refuse';
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') return 'refuse';
  return allowHosts.includes(u.hostname.toLowerCase()) ? 'open' : 'confirm';
}

/** Whether a link may ever leave the app (allow-listed, or after confirmation). */
export function isOpenableExternally(url: string): boolean {
  return externalLinkDecision(url) !== 'refuse';
}

/** The sender of an IPC call must be the app's own top-level frame. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && frameUrl !== undefined && isAppUrl(frameUrl);
}
