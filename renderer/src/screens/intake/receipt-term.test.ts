import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getService } from '@shared/catalogue';
import { addWorkingDays, defaultCalendar } from '@shared/calendar';
import { renderAcceptanceReceipt } from '@shared/forms';
import { formatDate } from '@shared/forms/format';
import { pdftotext, squash, writeTempPdf } from '@shared/forms/poppler.testkit';
import type { Language } from '@shared/i18n/resources';
import { generateIin } from '@shared/identity';
import { checkCompleteness } from './completeness';
import { acceptanceReceipt, type ReceiptContext } from './receipt-data';

const fontDir = new URL('../../../../shared/forms/fonts/', import.meta.url);
const font = new Uint8Array(readFileSync(new URL('DejaVuSans.ttf', fontDir)));
const boldFont = new Uint8Array(readFileSync(new URL('DejaVuSans-Bold.ttf', fontDir)));
const iin = generateIin({ birthDate: '1988-05-12', sex: 'female', serial: 4521 });
const acceptedAt = new Date(2026, 2, 20, 10, 42); // Friday 20 March 2026, before Nauryz

/** The receipt the desk prints for the service's first sub-operation with every document presented, as text. */
async function receiptText(serviceId: string, lang: Language) {
  const service = getService(serviceId);
  const op = service.subOperations[0]!;
  const marks = Object.fromEntries(op.checklist.map((i) => [i.key, { original: true, copy: true }]));
  const ctx: ReceiptContext = {
    applicationId: '3f2a9c1b-0000-4000-8000-000000000001',
    at: acceptedAt,
    centre: 'CON-1',
    service,
    op,
    lang,
    applicantKind: service.applicantKinds.includes('individual') ? 'individual' : 'legal-entity',
    applicantId: iin,
    applicant: {
      surname: 'Сәрсенбаева',
      name: 'Гүлнұр',
      patronymic: '',
      orgName: 'ТОО «Байланыс»',
      address: 'Қарағанды',
    },
    operator: 'Тұрсынов Ілияс',
  };
  const data = acceptanceReceipt(ctx, checkCompleteness(op, marks).presented, defaultCalendar);
  const pdf = await renderAcceptanceReceipt(data, { lang, font, boldFont });
  return { data, text: squash(pdftotext(writeTempPdf(pdf, `receipt-${serviceId}-${lang}`), '-raw')) };
}

const dated = /\d{2}\.\d{2}\.\d{4}/g;

describe('receipts print only the term the regulation gives', () => {
  it('kindergarten queue: no term in the regulation, so no due date', async () => {
    const kk = await receiptText('kindergarten-queue', 'kk');
    expect(kk.data.due).toEqual({ counts: 'not-stated' });
    expect(kk.text).toContain('мерзімі регламентте белгіленбеген');
    // The only date printed is the acceptance date.
    expect(kk.text.match(dated)).toEqual([formatDate('2026-03-20')]);
    const ru = await receiptText('kindergarten-queue', 'ru');
    expect(ru.text).toContain('срок регламентом не установлен');
    expect(ru.text).not.toContain('Дата выдачи результата:');
  });

  it('school enrolment: the five working days are the term to receive the receipt, labelled so', async () => {
    const kk = await receiptText('school-enrolment', 'kk');
    // 20 Mar + 5 working days: 26, 27, 30, 31 Mar, 1 Apr (Nauryz and its carry-overs skipped)
    expect(kk.data.due).toEqual({ counts: 'receipt-term', date: '2026-04-01', term: 5, unit: 'working' });
    expect(addWorkingDays('2026-03-20', 5)).toBe('2026-04-01');
    expect(kk.text).toContain('Қолхат алу мерзімі (жұмыс күні)');
    expect(kk.text).toContain(`Қолхатты алу күні ${formatDate('2026-04-01')}`);
    expect(kk.text).toContain('нәтиже беру мерзімі емес');
    expect(kk.text).not.toContain('Нәтижені беру күні');
    const ru = await receiptText('school-enrolment', 'ru');
    expect(ru.text).toContain('Срок получения расписки (рабочих дней)');
    expect(ru.text).not.toContain('Дата выдачи результата');
  });

  it('telecom licence: the term counts from registration at the licensor, so the desk prints no final date', async () => {
    const kk = await receiptText('telecom-licence', 'kk');
    expect(kk.data.due).toEqual({ counts: 'from-registration', term: 15, unit: 'calendar' });
    expect(kk.text).toContain('лицензиарда тіркелген күннен бастап есептеледі');
    expect(kk.text.match(dated)).toEqual([formatDate('2026-03-20')]);
    const ru = await receiptText('telecom-licence', 'ru');
    expect(ru.text).toContain('со дня регистрации заявления у лицензиара');
  });

  it('a term from acceptance keeps its due date', async () => {
    const kk = await receiptText('edu-licence-higher', 'kk');
    expect(kk.data.due).toMatchObject({ counts: 'from-acceptance', unit: 'working' });
    const due = (kk.data.due as { date: string }).date;
    expect(kk.text).toContain(`Нәтижені беру күні ${formatDate(due)}`);
  });
});
