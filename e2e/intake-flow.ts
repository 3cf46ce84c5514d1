import { expect, type Page } from '@playwright/test';
import type { FormField, Service } from '../shared/catalogue/index';
import { searchServices } from '../shared/catalogue/search';
import { generateBin, generateIin } from '../shared/identity/index';

// The intake walked with the keyboard, shared by the intake and skeleton suites.

const company = generateBin({ registered: '2010-04', entityType: 'resident', division: 'head', serial: 123 });

export function sampleValue(field: FormField): string {
  const v = field.validation ?? {};
  switch (field.type) {
    case 'iin':
      return generateIin({ birthDate: '2018-09-03', sex: 'male', serial: 77 });
    case 'bin':
      return company;
    case 'phone':
      return '+7 701 123 45 67';
    case 'email':
      return 'applicant@example.kz';
    case 'date':
      return '2021-06-15';
    case 'number':
      return String(Math.round(((v.min ?? 1) + (v.max ?? (v.min ?? 1) + 10)) / 2));
    case 'textarea':
      return 'Сұратылатын қызметтің сипаттамасы';
    default:
      return 'Мәтін үлгісі';
  }
}

export async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || '');
}

export interface Fill {
  service: Service;
  query: string;
  subOperation?: string;
  applicantId: string;
  /** Documents to leave unticked (by checklist key): the package is then incomplete. */
  skipDocs?: string[];
  /** The applicant's names as typed (default: sample names that are not in the reference register). */
  names?: { surname?: string; name?: string; orgName?: string; address?: string };
}

/**
 * Goes through the whole intake with the keyboard. Tab order is asserted implicitly: the walk must reach the
 * completeness button, visiting each control of the service's form on the way.
 */
export async function fillIntake(page: Page, f: Fill) {
  const op = f.service.subOperations.find((o) => o.id === (f.subOperation ?? f.service.subOperations[0]!.id))!;
  expect(searchServices(f.query, 'kk')[0]?.id, 'the query must find the service first').toBe(f.service.id);
  await expect(page.locator('#intake-search')).toBeFocused();
  await page.keyboard.type(f.query);
  await page.keyboard.press('Enter');
  await expect(page.locator('#intake-suboperation')).toBeFocused();
  await expect(page.locator('#intake-service')).toHaveValue(f.service.id);
  if (f.subOperation) await page.locator('#intake-suboperation').selectOption(f.subOperation);
  const visited = new Set<string>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const id = await focusedId(page);
    if (id === 'check-completeness') break;
    // A date input keeps Tab inside for its day, month and year segments: fill it once, then tab through.
    if (visited.has(id)) continue;
    visited.add(id);
    const el = page.locator(`#${id}`);
    // A field may arrive pre-filled (the register lookup fills the applicant's name): replace, don't append.
    if (id.startsWith('intake-applicant-')) await page.keyboard.press('ControlOrMeta+A');
    if (id === 'intake-applicant-id') await page.keyboard.type(f.applicantId);
    else if (id === 'intake-applicant-surname') await page.keyboard.type(f.names?.surname ?? 'Сәрсенбаева');
    else if (id === 'intake-applicant-name') await page.keyboard.type(f.names?.name ?? 'Гүлнұр');
    else if (id === 'intake-applicant-orgName') await page.keyboard.type(f.names?.orgName ?? '«Білім-Инновация» ЖШС');
    else if (id === 'intake-applicant-address') await page.keyboard.type(f.names?.address ?? 'Қарағанды қ., Бұқар жырау д-лы, 12');
    else if (id.startsWith('intake-doc-')) {
      const key = id.replace(/^intake-doc-/, '').replace(/-(original|copy)$/, '');
      if (!f.skipDocs?.includes(key)) await page.keyboard.press('Space');
    } else if (id.startsWith('intake-field-')) {
      const field = op.fields.find((x) => `intake-field-${x.key}` === id)!;
      if (field.type === 'select') await el.selectOption(field.options![0]!.value);
      else if (field.type === 'date') await el.fill(sampleValue(field));
      else if (field.type === 'checkbox') continue;
      else if (field.required || field.type === 'email') await page.keyboard.type(sampleValue(field));
    }
  }
  expect(await focusedId(page)).toBe('check-completeness');
  visited.add('check-completeness');
  for (const field of op.fields.filter((x) => x.required)) expect(visited.has(`intake-field-${field.key}`), field.key).toBe(true);
  for (const item of op.checklist) expect([...visited].some((v) => v.startsWith(`intake-doc-${item.key}-`)), item.key).toBe(true);
  return op;
}


/**
 * After a complete verdict: every check that blocks signing (fee not confirmed, applicant not in the register)
 * gets an override with a note, as the operator would record it. Returns the notes recorded, by check.
 */
export async function overrideBlockedGates(page: Page): Promise<Record<string, string>> {
  await expect(page.getByTestId('signing-gates')).toBeVisible();
  const notes: Record<string, string> = {};
  for (const check of ['payment', 'register'] as const) {
    const gate = page.getByTestId(`gate-${check}`);
    if ((await gate.count()) === 0 || (await gate.getAttribute('data-status')) !== 'blocked') continue;
    notes[check] = check === 'payment' ? 'Түбіртек КВ-17 көрілді' : 'Тіркеу куәлігі көрілді';
    await page.locator(`#override-${check}-note`).fill(notes[check]);
    await page.getByTestId(`override-${check}-record`).click();
    await expect(gate).toHaveAttribute('data-status', 'overridden');
  }
  return notes;
}
