import { expect, test, type Page, type Request } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { getService } from '../shared/catalogue/index';
import { generatePopulation } from '../shared/register/generator';
import { signInAndUnlock } from './helpers';
import { fillIntake, overrideBlockedGates } from './intake-flow';

/** A few MB of incompressible scan: noise photos in a PDF, which the scan import keeps page for page. */
async function bigPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const jpeg = await sharp({ create: { width: 1400, height: 1400, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 70 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595, 842]);
    page.drawImage(image, { x: 0, y: 121, width: 595, height: 595 });
  }
  return Buffer.from(await doc.save());
}

/** The stored upload state of the application's attachments, read straight from IndexedDB. */
const uploads = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ size: number; offset: number; url: string | null }[]>((resolve, reject) => {
        const open = indexedDB.open('qabyldau');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('attachments').objectStore('attachments').getAll();
          req.onsuccess = () => {
            resolve(req.result.map((a) => ({ size: a.size, offset: a.upload?.offset ?? 0, url: a.upload?.url ?? null })));
            open.result.close();
          };
        };
      }),
  );

test('a reload in the middle of a large upload resumes it from the acknowledged byte, not from 0', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await signInAndUnlock(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Жаңа өтініш' }).click();
  const person = generatePopulation().individuals[1]!;
  await fillIntake(page, { service: getService('externat-permission'), query: 'экстернат', applicantId: person.iin, names: { surname: person.surname, name: person.name } });

  // Attach a ≈3 MB scan to the application row.
  await page.locator('#scan-toggle-application').click();
  const panel = page.locator('[data-testid="scan-panel"][data-document="application"]');
  await panel.locator('input[type=file]').setInputFiles([{ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await bigPdf(3) }]);
  await expect(panel.getByTestId('scan-page')).toHaveCount(3, { timeout: 30_000 });
  await panel.getByRole('button', { name: 'PDF ретінде тіркеу' }).click();
  await expect(panel.getByTestId('scan-attachment')).toHaveCount(1, { timeout: 30_000 });
  const [attached] = await uploads(page);
  expect(attached!.size).toBeGreaterThan(2_000_000);

  // The link dies after four chunks (tus PATCH requests) have gone through.
  let patches = 0;
  await page.route('**/v1/uploads/**', (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    return ++patches <= 4 ? route.continue() : route.abort('connectionreset');
  });
  await page.getByTestId('check-completeness').click();
  await overrideBlockedGates(page);
  await page.getByRole('button', { name: 'Қабылдау және кезекке қою' }).click();
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-kind', 'acceptance');
  await expect.poll(async () => (await uploads(page))[0]!.offset, { timeout: 60_000 }).toBeGreaterThan(0);
  const before = (await uploads(page))[0]!;
  expect(before.url).toContain('/v1/uploads/');
  expect(before.offset).toBeLessThan(before.size);

  // The operator reloads the page mid-upload; the link comes back.
  await page.unrouteAll();
  const resumedFrom: string[] = [];
  const onRequest = (r: Request) => {
    if (r.method() === 'PATCH' && r.url().includes('/v1/uploads/')) resumedFrom.push(r.headers()['upload-offset'] ?? '');
  };
  page.on('request', onRequest);
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Өтініштер кезегі' }).click();
  const row = page.getByTestId('queue-row');
  await expect(row).toHaveAttribute('data-status', 'registered', { timeout: 90_000 });
  expect(Number(resumedFrom[0])).toBeGreaterThanOrEqual(before.offset);
  expect(Number(resumedFrom[0])).toBeGreaterThan(0);
  const after = (await uploads(page))[0]!;
  expect(after.offset).toBe(after.size);
});
