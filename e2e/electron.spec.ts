import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../build/dev/electron-binary';

// The real Electron shell, where a binary exists (ELECTRON_OVERRIDE_DIST_PATH names its folder) and the bundle
// is built (`npm run build:electron`). This machine has neither, so the suite is skipped, saying why; the same
// policies are exercised against a fake `electron` module in electron/main.test.ts on every run.
const bundle = join(import.meta.dirname, '..', 'dist', 'electron', 'main.cjs');
const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? findElectronBinary() : null;
const skipReason = !binary
  ? 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist folder to run the real-shell suite'
  : !existsSync(bundle)
    ? 'no Electron bundle: run `npm run build:electron` first'
    : null;
if (skipReason) console.warn(`e2e/electron.spec.ts skipped: ${skipReason}`);

test.describe('the Electron shell', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  const launch = (env: Record<string, string>) =>
    electron.launch({
      executablePath: binary ?? undefined,
      args: [bundle, '--no-sandbox'],
      env: { ...process.env, QABYLDAU_DATA_DIR: mkdtempSync(join(tmpdir(), 'qabyldau-electron-')), ...env },
    });

  test('opens the workstation on app:// with the bridge and no Node in the page', async () => {
    const app = await launch({ QABYLDAU_CENTRE_ID: 'E2E-CENTRE', QABYLDAU_CENTRE_KEY: 'e2e-centre-key-0123456789' });
    try {
      const page = await app.firstWindow();
      await expect.poll(() => page.url()).toBe('app://qabyldau/');
      expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as Record<string, object>).qabyldauHost ?? {}))).toEqual(['invoke']);
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await expect.poll(() => page.url()).toBe('app://qabyldau/');
    } finally {
      await app.close();
    }
  });
});
