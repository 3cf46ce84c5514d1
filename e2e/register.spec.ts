import { expect, test, type Page } from '@playwright/test';
import { generateIin } from '../shared/identity/index';
import { generatePopulation } from '../shared/register/generator';
import { apiUrl, signInAndUnlock } from './helpers';
import { overrideBlockedGates } from './intake-flow';

// The applicant block and the state register: online, a valid ИИН fills the block from the register; with the
// link down, the operator types, the application goes out "register check pending", and the server's check
// comes back as a needs-attention item with the regulation's message.

const person = generatePopulation().individuals[21]!;
// A valid ИИН below the generator's serial range: the reference register does not know this person.
const stranger = generateIin({ birthDate: '1983-07-19', sex: 'male', serial: 402 });

async function openIntake(page: Page) {
  await page.goto('/');
  await signInAndUnlock(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Жаңа өтініш' }).click();
  await page.locator('#intake-search').fill('нөмірлеу');
  await page.locator('#intake-search').press('Enter');
  await expect(page.locator('#intake-service')).toHaveValue('numbering-resource');
}

async function finishAndQueue(page: Page) {
  await page.locator('#intake-field-numbers').fill('7172 000 000 – 7172 000 099');
  await page.locator('#intake-field-contactPhone').fill('+7 701 123 45 67');
  for (const box of await page.locator('input[type=checkbox][id^="intake-doc-"]').all()) await box.check();
  await page.getByTestId('check-completeness').click();
  await overrideBlockedGates(page);
  await page.getByRole('button', { name: 'Қабылдау және кезекке қою' }).click();
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-kind', 'acceptance');
  await page.getByRole('button', { name: 'Өтініштер кезегіне өту' }).click();
}

test('online: a valid ИИН fills the applicant block from the register; the operator confirms, provenance is kept', async ({ page }) => {
  await openIntake(page);
  await page.locator('#intake-applicant-id').fill(person.iin);
  const lookup = page.getByTestId('register-lookup');
  await expect(lookup).toHaveAttribute('data-result', 'found');
  await expect(page.locator('#intake-applicant-surname')).toHaveValue(person.surname);
  await expect(page.locator('#intake-applicant-name')).toHaveValue(person.name);
  await expect(page.getByTestId('register-status')).toContainText('ЖТ МДҚ');
  await expect(lookup.locator('[data-field="surname"]')).toHaveAttribute('data-provenance', 'register');

  // the operator corrects one field: that field becomes typed, the rest stay from the register
  await page.locator('#intake-applicant-name').fill(`${person.name}а`);
  await expect(lookup.locator('[data-field="name"]')).toHaveAttribute('data-provenance', 'typed');
  await page.getByRole('button', { name: 'Дерекқордан қайта толтыру' }).click();
  await expect(page.locator('#intake-applicant-name')).toHaveValue(person.name);
  await page.getByTestId('register-confirm').click();
  await expect(page.getByTestId('register-confirmed')).toBeVisible();
  await expect(lookup).toHaveAttribute('data-state', 'confirmed');

  await finishAndQueue(page);
  const row = page.getByTestId('queue-row').first();
  await expect(row).toHaveAttribute('data-status', 'registered');
});

test('offline: typed data goes out "register check pending"; an unknown ИИН comes back needs-attention with the regulation message', async ({ page }) => {
  await openIntake(page);
  // The district link is down: every call to the central API fails, as in the skeleton test.
  await page.route(`${apiUrl()}/**`, (route) => route.abort('internetdisconnected'));
  await page.locator('#intake-applicant-id').fill(stranger);
  await expect(page.getByTestId('register-lookup')).toHaveAttribute('data-result', 'unavailable');
  await expect(page.getByTestId('register-pending')).toHaveText('Дерекқорда тексеру күтілуде');
  await page.locator('#intake-applicant-surname').fill('Белгісізов');
  await page.locator('#intake-applicant-name').fill('Арман');
  await finishAndQueue(page);
  const row = page.locator(`[data-testid="queue-row"]`).first();
  await expect(row).toHaveAttribute('data-status', 'ready');

  await page.unrouteAll();
  await page.getByRole('button', { name: 'Қазір жіберу' }).click();
  await expect(row).toHaveAttribute('data-status', 'needs-attention');
  await expect(row).toContainText('деректерді алу мүмкін емес');
  await expect(row).toContainText(stranger);
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(row).toContainText('Невозможно получить данные');
});
