import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startFakeEscl } from '../electron/scan/testkit/fake-escl';

// Paper → attachments from the intake checklist: the SANE `test` device and a loopback eSCL scanner (which
// jams mid-batch), plus hostile files; each scan must end up attached to the checklist row it was started from.

const shots = fileURLToPath(new URL('../test-results/', import.meta.url));
const workstationDir = () => join(process.env.E2E_DATA_DIR!, 'workstation');

/** The host searches `<dataDir>/sane.d` before the system SANE config: here it enables only the test backend. */
function enableSaneTestDevice() {
  const dir = join(workstationDir(), 'sane.d');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dll.conf'), 'test\n');
  writeFileSync(join(dir, 'test.conf'), 'number_of_devices 1\ntest-picture "Grid"\nbr_x 150.0\nbr_y 200.0\n');
}

async function openRow(page: Page, key: string) {
  await page.locator(`#scan-toggle-${key}`).click();
  const panel = page.locator(`[data-testid="scan-panel"][data-document="${key}"]`);
  await expect(panel).toBeVisible();
  return panel;
}

/** What IndexedDB holds, read straight from the page: documentKey, media type, size of each attachment. */
async function storedAttachments(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ documentKey: string; mediaType: string; size: number; sha256: string }[]>((resolve, reject) => {
        const open = indexedDB.open('qabyldau');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('attachments').objectStore('attachments').getAll();
          req.onsuccess = () => resolve(req.result.map((a) => ({ documentKey: a.documentKey, mediaType: a.mediaType, size: a.size, sha256: a.sha256 })));
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

test('scans from the SANE test device and a jamming eSCL scanner attach to the right checklist documents', async ({ page }) => {
  enableSaneTestDevice();
  const escl = await startFakeEscl({ feederPages: 5, jamAfter: 2 });
  // The host reaches only network scanners the administrator configured.
  writeFileSync(join(workstationDir(), 'scanners.json'), JSON.stringify({ escl: [escl.url] }));
  try {
    await page.goto('/');
    await page.locator('#intake-service').selectOption('externat-permission');
    await expect(page.getByTestId('checklist')).toBeVisible();

    // SANE: flatbed page into the application form row.
    const application = await openRow(page, 'application');
    await application.getByRole('button', { name: 'Сканерлерді іздеу' }).click();
    await expect(application.getByLabel('Құрылғы')).toHaveValue('test:0');
    await application.getByLabel('Ажыратымдылық').selectOption('150');
    await application.getByRole('button', { name: 'Сканерлеу', exact: true }).click();
    await expect(application.getByTestId('scan-status')).toHaveAttribute('data-state', 'done');
    await expect(application.getByTestId('scan-page')).toHaveCount(1);

    // A feeder batch of the test device (ten sheets), then tidy it with the keyboard: move, turn, delete.
    await application.getByLabel('Қағаз беру').selectOption('adf');
    await application.getByRole('button', { name: 'Сканерлеу', exact: true }).click();
    await expect(application.getByTestId('scan-status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(application.getByTestId('scan-page')).toHaveCount(11);
    const first = application.getByTestId('scan-page').first();
    await first.focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(application.getByTestId('scan-page').nth(1)).toBeFocused();
    await page.keyboard.press('r');
    await expect(application.getByTestId('scan-page').nth(1)).toHaveAttribute('aria-label', /90°/);
    for (let i = 0; i < 8; i++) await page.keyboard.press('Delete');
    await expect(application.getByTestId('scan-page')).toHaveCount(3);
    await application.screenshot({ path: join(shots, 'scan-panel.png') });
    await application.getByRole('button', { name: 'PDF ретінде тіркеу' }).click();
    await expect(application.getByTestId('scan-attachment')).toHaveCount(1);
    await expect(application.getByTestId('scan-page')).toHaveCount(0);

    // eSCL: the feeder jams after two sheets; both are kept and attach to the other row.
    await page.locator('[data-testid="scan-panel"]').screenshot({ path: join(shots, 'scan-panel-attached.png') });
    const standard = await openRow(page, 'standard-documents');
    await standard.getByLabel('Желілік сканер мекенжайы (eSCL)').fill(escl.url);
    await standard.getByLabel('Қағаз беру').selectOption('adf');
    await standard.getByRole('button', { name: 'Желілік сканерден' }).click();
    await expect(standard.getByTestId('scan-status')).toHaveAttribute('data-state', 'failed');
    await expect(standard.getByTestId('scan-messages')).toContainText('қағаз кептеліп қалды');
    await expect(standard.getByTestId('scan-page')).toHaveCount(2);

    // Hostile files next to good pages: refused with a message, nothing already there is lost.
    await standard.locator('input[type=file]').setInputFiles([
      { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
      { name: 'virus.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a document') },
      { name: 'cut.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog') },
    ]);
    await expect(standard.getByTestId('scan-messages')).toContainText('empty.jpg');
    await expect(standard.getByTestId('scan-messages')).toContainText('JPEG, PNG, TIFF немесе PDF емес');
    await expect(standard.getByTestId('scan-messages')).toContainText('PDF файлы зақымдалған');
    await expect(standard.getByTestId('scan-page')).toHaveCount(2);
    await standard.getByRole('button', { name: 'PDF ретінде тіркеу' }).click();
    await expect(standard.getByTestId('scan-attachment')).toHaveCount(1);
    await expect(standard.getByTestId('scan-total')).toContainText('2 файл');
    await page.screenshot({ path: join(shots, 'scan-panel-escl.png'), fullPage: true });
    // One row is open at a time; the first row still has its own attachment.
    const again = await openRow(page, 'application');
    await expect(again.getByTestId('scan-attachment')).toHaveCount(1);

    const stored = await storedAttachments(page);
    expect(stored.map((a) => a.documentKey).sort()).toEqual(['application', 'standard-documents']);
    for (const a of stored) {
      expect(a.mediaType).toBe('application/pdf');
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  } finally {
    await escl.close();
  }
});
