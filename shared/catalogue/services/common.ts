import type { ChecklistItem, FormField, Localized, Note, ResultType } from '../schema';

/**
 * Small data builders shared by the family modules. They only assemble plain objects; every fact they carry is
 * passed in by the caller, so each entry still reads as data.
 */

export const note = (marker: Note['marker'], kk: string, ru: string): Note => ({ marker, text: { kk, ru } });

export const t = (kk: string, ru: string): Localized => ({ kk, ru });

/** Placeholder checklist item for "the documents the Standard lists", which the seeds do not reproduce. */
export function standardDocuments(name: Localized): ChecklistItem {
  return {
    key: 'standard-documents',
    name,
    required: true,
    expect: 'original-and-copy',
    deferredToStandard: true,
    note: {
      kk: 'Тізім сидте жоқ: регламент Стандартқа сілтеме жасайды. Тізімді орталық жаңарта алады.',
      ru: 'Перечня нет в исходном тексте: регламент отсылает к Стандарту. Перечень редактируется централизованно.',
    },
  };
}

/** The written application («өтініш») where the seed names one, in the form of a Standard appendix the seed does not contain. */
export function application(formRef: Localized): ChecklistItem {
  return {
    key: 'application',
    name: { kk: `Өтініш (${formRef.kk})`, ru: `Заявление (${formRef.ru})` },
    required: true,
    expect: 'original',
    deferredToStandard: true,
    note: { kk: 'Өтініш нысаны сидте жоқ.', ru: 'Форма заявления в исходном тексте отсутствует.' },
  };
}

/** Contact data: no seed lists it, but results and refusals may reach the applicant after they leave the centre. */
export const contactFields: FormField[] = [
  {
    key: 'contactPhone',
    type: 'phone',
    required: true,
    label: t('Байланыс телефоны', 'Контактный телефон'),
    validation: { pattern: '^\\+?[0-9 ()-]{10,20}$' },
    inferred: true,
  },
  {
    key: 'contactEmail',
    type: 'email',
    required: false,
    label: t('Электрондық пошта', 'Электронная почта'),
    validation: { maxLength: 254 },
    inferred: true,
  },
];

/** Re-issue and duplicate refer to an existing licence; the seeds do not list the fields, the licence form shows number and date. */
export const existingLicenceFields: FormField[] = [
  {
    key: 'licenceNumber',
    type: 'text',
    required: true,
    label: t('Лицензияның нөмірі', 'Номер лицензии'),
    validation: { maxLength: 40 },
    inferred: true,
  },
  {
    key: 'licenceDate',
    type: 'date',
    required: true,
    label: t('Лицензияның берілген күні', 'Дата выдачи лицензии'),
    inferred: true,
  },
];

/** Why a licence is re-issued: every licensing regulation asks for it, none gives the form's wording [INF]. */
export const reissueReasonField: FormField = {
  key: 'reissueReason',
  type: 'textarea',
  required: true,
  label: t('Қайта ресімдеу негізі', 'Основание переоформления'),
  validation: { maxLength: 1000 },
  inferred: true,
};

export const motivatedRefusal: ResultType = {
  kind: 'motivated-refusal',
  name: t('Негізделген бас тарту', 'Мотивированный отказ'),
  printedForm: 'motivated-refusal',
};

export const electronicLicence: ResultType = {
  kind: 'licence',
  name: t('Электрондық лицензия', 'Электронная лицензия'),
  printedForm: 'licence',
};

export const licenceDuplicate: ResultType = {
  kind: 'duplicate',
  name: t('Лицензияның телнұсқасы', 'Дубликат лицензии'),
  printedForm: 'licence',
};

/** Step durations as the tables print them, reused across regulations with the same template. */
export const durations = {
  s10: t('10 сек', '10 с'),
  s10to15: t('10-15 сек', '10–15 с'),
  s20: t('20 сек', '20 с'),
  s30: t('30 сек', '30 с'),
  s30to60: t('30 сек – 1 минута', '30 с – 1 мин'),
  m1: t('1 минута', '1 мин'),
  m1_5: t('1,5 мин', '1,5 мин'),
  m15: t('15 минут', '15 минут'),
  upTo15m: t('15 минуттан аспайды', 'не более 15 минут'),
  withinWorkingDay: t('жұмыс күні ішінде', 'в течение рабочего дня'),
  wd2: t('2 жұмыс күні', '2 рабочих дня'),
  wd13: t('13 (он үш) жұмыс күні ішінде', 'в течение 13 (тринадцати) рабочих дней'),
} as const;

export const branch = {
  ok: t('сәтті болса', 'при успехе'),
  fail: t('бұзушылықтар болса', 'при нарушениях'),
  found: t('деректер бар болса', 'данные найдены'),
  notFound: t('деректер болмаса', 'данные отсутствуют'),
  approved: t('талаптарға сәйкес болса', 'требования соблюдены'),
  rejected: t('талаптарға сәйкес болмаса', 'требования не соблюдены'),
} as const;

/**
 * The fee rate of every fee-bearing service today: the seeds say a fee is paid and when, never how much (the
 * amount is in the Tax Code, not in the seeds), so payment evidence is recorded but not judged against a figure.
 */
export const unsourcedRate = {
  source: 'unsourced' as const,
  note: t(
    'Алым мөлшерлемесі регламентте көрсетілмеген (Салық кодексінде) [GAP]; төлем тек дәлел ретінде жазылады, «сома жеткіліксіз» шешімі шығарылмайды.',
    'Ставка сбора в регламенте не указана (в Налоговом кодексе) [GAP]; платёж записывается только как доказательство, вердикт «сумма недостаточна» не выносится.',
  ),
};
