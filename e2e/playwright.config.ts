import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 5191);
const apiPort = Number(process.env.E2E_API_PORT ?? 8791);
// Every run starts from empty data: the e2e suite is about what a fresh install does.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'qabyldau-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
// The one-time code the host accepts first; global-setup spends it and keeps the session cookie for every test.
process.env.E2E_BOOTSTRAP_CODE ??= randomBytes(32).toString('base64url');
process.env.E2E_STORAGE_STATE ??= join(dataDir, 'e2e-session.json');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  outputDir: '../test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    storageState: process.env.E2E_STORAGE_STATE,
    locale: 'kk-KZ',
    timezoneId: 'Asia/Almaty',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx tsx build/start.ts',
    cwd: '..',
    url: `http://127.0.0.1:${port}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      QABYLDAU_NO_ELECTRON: '1',
      QABYLDAU_DATA_DIR: dataDir,
      QABYLDAU_PORT: String(port),
      QABYLDAU_API_PORT: String(apiPort),
      QABYLDAU_BOOTSTRAP_CODE: process.env.E2E_BOOTSTRAP_CODE,
    },
  },
});
