import { z } from 'zod';
import { documentsTable, receiptHeader, receiptHeaderSchema, receiptSignatures } from './receipt-parts';
import { closeForm, openForm, parseOrThrow, verificationBlock, type RenderOptions } from './render-kit';
import { receiptDocument, text } from './schema-parts';

// Refusal to accept an incomplete package. The seeds have no layout and no wording for it ([GAP] in
// spec-002-003 X.6), so the wording is data: the catalogue's refusal message, in the form's language.

export const refusalReceiptSchema = receiptHeaderSchema.extend({
  /** What the applicant did bring (may be nothing). */
  documents: z.array(receiptDocument).default([]),
  missingDocuments: z.array(text).min(1),
  /** The regulation's refusal wording, verbatim from the catalogue check that failed. */
  refusalWording: text,
});
export type RefusalReceipt = z.infer<typeof refusalReceiptSchema>;
export type RefusalReceiptInput = z.input<typeof refusalReceiptSchema>;

export async function renderRefusalReceipt(
  data: RefusalReceiptInput,
  options: RenderOptions,
): Promise<Uint8Array> {
  const d = parseOrThrow('refusal-receipt', refusalReceiptSchema, data);
  const { sheet: s, t } = await openForm('refusal-receipt', 'refusalReceipt.title', options);
  receiptHeader(s, t, 'refusalReceipt.title', d);
  s.field(t('refusalReceipt.reason'), d.refusalWording, { boldValue: false });
  s.paragraph(t('refusalReceipt.missing'), { bold: true, after: 4 });
  d.missingDocuments.forEach((name, i) => s.paragraph(`${i + 1}. ${name}`, { after: 2 }, 12));
  s.space(8);
  if (d.documents.length > 0) {
    s.paragraph(t('refusalReceipt.presented'), { bold: true, after: 4 });
    documentsTable(s, t, d.documents);
  }
  receiptSignatures(s, t, 'refusalReceipt.operator', d.operator);
  verificationBlock(s, t, 'refusal-receipt', d.applicationNumber, d.verificationRef);
  return closeForm(s, t);
}
