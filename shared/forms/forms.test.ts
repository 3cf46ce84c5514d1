import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { resources, type Language } from '../i18n/resources';
import { formatDate, formatDateTime } from './format';
import { formsT } from './labels';
import { formKinds, renderForm, type FormInputs, type FormKind } from './render';
import { pdftotext, squash, wordBoxes, writeTempPdf } from './poppler.testkit';
import { sampleForms } from './samples';

const font = new Uint8Array(readFileSync(new URL('./fonts/DejaVuSans.ttf', import.meta.url)));
const boldFont = new Uint8Array(readFileSync(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url)));
const seed = (file: string) =>
  squash(readFileSync(new URL(`../../docs/regulations/seeds/${file}`, import.meta.url), 'utf8')).toLowerCase();
const seeds = {
  '000-001': seed('001_cba228d149a96c2a.txt'),
  '002': seed('002_9bcd46ef47b39d61.txt'),
  '003': seed('003_ade045b4bb6f1d37.txt'),
  '004': seed('004_38fc2361195363be.txt'),
};
const langs: Language[] = ['kk', 'ru'];

type Tree = { [k: string]: string | Tree };
function label(lang: Language, key: string): string {
  const v = key
    .split('.')
    .reduce<string | Tree | undefined>(
      (node, k) => (typeof node === 'object' ? node[k] : undefined),
      resources[lang].forms,
    );
  if (typeof v !== 'string') throw new Error(`no label ${lang}:${key}`);
  return v;
}
const keysOf = (group: string) =>
  Object.keys((resources.kk.forms as Tree)[group] as Tree).map((k) => `${group}.${k}`);

/** The labels each form must print (interpolated templates are checked through their rendered text). */
const labelsByKind: Record<FormKind, string[]> = {
  licence: keysOf('licence'),
  refusal: ['refusal.title', 'refusal.number', 'refusal.date'],
  // The sample is school enrolment, whose term is the time to receive the receipt (catalogue `receipt-term`).
  'acceptance-receipt': [
    ...keysOf('receipt').filter((k) => !['receipt.termCalendar', 'receipt.termWorking', 'receipt.dueDate'].includes(k)),
    'receiptTerm.receiptWorking',
    'receiptTerm.receiptDate',
    'receiptTerm.receiptNote',
  ],
  'refusal-receipt': [
    ...keysOf('refusalReceipt'),
    'receipt.applicationNumber',
    'receipt.acceptedAt',
    'receipt.service',
    'receipt.subOperation',
    'receipt.applicant',
    'receipt.colDocument',
    'receipt.colOriginal',
    'receipt.colCopy',
    'receipt.received',
  ],
  permit: keysOf('permit').filter((k) => k !== 'permit.validityRange'),
  'queue-notification': keysOf('queue'),
};

/** kk labels taken verbatim from the seeds (the rest are marked [INF] in README.md). */
const verbatim: { seed: keyof typeof seeds; keys: string[] }[] = [
  { seed: '000-001', keys: [...keysOf('licence'), 'refusal.title', 'refusal.number', 'refusal.date'] },
  {
    seed: '004',
    keys: ['permit.form', 'permit.issuedTo', 'permit.head', 'permit.city', 'permit.equivalence'],
  },
  { seed: '002', keys: ['queue.title', 'queue.subtitle', 'queue.queueNumber'] },
  { seed: '003', keys: ['receipt.title'] },
];

