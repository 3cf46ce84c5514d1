import { z } from 'zod';
import { formatDate, holderLine } from './format';
import { closeForm, openForm, parseOrThrow, verificationBlock, type RenderOptions } from './render-kit';
import { holderSchema, isoDate, text, verificationRef } from './schema-parts';

// «МЕМЛЕКЕТТІК ЛИЦЕНЗИЯ», seed 001 annex 3 form 1: the licensor-confirmed paper copy of an e-licence.

export const licenceFormSchema = z.object({
  /** Centrally formed licence number («Е-лицензиялау»). */
  number: text,
  issueDate: isoDate,
  holder: holderSchema,
  /** Activity type as named in the Law «Лицензиялау туралы». */
  activityType: text,
  /** Art. 9-1 special conditions; absent → a dash. */
  specialConditions: z.string().trim().optional(),
  licensor: text,
  /** Head (authorised person) of the licensor: surname and name. */
  head: text,
  placeOfIssue: text,
  /** The paper-confirmation block; left blank (to fill by hand) when absent. */
  paperConfirmation: z.object({ authority: text, head: text }).optional(),
  verificationRef,
});
export type LicenceForm = z.infer<typeof licenceFormSchema>;
export type LicenceFormInput = z.input<typeof licenceFormSchema>;

export async function renderLicence(data: LicenceFormInput, options: RenderOptions): Promise<Uint8Array> {
  const d = parseOrThrow('licence', licenceFormSchema, data);
  const { sheet: s, t } = await openForm('licence', 'licence.title', options);
  s.space(24);
  s.paragraph(t('licence.title'), { size: 16, bold: true, align: 'center', after: 18 });
  s.split(
    `${t('licence.issueDate')} ${formatDate(d.issueDate)}`,
    `${t('licence.number')} ${d.number}`,
    {},
    0.45,
  );
  s.space(10);
  s.field(t('licence.issuedTo'), holderLine(t, d.holder));
  s.field(t('licence.activityType'), d.activityType);
  s.field(t('licence.specialConditions'), d.specialConditions || t('common.none'));
  s.field(t('licence.licensor'), d.licensor);
  s.field(t('licence.head'), d.head);
  s.field(t('licence.placeOfIssue'), d.placeOfIssue);
  s.space(6);
  s.divider(10);
  s.field(t('licence.paperAuthority'), d.paperConfirmation?.authority ?? null);
  s.field(t('licence.paperHead'), d.paperConfirmation?.head ?? null);
  s.space(8);
  s.split(t('licence.sealPlace'), '', { bold: true, after: 12 });
  s.paragraph(t('licence.confirmationDate'), { after: 16 });
  s.paragraph(t('licence.footer'), { size: 8.5, grey: true });
  verificationBlock(s, t, 'licence', d.number, d.verificationRef);
  return closeForm(s, t);
}
