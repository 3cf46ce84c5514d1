import { z } from 'zod';
import { formatDateTime, holderLine } from './format';
import type { FormsT } from './labels';
import { holderSchema, isoDateTime, text, verificationRef, type ReceiptDocument } from './schema-parts';
import type { Sheet } from './sheet';

// What the acceptance receipt and the refusal-to-accept receipt share: the header facts of the visit and the
// table of documents with the operator's original/copy marks.

export const receiptHeaderSchema = z.object({
  /** The service centre (ЦОН branch) that took the documents. */
  centre: z.string().trim().optional(),
  applicationNumber: text,
  acceptedAt: isoDateTime,
  /** Official service name in the form's language (from the catalogue). */
  service: text,
  /** Sub-operation in the form's language: issue, re-issue, duplicate, queue registration… */
  subOperation: z.string().trim().optional(),
  applicant: holderSchema,
  /** Full name of the operator who served the applicant. */
  operator: text,
  verificationRef,
});

export function receiptHeader(
  s: Sheet,
  t: FormsT,
  titleKey: string,
  d: z.infer<typeof receiptHeaderSchema>,
): void {
  if (d.centre) s.paragraph(d.centre, { size: 9, align: 'center', grey: true, after: 8 });
  s.space(8);
  s.paragraph(t(titleKey), { size: 14, bold: true, align: 'center', after: 16 });
  s.field(t('receipt.applicationNumber'), d.applicationNumber);
  s.field(t('receipt.acceptedAt'), formatDateTime(d.acceptedAt));
  s.field(t('receipt.service'), d.service);
  if (d.subOperation) s.field(t('receipt.subOperation'), d.subOperation);
  s.field(t('receipt.applicant'), holderLine(t, d.applicant));
  s.space(4);
}

export function documentsTable(s: Sheet, t: FormsT, docs: ReceiptDocument[]): void {
  const mark = (b: boolean) => (b ? t('common.yes') : '');
  s.table(
    [
      { header: t('receipt.colNo'), width: 0.07, align: 'right' },
      { header: t('receipt.colDocument'), width: 0.57 },
      { header: t('receipt.colOriginal'), width: 0.12, align: 'center' },
      { header: t('receipt.colCopy'), width: 0.12, align: 'center' },
      { header: t('receipt.colSheets'), width: 0.12, align: 'center' },
    ],
    docs.map((doc, i) => [
      String(i + 1),
      doc.name,
      mark(doc.original),
      mark(doc.copy),
      doc.sheets ? String(doc.sheets) : '',
    ]),
  );
}

export function receiptSignatures(s: Sheet, t: FormsT, operatorKey: string, operator: string): void {
  s.space(10);
  s.field(t(operatorKey), operator);
  s.signature('', t('common.signature'));
  s.space(6);
  s.signature(`${t('receipt.received')}. ${t('receipt.applicantSignature')}`, t('common.signature'));
}