/** Data that must come out of the PDF: long values checked whole (whitespace-folded), tokens on the -layout text. */
function expectedData(kind: FormKind, lang: Language): { whole: string[]; tokens: string[] } {
  const id = lang === 'kk' ? { iin: 'ЖСН', bin: 'БСН' } : { iin: 'ИИН', bin: 'БИН' };
  switch (kind) {
    case 'licence': {
      const d = sampleForms.licence;
      const h = d.holder.type === 'legal' ? d.holder : null;
      return {
        whole: [
          d.activityType,
          d.licensor,
          d.head,
          d.specialConditions ?? '',
          `${h?.name}, ${h?.address}, ${id.bin} ${h?.bin}`,
        ],
        tokens: [d.number, formatDate(d.issueDate), h?.bin ?? '', 'Нұрғалиев', 'Өмірұлы', 'Һолдинг»'],
      };
    }
    case 'refusal': {
      const d = sampleForms.refusal;
      return {
        whole: [d.reason, d.applicantName, d.signer.position, d.signer.name, 'тел. 8(7172) 74-05-68'],
        tokens: [
          d.number,
          d.application.number,
          formatDate(d.date),
          formatDate(d.application.date),
          'Ғалымжан',
        ],
      };
    }
    case 'acceptance-receipt': {
      const d = sampleForms['acceptance-receipt'];
      const a = d.applicant.type === 'individual' ? d.applicant : null;
      return {
        whole: [
          ...d.documents.map((x) => x.name),
          d.service,
          d.operator,
          d.centre ?? '',
          `${id.iin} ${a?.iin}`,
          ...(d.remarks ?? []).map((r) => `• ${r}`),
        ],
        tokens: [
          d.applicationNumber,
          formatDateTime(d.acceptedAt),
          d.due.counts === 'receipt-term' ? formatDate(d.due.date) : '',
          a?.iin ?? '',
          'Гүлнұр',
          'Ерғалиқызы',
        ],
      };
    }
    case 'refusal-receipt': {
      const d = sampleForms['refusal-receipt'];
      const a = d.applicant.type === 'individual' ? d.applicant : null;
      return {
        whole: [
          ...d.missingDocuments,
          d.refusalWording,
          d.service,
          d.operator,
          ...d.documents!.map((x) => x.name),
        ],
        tokens: [d.applicationNumber, formatDateTime(d.acceptedAt), a?.iin ?? '', 'Өтегенов', 'Һашимұлы'],
      };
    }
    case 'permit': {
      const d = sampleForms.permit;
      return {
        whole: [d.permitType, d.issuer, d.head, ...d.particulars!.flatMap((p) => [p.label, p.value])],
        tokens: [
          d.number,
          formatDate(d.issueDate),
          d.holder.type === 'legal' ? d.holder.bin : '',
          '«Қазақтелеком»',
        ],
      };
    }
    case 'queue-notification': {
      const d = sampleForms['queue-notification'];
      return {
        whole: [d.authority, ...d.preferences!, `${id.iin} ${d.child.iin}`, 'Ғабитова Әйгерім Нұрланқызы'],
        tokens: [
          d.number,
          String(d.queueNumber),
          d.child.iin,
          d.applicant.iin,
          formatDate(d.child.birthDate),
          'Үсенұлы',
        ],
      };
    }
  }
}

const rendered = new Map<string, { pdf: Uint8Array; path: string; layout: string; raw: string }>();

beforeAll(async () => {
  for (const kind of formKinds) {
    for (const lang of langs) {
      const pdf = await renderForm(kind, sampleForms[kind] as FormInputs[typeof kind], {
        lang,
        font,
        boldFont,
      });
      const path = writeTempPdf(pdf, `${kind}-${lang}`);
      rendered.set(`${kind}/${lang}`, {
        pdf,
        path,
        layout: pdftotext(path, '-layout'),
        raw: pdftotext(path, '-raw'),
      });
    }
  }
});

describe('form labels', () => {
  for (const { seed: s, keys } of verbatim) {
    it(`kk labels from seed ${s} are verbatim`, () => {
      for (const key of keys) {
        for (const fragment of label('kk', key).split(/\{\{\w+\}\}/)) {
          const f = squash(fragment).replace(/^[,\s]+/, '');
          if (f) expect(seeds[s], key).toContain(f.toLowerCase());
        }
      }
    });
  }

  it('the Russian equivalence note of seed 004 is verbatim too', () => {
    expect(seeds['004']).toContain(squash(label('ru', 'permit.equivalence')).toLowerCase());
  });
});

