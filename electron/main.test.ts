import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appOrigin } from './security/window-policy';
import { createFakeElectron, FakeFrame, FakeWebContents, type FakeElectron } from './testkit/fake-electron';

// electron/main.ts, driven through a fake `electron` module: every policy is exercised by firing the event
// Electron would fire and checking what main.ts decided, not by reading its source.
let fake: FakeElectron;
let userData: string;

async function launch(env: Record<string, string | undefined>, singleInstance = true) {
  userData = mkdtempSync(join(tmpdir(), 'qabyldau-main-'));
  fake = createFakeElectron({ userData, singleInstance });
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  await import('./main');
}
const configured = (dataDir: string) => ({
  QABYLDAU_CENTRE_ID: 'TEST-CENTRE',
  QABYLDAU_CENTRE_KEY: 'test-centre-key-0123456789',
  QABYLDAU_DATA_DIR: dataDir,
  QABYLDAU_API_URL: 'https://api.example.kz/v1/',
});
const log = () => readFileSync(join(userData, 'logs', 'qabyldau.log'), 'utf8');

beforeEach(() => {
  vi.unstubAllEnvs();
});
afterEach(() => {
  vi.doUnmock('electron');
  vi.unstubAllEnvs();
});

describe('electron/main.ts', () => {
  it('quits at once when another instance holds the lock, and opens nothing', async () => {
    await launch(configured(mkdtempSync(join(tmpdir(), 'qabyldau-data-'))), false);
    fake.ready();
    expect(fake.electron.app.quitCalls).toBe(1);
    expect(fake.windows).toEqual([]);
  });

  describe('once started', () => {
    beforeEach(async () => {
      await launch(configured(mkdtempSync(join(tmpdir(), 'qabyldau-data-'))));
      fake.ready();
      await expect.poll(() => fake.windows.length).toBe(1);
    });

    it('opens the main window on the app origin with the pinned webPreferences and the preload', async () => {
      const [win] = fake.windows;
      expect(win?.loadedUrl).toBe(`${appOrigin}/`);
      expect(win?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(String(win?.options.webPreferences?.preload)).toMatch(/preload\.cjs$/);
      expect(fake.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ secure: true, standard: true }) })]);
      expect(fake.applicationMenu).toBeDefined();
      win?.emit('ready-to-show');
      expect(win?.shown).toBe(true);
    });

    it('keeps navigation and redirects inside the app', () => {
      const contents = fake.windows[0]!.webContents;
      expect(contents.navigate(`${appOrigin}/queue`).defaultPrevented).toBe(false);
      expect(contents.navigate('https://evil.example/').defaultPrevented).toBe(true);
      expect(contents.navigate('file:///etc/passwd').defaultPrevented).toBe(true);
      expect(contents.redirect(`${appOrigin}/index.html`).defaultPrevented).toBe(false);
      expect(contents.redirect('http://127.0.0.1:9/').defaultPrevented).toBe(true);
      expect(contents.attachWebview().defaultPrevented).toBe(true);
      expect(log()).toContain('blocked navigation to https://evil.example/');
    });

    it('fences web contents created later too (a bug must not open an unfenced window)', () => {
      const stray = new FakeWebContents();
      fake.electron.app.emit('web-contents-created', {}, stray);
      expect(stray.navigate('https://evil.example/').defaultPrevented).toBe(true);
      expect(stray.openWindow('https://egov.kz/')).toEqual({ action: 'deny' });
    });

    it('denies every window.open, handing https links to the system browser only', () => {
      const contents = fake.windows[0]!.webContents;
      expect(contents.openWindow('https://egov.kz/services')).toEqual({ action: 'deny' });
      expect(contents.openWindow('file:///C:/Windows/system32/calc.exe')).toEqual({ action: 'deny' });
      expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
      expect(contents.openWindow(`${appOrigin}/popup`)).toEqual({ action: 'deny' });
      expect(fake.openedExternally).toEqual(['https://egov.kz/services']);
    });

    it('denies permission requests and checks', async () => {
      expect(await fake.requestPermission('media')).toBe(false);
      expect(await fake.requestPermission('geolocation')).toBe(false);
      expect(fake.checkPermission('clipboard-read')).toBe(false);
      expect(log()).toContain('denied permission media');
    });

    it('answers IPC from the app top frame and refuses a subframe or a foreign page', async () => {
      const contents = fake.windows[0]!.webContents;
      const ok = await fake.invokeIpc('host:app.ping', { nonce: 'n1' }, { contents });
      expect(ok).toMatchObject({ ok: true, value: { nonce: 'n1' } });

      const subframe = await fake.invokeIpc('host:app.ping', { nonce: 'n2' }, { contents, frame: new FakeFrame(`${appOrigin}/frame`) });
      expect(subframe).toMatchObject({ ok: false, error: { code: 'errors:host.untrustedSender' } });

      const foreign = new FakeWebContents('https://evil.example/');
      expect(await fake.invokeIpc('host:app.ping', { nonce: 'n3' }, { contents: foreign })).toMatchObject({ ok: false, error: { code: 'errors:host.untrustedSender' } });
      expect(await fake.invokeIpc('host:app.ping', { nonce: 'n4' }, { contents, frame: null })).toMatchObject({ ok: false, error: { code: 'errors:host.untrustedSender' } });
      expect(log()).toContain(`refused IPC app.ping from ${appOrigin}/frame`);
    });

    it('writes renderer error reports into the host log', async () => {
      const contents = fake.windows[0]!.webContents;
      const reply = await fake.invokeIpc('host:app.reportError', { kind: 'unhandledrejection', message: 'TypeError: boom', stack: 'at a\nat b' }, { contents });
      expect(reply).toEqual({ ok: true, value: { logged: true } });
      expect(log()).toMatch(/ERROR renderer unhandledrejection: TypeError: boom \| at a ↵ at b/);
    });

    it('serves app:// with the strict CSP header and nosniff', async () => {
      const res = await fake.fetchApp(`${appOrigin}/index.html`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self' https://api.example.kz");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  it('with an invalid setting it shows a startup error naming it (kk and ru) and quits, instead of crashing', async () => {
    await launch({ QABYLDAU_API_URL: 'not a url', QABYLDAU_DATA_DIR: mkdtempSync(join(tmpdir(), 'qabyldau-data-')) });
    fake.ready();
    await expect.poll(() => fake.errorBoxes.length).toBe(1);
    const [box] = fake.errorBoxes;
    expect(box?.title).toContain('Qabyldau іске қосылмады');
    expect(box?.title).toContain('Qabyldau не запущен');
    expect(box?.content).toContain('QABYLDAU_API_URL');
    expect(box?.content).toContain('Настройки рабочей станции неполны');
    expect(fake.electron.app.quitCalls).toBe(1);
    expect(fake.windows).toEqual([]);
    expect(log()).toContain('startup refused: missing or invalid QABYLDAU_API_URL');
  });
});

