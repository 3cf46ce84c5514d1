import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { catalogueVersion, getService, type SubOperation } from '../shared/catalogue/index';
import { addWorkingDays, calendarTermEnd } from '../shared/calendar/index';
import { generateBin, generateIin } from '../shared/identity/index';
import { rawApplications, signInAndUnlock, storedApplications } from './helpers';
import { fillIntake, overrideBlockedGates, type Fill } from './intake-flow';

// The intake driven from the keyboard: type to search, Enter to choose, Tab through the service's own form
// (whatever the catalogue says it has), Space to tick documents, Enter to check and to accept.

const pdfDir = mkdtempSync(join(tmpdir(), 'qabyldau-intake-e2e-'));
// Screenshots for a human look; kept outside test-results, which other suites' runs clear.
const shots = mkdtempSync(join(tmpdir(), 'qabyldau-intake-shots-'));
console.log(`intake screenshots: ${shots}`);

const person = generateIin({ birthDate: '1988-05-12', sex: 'female', serial: 4521 });
const company = generateBin({ registered: '2010-04', entityType: 'resident', division: 'head', serial: 123 });

/** Today at the centre (the suite runs in Asia/Almaty, like the desk). */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Almaty',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** The due date computed here from the catalogue's deadline and the calendar module, not read off the screen. */
/** '' where the receipt may print no date: no term in the regulation, or a term counted from the licensor's registration. */
function expectedDue(op: SubOperation, acceptedOn: string): string {
  const d = op.deadline;
  if (d.counts === 'not-stated' || d.counts === 'from-registration') return '';
  return d.unit === 'working-days'
    ? addWorkingDays(acceptedOn, d.amount)
    : calendarTermEnd(acceptedOn, d.amount).date;
}
const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * The PDF shown in the frame, saved through the receipt's own download link (the page's CSP lets it fetch only
 * its own origin and the API, so the blob is taken the way the operator would take it) and read with pdftotext.
 */
async function receiptPdfText(page: Page): Promise<string> {
  const frame = page.getByTestId('receipt-pdf');
  await expect(frame).toBeVisible();
  const src = (await frame.getAttribute('src'))!;
  expect(src).toMatch(/^blob:/);
  const link = page.getByRole('link', { name: 'PDF жүктеп алу' });
  expect(await link.getAttribute('href')).toBe(src);
  const [download] = await Promise.all([page.waitForEvent('download'), link.press('Enter')]);
  const path = join(pdfDir, download.suggestedFilename());
  await download.saveAs(path);
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', path, '-'], { encoding: 'utf8' });
}

