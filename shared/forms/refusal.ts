import { z } from 'zod';
import { formatDate } from './format';
import { closeForm, openForm, parseOrThrow, verificationBlock, type RenderOptions } from './render-kit';
import { isoDate, text, verificationRef } from './schema-parts';

// «НЕГІЗДЕЛГЕН БАС ТАРТУ», seed 001 annex 3 form 2: the authority's motivated refusal.

export const refusalFormSchema = z.object({
  authority: z.object({
    name: text,
    /** «Реквизиты УО»: address, phones, БИН… as the authority prints them; "\n" separates lines. */
    details: z.string().trim().default(''),
  }),
  number: text,
  date: isoDate,
  /** «Өтініш берушінің аты»: the addressee as printed (person's full name or organisation). */
  applicantName: text,
  application: z.object({ date: isoDate, number: text }),
  reason: text,
  signer: z.object({ position: text, name: text }),
  verificationRef,
});
export type RefusalForm = z.infer<typeof refusalFormSchema>;
export type RefusalFormInput = z.input<typeof refusalFormSchema>;

export async function renderRefusal(data: RefusalFormInput, options: RenderOptions): Promise<Uint8Array> {
  const d = parseOrThrow('refusal', refusalFormSchema, data);
  const { sheet: s, t } = await openForm('refusal', 'refusal.title', options);
  s.paragraph(d.authority.name, { size: 11, bold: true, align: 'center', after: 10 });
  s.split(d.authority.name, d.authority.details, { size: 8.5, grey: true }, 0.5);
  s.divider(24);
  s.paragraph(t('refusal.title'), { size: 15, bold: true, align: 'center', after: 14 });
  s.split('', `${t('refusal.number')} ${d.number}`);
  s.split(`${t('refusal.date')} ${formatDate(d.date)}`, '', { after: 10 });
  s.split('', d.applicantName, { bold: true, after: 18 }, 0.45);
  // Addressed to the applicant by name, then one grammatical sentence: «Сіздің … жылғы № … өтінішіңізді қарап».
  s.paragraph(t('refusal.salutation', { applicantName: d.applicantName }), { bold: true, after: 6 });
  const intro = t('refusal.body', {
    authority: d.authority.name,
    applicationDate: formatDate(d.application.date),
    applicationNumber: d.application.number,
  });
  s.paragraph(intro, { after: 6 });
  s.paragraph(d.reason, { after: 30 });
  s.split(d.signer.position, d.signer.name, { bold: true }, 0.6);
  verificationBlock(s, t, 'refusal', d.number, d.verificationRef);
  return closeForm(s, t);
}
