import { expect, type Page } from '@playwright/test';

/** Waits until the service worker controls the page, so the shell survives a reload with no network. */
export async function waitForOfflineShell(page: Page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active && !!navigator.serviceWorker.controller;
  });
}

export async function chooseService(page: Page, label: RegExp | string) {
  const select = page.getByLabel('Мемлекеттік көрсетілетін қызмет');
  const option = select.locator('option').filter({ hasText: label }).first();
  await select.selectOption({ value: (await option.getAttribute('value'))! });
}

export const apiUrl = () => `http://127.0.0.1:${process.env.E2E_API_PORT ?? 8791}`;

export async function expectNoConsoleErrors(errors: string[]) {
  expect(errors, errors.join('\n')).toEqual([]);
}
