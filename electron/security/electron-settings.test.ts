import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';
import { appOrigin, applicationMenu, externalLinkDecision, isAppUrl, isOpenableExternally, isTrustedSender, secureWebPreferences, windowWebPreferences } from './window-policy';

const read = (p: string) => readFileSync(p, 'utf8');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(n) && !n.endsWith('.test.ts') ? [p] : [];
  });
}

// How main.ts and preload.ts apply these settings is tested by behaviour in electron/main.test.ts and
// electron/preload.test.ts, against a fake `electron` module.
describe('Electron security settings', () => {
  it('pins the webPreferences of every window', () => {
    expect(secureWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(Object.isFrozen(secureWebPreferences)).toBe(true);
  });

  it('a packaged build has no DevTools and no menu entry that reloads or opens them', () => {
    expect(windowWebPreferences(true)).toMatchObject({ ...secureWebPreferences, devTools: false });
    expect(windowWebPreferences(false).devTools).toBe(true);
    const roles = JSON.stringify(applicationMenu(true));
    expect(roles).not.toMatch(/viewMenu|toggleDevTools|reload|forceReload/);
    expect(roles).toContain('zoomIn');
    expect(JSON.stringify(applicationMenu(false))).toContain('viewMenu');
  });

  it('external links: allow-listed hosts open, other https links need confirmation, everything else is refused', () => {
    expect(externalLinkDecision('https://egov.kz/cms/ru')).toBe('open');
    expect(externalLinkDecision('https://adilet.zan.kz/rus/docs/V2000020935')).toBe('open');
    expect(externalLinkDecision('https://egov.kz.evil.example/')).toBe('confirm');
    expect(externalLinkDecision('https://user:pw@egov.kz/')).toBe('refuse');
    expect(externalLinkDecision('http://egov.kz/')).toBe('refuse');
    expect(externalLinkDecision('ms-settings:privacy')).toBe('refuse');
    expect(externalLinkDecision('file:///C:/Windows/system32/calc.exe')).toBe('refuse');
  });

  it('no source file turns on nodeIntegration, turns off isolation or loads remote code', () => {
    for (const file of [...sources('electron'), ...sources('renderer/src'), ...sources('shared')]) {
      const text = read(file);
      expect(text, file).not.toMatch(/nodeIntegration\s*:\s*true/);
      expect(text, file).not.toMatch(/contextIsolation\s*:\s*false/);
      expect(text, file).not.toMatch(/sandbox\s*:\s*false/);
      expect(text, file).not.toMatch(/webSecurity\s*:\s*false/);
      expect(text, file).not.toMatch(/enableRemoteModule|@electron\/remote/);
    }
  });

  it('the CSP allows only the app and the configured API', () => {
    const csp = contentSecurityPolicy('https://api.example.kz/base/');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' https://api.example.kz");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('navigation, window.open and IPC senders are limited to the app origin', () => {
    expect(isAppUrl(`${appOrigin}/index.html`)).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('app://qabyldau.evil/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isOpenableExternally('https://egov.kz/')).toBe(true);
    expect(isOpenableExternally('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isOpenableExternally('javascript:alert(1)')).toBe(false);
    expect(isTrustedSender(`${appOrigin}/`, true)).toBe(true);
    expect(isTrustedSender(`${appOrigin}/`, false)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
  });
});