describe.each(formKinds)('%s', (kind) => {
  it.each(langs)('prints every label and the data so that pdftotext extracts them (%s)', async (lang) => {
    const r = rendered.get(`${kind}/${lang}`)!;
    const raw = squash(r.raw);
    for (const key of labelsByKind[kind]) expect(raw, key).toContain(squash(label(lang, key)));
    const data = expectedData(kind, lang);
    for (const w of data.whole) expect(raw).toContain(squash(w));
    for (const token of data.tokens) expect(r.layout).toContain(token);
    if (kind === 'refusal') {
      const d = sampleForms.refusal;
      const t = await formsT(lang);
      const body = t('refusal.body', {
        authority: d.authority.name,
        applicationDate: formatDate(d.application.date),
        applicationNumber: d.application.number,
      });
      expect(raw).toContain(squash(body));
      // Addressed to the applicant by name; the kk sentence has its object («өтінішіңізді қарап»).
      expect(raw).toContain(squash(t('refusal.salutation', { applicantName: d.applicantName })));
      if (lang === 'kk') expect(raw).toContain(squash(`Сіздің ${formatDate(d.application.date)} жылғы № ${d.application.number} өтінішіңізді қарап`));
    }
    // The other language's title must not leak in.
    const other = lang === 'kk' ? 'ru' : 'kk';
    const titleKey = labelsByKind[kind].find((k) => k.endsWith('.title'))!;
    expect(raw).not.toContain(squash(label(other, titleKey)));
  });

  it('keeps every word inside the page margins', () => {
    const { pages, words } = wordBoxes(rendered.get(`${kind}/kk`)!.path);
    expect(pages.length).toBeGreaterThan(0);
    for (const w of words) {
      const page = pages[w.page - 1]!;
      expect(page.width).toBeCloseTo(595.28, 0);
      expect(page.height).toBeCloseTo(841.89, 0);
      expect(w.xMin, w.word).toBeGreaterThanOrEqual(40);
      expect(w.xMax, w.word).toBeLessThanOrEqual(page.width - 40);
      expect(w.yMin, w.word).toBeGreaterThanOrEqual(40);
      expect(w.yMax, w.word).toBeLessThanOrEqual(page.height - 30);
    }
  });
});

describe('font embedding', () => {
  it('embeds only a subset of each font', async () => {
    const full = fontkit.create(font);
    for (const [key, r] of rendered) {
      const doc = await PDFDocument.load(r.pdf);
      const files = doc.context
        .enumerateIndirectObjects()
        .map(([, obj]) => obj)
        .filter((obj): obj is PDFDict => obj instanceof PDFDict && obj.has(PDFName.of('FontFile2')))
        .map((desc) => doc.context.lookup(desc.get(PDFName.of('FontFile2'))))
        .filter((obj): obj is PDFRawStream => obj instanceof PDFRawStream);
      expect(files.length, key).toBe(2);
      for (const file of files) {
        const bytes = decodePDFRawStream(file).decode();
        expect(bytes.length, key).toBeLessThan(font.length / 10);
        const subset = fontkit.create(bytes);
        expect(subset.numGlyphs, key).toBeLessThan(full.numGlyphs / 10);
      }
      expect(r.pdf.length, key).toBeLessThan(120_000);
    }
  });
});

describe('text extraction after earlier renders', () => {
  it('keeps Latin letters that Cyrillic glyphs are built from (P in «Р», ь in «ы»)', async () => {
    // The licence uses «Р» and «ы», whose composite glyphs pull in "P" and «ь» as components.
    await renderForm('licence', sampleForms.licence, { lang: 'ru', font });
    const reason = 'APPROVAL PP-7: отказ по заявлению; дошкольная организация «Тыныштық»';
    const pdf = await renderForm('refusal', { ...sampleForms.refusal, reason }, { lang: 'ru', font });
    expect(squash(pdftotext(writeTempPdf(pdf, 'refusal-latin'), '-raw'))).toContain(reason);
  });
});

