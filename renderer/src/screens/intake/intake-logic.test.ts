import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getService } from '@shared/catalogue';
import { addWorkingDays, defaultCalendar, isWorkingDay } from '@shared/calendar';
import { renderAcceptanceReceipt, renderRefusalReceipt } from '@shared/forms';
import { pdftotext, writeTempPdf } from '@shared/forms/poppler.testkit';
import { generateBin, generateIin } from '@shared/identity';
import { checkCompleteness, intakeRefusalWording } from './completeness';
import { emptyIntake, parseDraft } from './intake-state';
import { acceptanceReceipt, applicationNumber, dueDate, localDateTime, refusalReceipt, type ReceiptContext } from './receipt-data';
import { checkApplicantId, formValues, validateField, validateIntake, visibleFields } from './validate';

const iin = generateIin({ birthDate: '1988-05-12', sex: 'female', serial: 4521 });
const bin = generateBin({ registered: '2010-04', entityType: 'resident', division: 'head', serial: 123 });

describe('field validation from the catalogue', () => {
  const op = getService('school-certificate-duplicate').subOperations[0]!;
  const field = (key: string) => op.fields.find((f) => f.key === key)!;

  it('checks required, bounds, options, identity numbers, dates, phone and e-mail', () => {
    expect(validateField(field('schoolName'), '  ')).toEqual({ key: 'intake:validation.required' });
    expect(validateField(field('schoolName'), 'x'.repeat(301))).toEqual({ key: 'intake:validation.maxLength', params: { max: 300 } });
    expect(validateField(field('graduationYear'), '1899')).toEqual({ key: 'intake:validation.min', params: { min: 1900 } });
    expect(validateField(field('graduationYear'), 'abc')).toEqual({ key: 'intake:validation.number' });
    expect(validateField(field('graduationYear'), '2005')).toBeNull();
    expect(validateField(field('certificateType'), 'nonsense')).toEqual({ key: 'intake:validation.option' });
    expect(validateField(field('certificateType'), field('certificateType').options![0]!.value)).toBeNull();
    expect(validateField(field('representativeIin'), '')).toBeNull();
    expect(validateField(field('representativeIin'), iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10))?.key).toMatch(/^identity:iin\./);
    expect(validateField(field('representativeIin'), iin)).toBeNull();
    expect(validateField(field('contactPhone'), '12')).toEqual({ key: 'intake:validation.phone' });
    expect(validateField(field('contactPhone'), '+7 701 123 45 67')).toBeNull();
    expect(validateField(field('contactEmail'), 'no-at-sign')).toEqual({ key: 'intake:validation.email' });
    expect(validateField(field('contactEmail'), 'a@b.kz')).toBeNull();
    const licenceDate = getService('telecom-licence').subOperations[1]!.fields.find((f) => f.type === 'date')!;
    expect(validateField(licenceDate, '2023-02-30')).toEqual({ key: 'intake:validation.date' });
    expect(validateField(licenceDate, '2023-02-28')).toBeNull();
  });

  it('tells ИИН from БИН and refuses a kind the service does not serve', () => {
    const school = getService('school-enrolment');
    expect(checkApplicantId(iin, school)).toMatchObject({ kind: 'individual', problem: null });
    expect(checkApplicantId(bin, school)).toMatchObject({ kind: 'legal-entity', problem: { key: 'intake:kindNotAllowed' } });
    expect(checkApplicantId('123', school).problem).toEqual({ key: 'identity:applicantId.length' });
    expect(checkApplicantId(`${bin.slice(0, 4)} ${bin.slice(4)}`, getService('edu-licence-higher'))).toMatchObject({ normalized: bin, problem: null });
  });

  it('lists every problem of an empty intake and none of a filled one; form values get their types', () => {
    const service = getService('school-enrolment');
    const state = { ...emptyIntake(), serviceId: service.id, subOperation: 'enrolment' };
    const empty = validateIntake(state, service, '');
    expect([...empty.keys()]).toEqual(expect.arrayContaining(['intake-applicant-id', 'intake-applicant-surname', 'intake-field-childIin', 'intake-field-grade', 'intake-operator']));
    const filled = {
      ...state,
      applicantId: iin,
      applicant: { ...state.applicant, surname: 'Сәрсенбаева', name: 'Гүлнұр' },
      form: { childIin: generateIin({ birthDate: '2019-03-01', sex: 'male', serial: 7 }), childFullName: 'Сәрсенбай Ерлан', grade: '1', contactPhone: '+77011234567' },
    };
    expect([...validateIntake(filled, service, 'Тұрсынов І.').keys()]).toEqual([]);
    const values = formValues(visibleFields(service.subOperations[0], 'individual'), filled.form);
    expect(values).toMatchObject({ grade: 1, childFullName: 'Сәрсенбай Ерлан' });
    expect(values).not.toHaveProperty('contactEmail');
  });

  it('restores a draft leniently and rejects garbage', () => {
    expect(parseDraft({ serviceId: 'x' })?.marks).toEqual({});
    expect(parseDraft({ serviceId: 5 })).toBeNull();
  });
});

