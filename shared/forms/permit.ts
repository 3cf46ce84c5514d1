import { z } from 'zod';
import { formatDate, holderLine } from './format';
import { closeForm, openForm, parseOrThrow, verificationBlock, type RenderOptions } from './render-kit';
import { holderSchema, isoDate, text, verificationRef } from './schema-parts';

// «Рұқсат» (seed 004, regulations 3 and 4, annex 4). The seed has only images for the permit, so the labels
// follow the licence of the same order (annex 4 of regulation 1) with «рұқсат» for «лицензия", and the
// paper-equivalence note is the seed's own sentence. Service-specific particulars (bands, devices, sites)
// come as label/value rows from the caller.

export const permitFormSchema = z.object({
  number: text,
  issueDate: isoDate,
  holder: holderSchema,
  /** The service's official name in the form's language, e.g. «Қазақстан Республикасының радиожиілік спектрін пайдалануға рұқсат беру». */
  permitType: text,
  particulars: z.array(z.object({ label: text, value: text })).default([]),
  validity: z.object({ from: isoDate, to: isoDate }).optional(),
  issuer: text,
  head: text,
  city: text,
  verificationRef,
});
export type PermitForm = z.infer<typeof permitFormSchema>;
export type PermitFormInput = z.input<typeof permitFormSchema>;

export async function renderPermit(data: PermitFormInput, options: RenderOptions): Promise<Uint8Array> {
  const d = parseOrThrow('permit', permitFormSchema, data);
  const { sheet: s, t } = await openForm('permit', 'permit.title', options);
  s.split('', t('permit.form'), { size: 9, grey: true });
  s.space(14);
  s.paragraph(t('permit.title'), { size: 16, bold: true, align: 'center', after: 6 });
  s.paragraph(d.permitType, { size: 10, align: 'center', after: 18 });
  s.field(t('permit.issuedTo'), holderLine(t, d.holder));
  s.field(t('permit.permitType'), d.permitType);
  for (const p of d.particulars) s.field(p.label, p.value);
  if (d.validity) {
    s.field(
      t('permit.validity'),
      t('permit.validityRange', { from: formatDate(d.validity.from), to: formatDate(d.validity.to) }),
    );
  }
  s.field(t('permit.issuer'), d.issuer);
  s.field(t('permit.head'), d.head);
  s.field(t('permit.issueDate'), formatDate(d.issueDate));
  s.field(t('permit.number'), d.number);
  s.field(t('permit.city'), d.city);
  verificationBlock(s, t, 'permit', d.number, d.verificationRef);
  s.space(10);
  s.paragraph(t('permit.equivalence'), { size: 8.5, grey: true });
  return closeForm(s, t);
}