describe('individual holder', () => {
  it.each(langs)('prints surname, name, patronymic and ИИН on a licence (%s)', async (lang) => {
    const holder = {
      type: 'individual' as const,
      surname: 'Әбілқайыров',
      name: 'Ғалымжан',
      patronymic: 'Құрманұлы',
      iin: '900101300123',
    };
    const pdf = await renderForm('licence', { ...sampleForms.licence, holder }, { lang, font });
    const raw = squash(pdftotext(writeTempPdf(pdf, 'licence-individual'), '-raw'));
    expect(raw).toContain(`Әбілқайыров Ғалымжан Құрманұлы, ${lang === 'kk' ? 'ЖСН' : 'ИИН'} 900101300123`);
  });
});

describe('long content', () => {
  it('continues a long document list on further pages, repeating the table header and numbering pages', async () => {
    const documents = Array.from({ length: 70 }, (_, i) => ({
      name: `Құжат №${i + 1}: өтініш берушінің біліктілігін растайтын құжаттың нотариалды куәландырылған көшірмесі`,
      original: i % 2 === 0,
      copy: true,
      sheets: (i % 5) + 1,
    }));
    const pdf = await renderForm(
      'acceptance-receipt',
      { ...sampleForms['acceptance-receipt'], documents },
      { lang: 'kk', font, boldFont },
    );
    const path = writeTempPdf(pdf, 'receipt-long');
    const doc = await PDFDocument.load(pdf);
    const pages = doc.getPageCount();
    expect(pages).toBeGreaterThan(1);
    const raw = squash(pdftotext(path, '-raw'));
    for (const d of documents) expect(raw).toContain(d.name);
    expect(raw.split(label('kk', 'receipt.colDocument')).length - 1).toBe(pages);
    expect(raw).toContain(`${pages}-бет / ${pages}`);
    const { words, pages: sizes } = wordBoxes(path);
    for (const w of words) expect(w.yMax, w.word).toBeLessThanOrEqual(sizes[0]!.height - 30);
  });

  it('wraps a very long reason and an unbroken token without leaving the page', async () => {
    const reason = Array.from(
      { length: 60 },
      (_, i) =>
        `себеп-${i} өтініште көрсетілген мәліметтер мемлекеттік деректер қорындағы мәліметтерге сәйкес келмейді;`,
    ).join(' ');
    const token = 'https://verify.qabyldau.kz/' + 'ә'.repeat(150);
    const pdf = await renderForm(
      'refusal',
      { ...sampleForms.refusal, reason, verificationRef: token },
      { lang: 'kk', font, boldFont },
    );
    const path = writeTempPdf(pdf, 'refusal-long');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(1);
    // Page numbers are drawn last on each page, so raw extraction puts them between the pages' text.
    expect(squash(pdftotext(path, '-raw').replace(/\d+-бет \/ \d+/g, ''))).toContain(reason);
    const { words, pages } = wordBoxes(path);
    for (const w of words) expect(w.xMax, w.word).toBeLessThanOrEqual(pages[0]!.width - 40);
  });
});

describe('validation', () => {
  it('rejects incomplete data with a localisable AppError naming the field', async () => {
    const bad = { ...sampleForms.licence, holder: { type: 'legal', name: 'X', address: 'Y', bin: '123' } };
    const err = await renderForm('licence', bad as FormInputs['licence'], { lang: 'kk', font }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(err)).toBe(true);
    if (!isAppError(err)) return;
    expect(err.code).toBe('forms:errors.invalidData');
    expect(String(err.params?.details)).toContain('holder.bin');
  });

  it('rejects an impossible date and an unknown kind', async () => {
    const err = await renderForm(
      'refusal',
      { ...sampleForms.refusal, date: '2024-02-30' },
      { lang: 'ru', font },
    ).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('forms:errors.invalidData');
    const unknown = await renderForm('order' as FormKind, {} as never, { lang: 'kk', font }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(unknown) && unknown.code).toBe('forms:errors.unknownKind');
  });

  it('rejects options without font bytes', async () => {
    const err = await renderForm('licence', sampleForms.licence, { lang: 'kk' } as never).catch(
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).toBe('forms:errors.invalidData');
  });
});