describe('completeness and receipts', () => {
  const service = getService('kindergarten-queue');
  const op = service.subOperations[0]!;
  const fontDir = new URL('../../../../shared/forms/fonts/', import.meta.url);
  const font = new Uint8Array(readFileSync(new URL('DejaVuSans.ttf', fontDir)));
  const boldFont = new Uint8Array(readFileSync(new URL('DejaVuSans-Bold.ttf', fontDir)));
  const ctx: ReceiptContext = {
    applicationId: '3f2a9c1b-0000-4000-8000-000000000001',
    at: new Date(2026, 2, 20, 10, 42),
    centre: 'CON-1',
    service,
    op,
    lang: 'kk',
    applicantKind: 'individual',
    applicantId: iin,
    applicant: { surname: 'Сәрсенбаева', name: 'Гүлнұр', patronymic: '', orgName: '', address: '' },
    operator: 'Тұрсынов Ілияс',
  };

  it('needs every mark a required item expects', () => {
    const none = checkCompleteness(op, {});
    expect(none.complete).toBe(false);
    expect(none.missing.map((m) => m.item.key)).toEqual(op.checklist.filter((i) => i.required).map((i) => i.key));
    const partial = checkCompleteness(op, { 'standard-documents': { original: true, copy: false }, application: { original: true, copy: false } });
    expect(partial.missing.map((m) => m.item.key)).toEqual(['standard-documents']);
    expect(partial.presented).toHaveLength(2);
    const full = checkCompleteness(op, { 'standard-documents': { original: true, copy: true }, application: { original: true, copy: false } });
    expect(full.complete).toBe(true);
  });

  it('counts the due date from the acceptance day in the unit of the deadline (Nauryz for working days)', () => {
    expect(applicationNumber(ctx.applicationId)).toBe('3F2A-9C1B');
    expect(localDateTime(ctx.at)).toBe('2026-03-20T10:42');
    // 21–23 March are Nauryz (a weekend around them too): one working day after Friday 20 March is not the 23rd.
    const due = dueDate('2026-03-20', { counts: 'from-acceptance', amount: 1, unit: 'working-days', basis: 'regulation' }, defaultCalendar);
    expect(due > '2026-03-23').toBe(true);
    expect(isWorkingDay(due)).toBe(true);
    expect(due).toBe(addWorkingDays('2026-03-20', 1));
    // 20 Mar + 15 calendar days = Sat 4 April: by Civil Code art. 173 the term ends on Monday 6 April.
    expect(dueDate('2026-03-20', { counts: 'from-acceptance', amount: 15, unit: 'calendar-days', basis: 'regulation' }, defaultCalendar)).toBe('2026-04-06');
  });

  it('produces receipt data the printed forms accept, and the PDFs say what is accepted or missing', async () => {
    const full = checkCompleteness(op, { 'standard-documents': { original: true, copy: true }, application: { original: true, copy: false } });
    const accepted = acceptanceReceipt(ctx, full.presented, defaultCalendar);
    // The kindergarten regulation states no term: the receipt says so and carries no date.
    expect(accepted.due).toEqual({ counts: 'not-stated' });
    const text = pdftotext(writeTempPdf(await renderAcceptanceReceipt(accepted, { lang: 'kk', font, boldFont }), 'accept'), '-raw');
    expect(text).toContain('3F2A-9C1B');
    expect(text).toContain(op.checklist[0]!.name.kk.slice(0, 20));

    const partial = checkCompleteness(op, { application: { original: true, copy: false } });
    const wording = intakeRefusalWording(service, 'ru') ?? 'Пакет документов неполный';
    const refused = refusalReceipt({ ...ctx, lang: 'ru', applicantKind: 'legal-entity', applicantId: bin, applicant: { ...ctx.applicant, orgName: 'ТОО «Балапан»', address: 'Караганда' } }, partial.presented, partial.missing.map((m) => m.item.name.ru), wording);
    const refusedText = pdftotext(writeTempPdf(await renderRefusalReceipt(refused, { lang: 'ru', font, boldFont }), 'refuse'), '-raw');
    expect(refusedText).toContain(partial.missing[0]!.item.name.ru.slice(0, 20));
    expect(refusedText).toContain(bin);
  });

  it('where the desk scans, a mandatory document counts only once a scan of it is attached', () => {
    const marks = {
      'standard-documents': { original: true, copy: true },
      application: { original: true, copy: false },
    };
    const unscanned = checkCompleteness(op, marks, new Set(['application']));
    expect(unscanned.complete).toBe(false);
    expect(unscanned.missing.map((m) => [m.item.key, m.attached])).toEqual([['standard-documents', false]]);
    expect(checkCompleteness(op, marks, new Set(['application', 'standard-documents'])).complete).toBe(true);
    // presented but neither ticked nor scanned is still missing; the desk that does not scan only needs the ticks
    expect(checkCompleteness(op, {}, new Set(['application', 'standard-documents'])).complete).toBe(false);
    expect(checkCompleteness(op, marks).complete).toBe(true);
  });

  it('prints the remarks (overrides, deferred checks) on the acceptance receipt', async () => {
    const full = checkCompleteness(op, {
      'standard-documents': { original: true, copy: true },
      application: { original: true, copy: false },
    });
    const remarks = [
      'Алым төлемі расталмай қабылданды (Түбіртек көрсетілді): КВ-17 көрілді',
      'Тізілім бойынша тексеру кейінге қалдырылды',
    ];
    const data = acceptanceReceipt({ ...ctx, remarks }, full.presented, defaultCalendar);
    expect(data.remarks).toEqual(remarks);
    expect(acceptanceReceipt({ ...ctx, remarks: [] }, full.presented, defaultCalendar)).not.toHaveProperty(
      'remarks',
    );
    const text = pdftotext(
      writeTempPdf(await renderAcceptanceReceipt(data, { lang: 'kk', font, boldFont }), 'remarks'),
      '-raw',
    );
    expect(text).toContain('Ескертпелер');
    expect(text).toContain('КВ-17 көрілді');
    expect(text).toContain('кейінге қалдырылды');
  });
});