/** The operator signs in and unlocks the TEST key first (the outbox signs what it queues), then opens the intake. */
async function openIntakeSignedIn(page: Page) {
  await page.goto('/');
  await signInAndUnlock(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Жаңа өтініш' }).click();
  await expect(page.getByRole('heading', { name: 'Жаңа өтініш қабылдау' })).toBeVisible();
  // the operator's name comes from the unlocked certificate, not from what was typed at sign-in
  await expect(page.getByTestId('intake-operator')).toContainText('СЕЙТОВА АЙГЕРІМ ҚАНАТҚЫЗЫ');
}

const families: Fill[] = [
  { service: getService('edu-licence-higher'), query: 'ЖОГАРЫ БИЛИМ', applicantId: company },
  {
    service: getService('heritage-licence'),
    query: 'археология',
    subOperation: 'reissue',
    applicantId: person,
  },
  { service: getService('kindergarten-queue'), query: 'мектепке дейінгі', applicantId: person },
  { service: getService('school-enrolment'), query: 'қабылдау', applicantId: person },
  { service: getService('radio-frequency-permit'), query: 'радиожиілік', applicantId: company },
];

for (const fill of families) {
  test(`${fill.service.family}: a complete package of «${fill.service.id}» is accepted, queued and gets a receipt with the due date`, async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await openIntakeSignedIn(page);
    const op = await fillIntake(page, fill);
    if (fill.service.id === 'edu-licence-higher')
      await page.screenshot({ path: join(shots, 'intake-filled.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('verdict')).toContainText('толық');
    // a fee due before signing that was not confirmed, or an applicant the register does not know, blocks the
    // queue button until the operator records an override; the override then appears on the receipt
    const notes = await overrideBlockedGates(page);
    if (fill.service.id === 'edu-licence-higher')
      await page.screenshot({ path: join(shots, 'intake-gates.png'), fullPage: true });
    await expect(page.getByRole('button', { name: 'Қабылдау және кезекке қою' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Қабылдау және кезекке қою' })).toBeFocused();
    await page.keyboard.press('Enter');

    const receipt = page.getByTestId('receipt');
    await expect(receipt).toHaveAttribute('data-kind', 'acceptance');
    const acceptedOn = today();
    await expect(page.getByTestId('receipt-at')).toHaveAttribute('data-value', new RegExp(`^${acceptedOn}T`));
    const due = expectedDue(op, acceptedOn);
    await expect(page.getByTestId('receipt-due')).toHaveAttribute('data-value', due);
    const number = (await page.getByTestId('receipt-number').textContent())!;
    expect(number).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);

    const text = await receiptPdfText(page);
    expect(text).toContain('құжаттардың қабылданғаны туралы қолхат'.slice(1));
    expect(text).toContain(number);
    if (due) expect(text).toContain(dotted(due));
    else if (op.deadline.counts === 'not-stated') expect(text).toContain('мерзімі регламентте белгіленбеген');
    else expect(text).toContain('лицензиарда тіркелген күннен бастап');
    expect(text).toContain(fill.applicantId);
    expect(text).toContain('СЕЙТОВА АЙГЕРІМ ҚАНАТҚЫЗЫ');
    for (const note of Object.values(notes)) {
      await expect(page.getByTestId('receipt-remarks')).toContainText(note);
      expect(text.replace(/\s+/g, ' ')).toContain(note);
    }
    if (fill.service.id === 'edu-licence-higher')
      await page.screenshot({ path: join(shots, 'intake-receipt.png'), fullPage: true });

    // Queued, exactly once, with the documents the operator ticked.
    await page.getByRole('button', { name: 'Өтініштер кезегіне өту' }).press('Enter');
    const row = page.getByTestId('queue-row');
    await expect(row).toHaveCount(1);
    await expect(row).not.toHaveAttribute('data-status', 'draft');
    if (fill.service.id === 'edu-licence-higher') {
      // the receipt number finds the row, and the receipt can be shown and printed again from the queue
      await page.getByTestId('queue-search').fill(number.toLowerCase().replace('-', ''));
      await expect(row).toHaveCount(1);
      await row.getByTestId('reprint-receipt').click();
      await expect(page.getByTestId('receipt-number')).toHaveText(number);
      for (const note of Object.values(notes))
        await expect(page.getByTestId('receipt-remarks')).toContainText(note);
      await expect(page.getByTestId('receipt-pdf')).toBeVisible();
      await page.screenshot({ path: join(shots, 'queue-reprint.png'), fullPage: true });
      await page.getByTestId('queue-search').fill('');
    }
    const compact = number.replace('-', '');
    const stored = (
      JSON.parse(await storedApplications(page)) as {
        id: string;
        documentsPresented: string[];
        form: Record<string, unknown>;
        serviceId: string;
      }[]
    ).filter((a) => a.id.replace(/-/g, '').toUpperCase().startsWith(compact));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.serviceId).toBe(fill.service.id);
    expect(stored[0]!.documentsPresented.sort()).toEqual(op.checklist.map((i) => i.key).sort());
    for (const field of op.fields.filter((x) => x.required))
      expect(stored[0]!.form, field.key).toHaveProperty(field.key);
    expect(errors).toEqual([]);
  });
}

test('an incomplete package gets a refusal-to-accept receipt naming the missing document and is not queued', async ({
  page,
}) => {
  const service = getService('school-certificate-duplicate');
  await openIntakeSignedIn(page);
  const op = await fillIntake(page, {
    service,
    query: 'телнұсқа',
    applicantId: person,
    skipDocs: ['standard-documents'],
  });
  const missing = op.checklist.find((i) => i.key === 'standard-documents')!;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict-missing')).toContainText(missing.name.kk);
  // the safe default: Enter out of habit goes back to the form, never hands out a refusal
  await expect(page.getByRole('button', { name: 'Өтінішке оралу' })).toBeFocused();
  await page.getByRole('button', { name: 'Қабылдаудан бас тарту туралы қолхат беру' }).press('Enter');
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-kind', 'refusal');
  await expect(page.getByTestId('receipt-missing')).toContainText(missing.name.kk);
  const text = (await receiptPdfText(page)).replace(/\s+/g, ' ');
  expect(text).toContain(missing.name.kk.split(' ').slice(0, 3).join(' '));
  expect(text).toContain(person);
  await page.screenshot({ path: join(shots, 'intake-refusal.png'), fullPage: true });

  await page.getByRole('button', { name: 'Өтініштер кезегі' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('queue-row')).toHaveCount(0);
});

test('a draft survives a reload but comes back only when resumed; another service is another application; discarding clears everything', async ({
  page,
}) => {
  await page.goto('/');
  await page.keyboard.type('экстерн');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type(person);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Омаров');
  await expect(page.getByTestId('draft-status')).not.toBeEmpty();
  // The autosave is debounced: wait until the last field typed is in IndexedDB, not for a fixed time.
  await expect.poll(() => storedApplications(page)).toContain('Омаров');
  // ...sealed: what IndexedDB holds (a copied browser profile) never shows the applicant in clear
  expect(await rawApplications(page)).not.toContain('Омаров');

  // After a reload a new application starts empty; the unfinished one waits in the list until resumed.
  await page.reload();
  await expect(page.locator('#intake-search')).toHaveValue('');
  await expect(page.locator('#intake-applicant-id')).toHaveCount(0);
  await expect(page.getByTestId('draft-item')).toHaveCount(1);
  await page.getByText(/Аяқталмаған басқа өтініш/).press('Enter');
  await page.getByRole('button', { name: /^Жалғастыру:/ }).press('Enter');
  await expect(page.locator('#intake-service')).toHaveValue('externat-permission');
  await expect(page.locator('#intake-applicant-id')).toHaveValue(person);
  await expect(page.locator('#intake-applicant-surname')).toHaveValue('Омаров');
  await expect(page.getByTestId('applicant-id-status')).toHaveText('ЖСН дұрыс (жеке тұлға).');
  await expect(page.getByTestId('draft-item')).toHaveCount(0);

  // Back in the search box the old words are selected: the new search replaces them instead of piling up.
  await page.locator('#intake-search').focus();
  await page.keyboard.type('нөмірлеу');
  await expect(page.locator('#intake-search')).toHaveValue('нөмірлеу');
  // This draft belongs to its applicant: another service starts another application, the first one is kept.
  await page.keyboard.press('Enter');
  await expect(page.locator('#intake-service')).toHaveValue('numbering-resource');
  await expect(page.locator('#intake-applicant-id')).toHaveValue('');
  await expect(page.getByTestId('draft-item')).toHaveCount(1);

  // Discarding the current application clears every field and the search box.
  await page.locator('#intake-applicant-id').fill(person);
  await page.getByRole('button', { name: 'Осы жобаны жою' }).click();
  await expect(page.locator('#intake-search')).toHaveValue('');
  await expect(page.locator('#intake-applicant-id')).toHaveCount(0);
  await expect(page.locator('#intake-search')).toBeFocused();
  await expect.poll(() => storedApplications(page)).not.toContain('numbering-resource');
  await page.getByText(/Аяқталмаған басқа өтініш/).press('Enter');
  await page.getByRole('button', { name: /^Жою:/ }).press('Enter');
  await expect(page.getByTestId('draft-item')).toHaveCount(0);
});

test('ИИН/БИН is validated as typed, with the identity messages; the kind must suit the service', async ({
  page,
}) => {
  await page.goto('/');
  await page.keyboard.type('қабылдау');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const status = page.getByTestId('applicant-id-status');
  const wrong = person.slice(0, 11) + String((Number(person[11]) + 1) % 10);
  await page.keyboard.type(wrong);
  await expect(status).toHaveText('ЖСН-нің бақылау цифры сәйкес келмейді: нөмірді қайта тексеріңіз.');
  await expect(page.locator('#intake-applicant-id')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#intake-applicant-id').fill(company);
  await expect(status).toHaveText('Бұл қызметті мұндай өтініш беруші ала алмайды.');
  await page.locator('#intake-applicant-id').fill(person);
  await expect(status).toHaveText('ЖСН дұрыс (жеке тұлға).');
  // Submitting with empty required fields moves focus to the first one and says so.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('intake-problems')).toBeVisible();
  await expect(page.locator('#intake-applicant-surname')).toBeFocused();
  await expect(page.locator('#intake-applicant-surname')).toHaveAttribute('aria-invalid', 'true');
});

test('the intake shows the catalogue version and switches to the copy cached from the central API', async ({
  page,
}) => {
  await page.goto('/');
  const version = page.getByTestId('catalogue-version');
  await expect(version).toHaveAttribute('data-version', catalogueVersion);
  await expect(version).toHaveAttribute('data-source', 'cached');
  await expect(version).toContainText(catalogueVersion);
  const cached = await page.evaluate(async () => {
    const open = indexedDB.open('qabyldau');
    const db = await new Promise<IDBDatabase>((res) => (open.onsuccess = () => res(open.result)));
    const req = db.transaction('kv').objectStore('kv').get('catalogue.cached');
    const row = await new Promise<{ value: { version: string; services: unknown[] } } | undefined>(
      (res) => (req.onsuccess = () => res(req.result)),
    );
    db.close();
    return row && { version: row.value.version, services: row.value.services.length };
  });
  expect(cached).toEqual({ version: catalogueVersion, services: 14 });
});
