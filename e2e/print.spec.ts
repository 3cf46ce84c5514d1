import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { canonicalManifestBytes, type Manifest } from '../shared/manifest/manifest';
import { getService } from '../shared/catalogue/index';
import { apiUrl, signInAndUnlock } from './helpers';
import { fillIntake, overrideBlockedGates } from './intake-flow';

/** The dev licensor `npm start` provisioned in the e2e data folder. */
const licensorKey = () => (JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'licensor.json'), 'utf8')) as { key: string }).key;

async function decide(applicationId: string, body: unknown) {
  const res = await fetch(`${apiUrl()}/v1/licensor/applications/${applicationId}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${licensorKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { decisionId: string; number: string };
}

/**
 * Registers one application of the desk's centre, signed with the TEST operator key by openssl (an independent
 * CMS signer), straight through the API: the desk's intake UI has its own e2e (intake.spec.ts), and this test is
 * about what happens after registration.
 */
async function registeredApplication(): Promise<string> {
  const dataDir = process.env.E2E_DATA_DIR!;
  const centre = JSON.parse(readFileSync(join(dataDir, 'centre.json'), 'utf8')) as { id: string; key: string };
  const pki = JSON.parse(readFileSync(join(dataDir, 'test-pki', 'manifest.json'), 'utf8')) as { dir: string; operatorIin: string; certs: { operator: { certPem: string; keyPem: string } } };
  const manifest: Manifest = {
    schema: 'qabyldau.application/1',
    applicationId: randomUUID(),
    centreId: centre.id,
    serviceId: 'edu-licence-school',
    subOperation: 'issue',
    applicant: { kind: 'legal-entity', id: '100440001230' },
    form: {},
    documentsPresented: [],
    attachments: [],
    operatorIin: pki.operatorIin,
    acceptedAt: new Date().toISOString(),
  };
  const work = mkdtempSync(join(tmpdir(), 'print-e2e-'));
  writeFileSync(join(work, 'manifest.json'), canonicalManifestBytes(manifest));
  execFileSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-nosmimecap', '-outform', 'DER', '-in', join(work, 'manifest.json'), '-signer', join(pki.dir, pki.certs.operator.certPem), '-inkey', join(pki.dir, pki.certs.operator.keyPem), '-out', join(work, 'sig.der')]);
  const cmsBase64 = readFileSync(join(work, 'sig.der')).toString('base64');
  const session = await (await fetch(`${apiUrl()}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ centreId: centre.id }) })).json();
  const res = await fetch(`${apiUrl()}/v1/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', 'idempotency-key': manifest.applicationId },
    body: JSON.stringify({ manifest, signature: { cmsBase64 } }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return manifest.applicationId;
}

const officer = { name: 'Құдайбергенова Әсем', position: 'Төрағаның орынбасары' };
const authority = { name: 'Білім саласындағы сапаны қамтамасыз ету комитеті', details: 'Астана қ.', place: 'Астана қаласы' };

test('a licence decided by the licensor reaches the print centre, prints, and a tampered result is refused', async ({ page }) => {
  await page.goto('/');
  const first = await registeredApplication();
  const licence = await decide(first, { result: 'licence', officer, authority, holder: { name: '«Үміт» мектебі ЖШС', address: 'Астана қ., Абай даңғылы, 10' }, activityType: 'Жалпы орта білім беру' });
  expect(licence.number).toMatch(/^LIC-\d{4}-\d{8}$/);

  await page.getByRole('button', { name: 'Басып шығару орталығы' }).click();
  await page.getByRole('button', { name: 'Қазір жіберу' }).click();
  const row = page.locator(`[data-testid="decision-row"][data-number="${licence.number}"]`);
  await expect(row).toHaveAttribute('data-printable', 'true');
  await expect(row.getByTestId('signature')).toContainText('Расталды');

  // preview → the very PDF the printer gets; its text is checked with pdftotext
  await row.getByRole('button', { name: 'Қарау' }).click();
  await expect(page.getByTestId('pdf-preview')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('download-pdf').click();
  const file = await (await download).path();
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-'], { encoding: 'utf8' });
  for (const needle of ['МЕМЛЕКЕТТІК ЛИЦЕНЗИЯ', licence.number, '«Үміт» мектебі ЖШС', '100440001230', 'Мөр орны']) expect(text).toContain(needle);
  await page.screenshot({ path: 'test-results/print-centre.png', fullPage: true });

  // print once, then a reprint needs a reason and both land in the print log
  await page.evaluate(() => {
    // headless Chromium has no print dialog; count calls instead
    (window as unknown as { printed: number }).printed = 0;
    const frame = document.querySelector<HTMLIFrameElement>('iframe.print-frame')!;
    frame.addEventListener('load', () => {
      frame.contentWindow!.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
  });
  const printCalls = () => page.evaluate(() => (window as unknown as { printed: number }).printed);
  await row.getByRole('button', { name: 'Басып шығару' }).click();
  await expect(page.getByTestId('print-log-row')).toHaveCount(1);
  await expect.poll(printCalls).toBe(1);
  await row.getByRole('button', { name: 'Қайта басып шығару' }).click();
  await page.getByRole('button', { name: 'Қайта басып шығару' }).last().click();
  await expect(page.getByText('Себепті көрсетіңіз.')).toBeVisible();
  await page.getByLabel('Қайта басып шығару себебі').fill('Қағаз кептеліп қалды');
  await page.getByRole('dialog').getByRole('button', { name: 'Қайта басып шығару' }).click();
  await expect(page.getByTestId('print-log-row')).toHaveCount(2);
  await expect(page.getByTestId('print-log-row').first()).toContainText('Қағаз кептеліп қалды');
  // the reason dialog opened once without printing (no reason given); the reprint itself printed exactly once more
  await expect.poll(printCalls).toBe(2);

  // hand-over with the survey; it is synced back
  await row.getByRole('button', { name: 'Өтініш берушіге беру' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Берген қызметкер').fill('Тұрсынов І.');
  await dialog.getByRole('radio').nth(2).check();
  await dialog.getByRole('radio').nth(5).check();
  await dialog.getByRole('button', { name: 'Берілді деп белгілеу' }).click();
  await expect(row.getByTestId('handover')).not.toContainText('—');
  await expect(row.getByTestId('handover')).not.toContainText('жіберілуін күтуде');

  // a second decision whose document is altered on the way: kept, shown with the reason, never printable
  const second = await registeredApplication();
  const refusal = await decide(second, { result: 'motivated-refusal', officer, authority, holder: { name: '«Үміт» мектебі ЖШС', address: 'Астана қ.' }, refusal: { reasonId: 'decision' } });
  await page.route(`${apiUrl()}/v1/decisions?*`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { items: Array<{ decisionId: string; documentJson: string }> };
    for (const item of body.items) if (item.decisionId === refusal.decisionId) item.documentJson = item.documentJson.replace('«Үміт» мектебі', '«Басқа» мектебі');
    await route.fulfill({ response, json: body });
  });
  await page.getByRole('button', { name: 'Қазір жіберу' }).click();
  const tampered = page.locator(`[data-testid="decision-row"][data-number="${refusal.number}"]`);
  await expect(tampered).toHaveAttribute('data-printable', 'false');
  await expect(tampered.getByTestId('verify-reason')).toContainText('құжат қол қойылғаннан кейін өзгертілген');
  await expect(tampered.getByRole('button', { name: 'Басып шығару' })).toHaveCount(0);
  await expect(tampered.getByRole('button', { name: 'Қарау' })).toHaveCount(0);
  await expect(tampered.getByRole('checkbox')).toBeDisabled();
  await page.screenshot({ path: 'test-results/print-centre-tampered.png', fullPage: true });
});

test('from the desk to paper: intake → sync → licensor decision → verified licence and refusal PDFs', async ({ page }) => {
  await page.goto('/');
  await signInAndUnlock(page);
  const accepted = new Set<string>();
  const accept = async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Жаңа өтініш' }).click();
    await fillIntake(page, {
      service: getService('edu-licence-school'),
      query: 'бастауыш',
      applicantId: '100440001230',
      names: { orgName: '«Үміт» мектебі ЖШС' },
    });
    await page.keyboard.press('Enter');
    await overrideBlockedGates(page);
    await page.getByRole('button', { name: 'Қабылдау және кезекке қою' }).press('Enter');
    await expect(page.getByTestId('receipt')).toHaveAttribute('data-kind', 'acceptance');
    await page.getByRole('button', { name: 'Өтініштер кезегіне өту' }).press('Enter');
    // The row this intake added (the queue is ordered by last change, so it is found by id, not position).
    const ids = async () => page.getByTestId('queue-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-application-id')!));
    await expect.poll(async () => (await ids()).filter((id) => !accepted.has(id)).length).toBe(1);
    const id = (await ids()).find((x) => !accepted.has(x))!;
    accepted.add(id);
    const row = page.locator(`[data-testid="queue-row"][data-application-id="${id}"]`);
    await expect(row.getByTestId('registration-number')).toHaveText(/^Q\d{4}-\d{8}$/);
    return id;
  };
  const pdfText = async (number: string) => {
    const row = page.locator(`[data-testid="decision-row"][data-number="${number}"]`);
    await expect(row).toHaveAttribute('data-printable', 'true');
    await row.getByRole('button', { name: 'Қарау' }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('download-pdf').click();
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', (await (await download).path())!, '-'], { encoding: 'utf8' });
  };

  const licensed = await accept();
  const licence = await decide(licensed, { result: 'licence', officer, authority, holder: { name: '«Үміт» мектебі ЖШС', address: 'Астана қ., Абай даңғылы, 10' }, activityType: 'Жалпы орта білім беру' });
  const refused = await accept();
  const refusal = await decide(refused, { result: 'motivated-refusal', officer, authority, holder: { name: '«Үміт» мектебі ЖШС', address: 'Астана қ.' }, refusal: { reasonId: 'decision', details: 'Біліктілік талаптарына сәйкестігін растайтын құжаттар ұсынылмаған.' } });

  await page.getByRole('button', { name: 'Басып шығару орталығы' }).click();
  await page.getByRole('button', { name: 'Қазір жіберу' }).click();
  const licenceText = await pdfText(licence.number);
  for (const needle of ['МЕМЛЕКЕТТІК ЛИЦЕНЗИЯ', licence.number, '«Үміт» мектебі ЖШС', '100440001230', 'Мөр орны']) expect(licenceText).toContain(needle);
  const refusalText = await pdfText(refusal.number);
  for (const needle of ['НЕГІЗДЕЛГЕН БАС ТАРТУ', refusal.number, '«Үміт» мектебі ЖШС', 'Біліктілік талаптарына сәйкестігін растайтын құжаттар ұсынылмаған']) expect(refusalText).toContain(needle);
});
