import { chromium, expect, type FullConfig } from '@playwright/test';

/**
 * Signs the e2e browser in the way an operator does: open the one-time bootstrap link once, keep the HttpOnly
 * session cookie it sets. Every test starts from this storage state; the link itself is spent afterwards.
 */
export default async function globalSetup(config: FullConfig) {
  const use = config.projects[0]!.use;
  const browser = await chromium.launch(use.launchOptions);
  try {
    const context = await browser.newContext({ baseURL: use.baseURL! });
    const page = await context.newPage();
    await page.goto(`/__bootstrap?code=${process.env.E2E_BOOTSTRAP_CODE}`);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connectivity', 'online');
    await context.storageState({ path: process.env.E2E_STORAGE_STATE! });
  } finally {
    await browser.close();
  }
}
