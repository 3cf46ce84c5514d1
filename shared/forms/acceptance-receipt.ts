import { z } from 'zod';
import { formatDate } from './format';
import { documentsTable, receiptHeader, receiptHeaderSchema, receiptSignatures } from './receipt-parts';
import { closeForm, openForm, parseOrThrow, verificationBlock, type RenderOptions } from './render-kit';
import { isoDate, receiptDocument } from './schema-parts';
import type { FormsT } from './labels';
import type { Sheet } from './sheet';

// «Құжаттардың қабылданғаны туралы қолхат» (seed 003 names the result; no seed gives its layout, so the
// fields are those issue 3 asks for: number, date/time, service, documents, operator, due date).

const term = z.number().int().positive();
const unit = z.enum(['working', 'calendar']);

export const acceptanceReceiptSchema = receiptHeaderSchema.extend({
  documents: z.array(receiptDocument).min(1),
  /** As the catalogue types the service's term (see deadlineSchema): the receipt prints only what it may promise. */
  due: z.discriminatedUnion('counts', [
    z.object({ counts: z.literal('from-acceptance'), date: isoDate, term, unit }),
    z.object({ counts: z.literal('receipt-term'), date: isoDate, term, unit }),
    z.object({ counts: z.literal('from-registration'), term, unit }),
    z.object({ counts: z.literal('not-stated') }),
  ]),
  /**
   * What the licensor and the applicant must know about how this application was accepted: an override of a
   * failed check (with the operator's reason) or a check deferred because the desk was offline.
   */
  remarks: z.array(z.string().trim().min(1).max(700)).max(6).optional(),
});
export type AcceptanceReceipt = z.infer<typeof acceptanceReceiptSchema>;
export type AcceptanceReceiptInput = z.input<typeof acceptanceReceiptSchema>;

function printTerm(s: Sheet, t: FormsT, due: AcceptanceReceipt['due']): void {
  switch (due.counts) {
    case 'from-acceptance':
      s.field(t(due.unit === 'working' ? 'receipt.termWorking' : 'receipt.termCalendar'), String(due.term));
      s.field(t('receipt.dueDate'), formatDate(due.date));
      return;
    case 'receipt-term':
      s.field(
        t(due.unit === 'working' ? 'receiptTerm.receiptWorking' : 'receiptTerm.receiptCalendar'),
        String(due.term),
      );
      s.field(t('receiptTerm.receiptDate'), formatDate(due.date));
      s.paragraph(t('receiptTerm.receiptNote'), { after: 4 });
      return;
    case 'from-registration':
      s.field(t(due.unit === 'working' ? 'receipt.termWorking' : 'receipt.termCalendar'), String(due.term));
      s.paragraph(t('receiptTerm.fromRegistration'), { after: 4 });
      return;
    case 'not-stated':
      s.paragraph(t('receiptTerm.notStated'), { bold: true, after: 4 });
      return;
  }
}

export async function renderAcceptanceReceipt(
  data: AcceptanceReceiptInput,
  options: RenderOptions,
): Promise<Uint8Array> {
  const d = parseOrThrow('acceptance-receipt', acceptanceReceiptSchema, data);
  const { sheet: s, t } = await openForm('acceptance-receipt', 'receipt.title', options);
  receiptHeader(s, t, 'receipt.title', d);
  s.paragraph(t('receipt.documents'), { bold: true, after: 4 });
  documentsTable(s, t, d.documents);
  printTerm(s, t, d.due);
  if (d.remarks?.length) {
    s.space(4);
    s.paragraph(t('receipt.remarks'), { bold: true, after: 2 });
    for (const r of d.remarks) s.paragraph(`• ${r}`, { size: 9, after: 2 });
  }
  receiptSignatures(s, t, 'receipt.operator', d.operator);
  verificationBlock(s, t, 'acceptance-receipt', d.applicationNumber, d.verificationRef);
  return closeForm(s, t);
}
