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

/** External links the operator clicks may open in the system browser, but only over https. */
export function isOpenableExternally(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The sender of an IPC call must be the app's own top-level frame. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && frameUrl !== undefined && isAppUrl(frameUrl);
}
