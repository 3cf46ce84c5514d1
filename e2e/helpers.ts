import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The TEST PKI that `npm start` generated in the e2e data folder. */
export function testPki(): { operatorIin: string; password: string } {
  const manifest = JSON.parse(
    readFileSync(join(process.env.E2E_DATA_DIR!, 'test-pki', 'manifest.json'), 'utf8'),
  );
  return { operatorIin: manifest.operatorIin, password: manifest.certs.operator.password };
}

/** Signs in as the TEST operator and unlocks the TEST operator key, as an operator does at the start of a shift. */
export async function signInAndUnlock(page: Page) {
  const pki = testPki();
  await page.getByRole('button', { name: 'ЭЦҚ' }).click();
  const operator = page.getByTestId('operator');
  if (!(await operator.isVisible())) {
    await page.getByLabel('Оператордың ЖСН-і').fill(pki.operatorIin);
    await page.getByLabel('Оператордың тегі, аты, әкесінің аты').fill('ТЕСТОВ ОПЕРАТОР');
    await page.getByRole('button', { name: 'Кіру' }).click();
    await expect(operator).toContainText(pki.operatorIin);
  }
  const state = page.getByTestId('keystore-state');
  await expect(state).not.toHaveAttribute('data-state', 'unknown');
  if ((await state.getAttribute('data-state')) !== 'unlocked') {
    if ((await state.getAttribute('data-state')) === 'empty')
      await page.getByLabel('Кілт файлы (.p12)').selectOption('TEST-operator.p12');
    await page.getByLabel('Кілттің құпиясөзі').fill(pki.password);
    await page.getByRole('button', { name: /Жүктеу және ашу|Кілтті ашу/ }).click();
  }
  await expect(state).toHaveAttribute('data-state', 'unlocked');
}

/** The workstation's stored applications (drafts included), read straight from IndexedDB as JSON text. */
/**
 * The applications as IndexedDB holds them: personal fields sealed (see renderer/src/privacy), so an e2e test can
 * prove that what a copied profile exposes is ciphertext.
 */
export function rawApplications(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('qabyldau');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('applications').objectStore('applications').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result));
          };
        };
      }),
  );
}

/**
 * The applications opened as the workstation reads them. In loopback mode the page keeps its non-extractable key
 * handles in `qabyldau-key-handles` (renderer/src/privacy/key-handles.ts); the test opens each row with them, as the
 * renderer's openApplication does (AES-GCM, the row's context as additional data).
 */
export function storedApplications(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const openDb = (name: string) => request(indexedDB.open(name));
    const keysDb = await openDb('qabyldau-key-handles');
    const [handle] = (await request(keysDb.transaction('keys').objectStore('keys').getAll())) as {
      keyId: string;
      encryptionKey: CryptoKey;
    }[];
    keysDb.close();
    const db = await openDb('qabyldau');
    const rows = (await request(db.transaction('applications').objectStore('applications').getAll())) as {
      id: string;
      sealed?: { keyId: string; iv: ArrayLike<number>; ct: ArrayBuffer };
    }[];
    db.close();
    const opened = await Promise.all(
      rows.map(async ({ sealed, ...plain }) => {
        if (!sealed || !handle || sealed.keyId !== handle.keyId) return plain;
        const bytes = await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: new Uint8Array(Array.from(sealed.iv)),
            additionalData: new TextEncoder().encode(`applications/${plain.id}`),
          },
          handle.encryptionKey,
          sealed.ct,
        );
        return { ...plain, ...(JSON.parse(new TextDecoder().decode(bytes)) as object) };
      }),
    );
    return JSON.stringify(opened);
  });
}
