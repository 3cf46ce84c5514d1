import type { AcceptanceReceiptInput, RefusalReceiptInput } from '@shared/forms';
import type { Language } from '@shared/i18n/resources';
import { loadFormFonts } from '../../decisions/fonts';

export type ReceiptPdfInput =
  | { kind: 'acceptance'; data: AcceptanceReceiptInput }
  | { kind: 'refusal'; data: RefusalReceiptInput };

/** Renders a receipt to PDF bytes with shared/forms; pdf-lib is loaded only when the first receipt is printed. */
export async function renderReceiptPdf(input: ReceiptPdfInput, lang: Language): Promise<Uint8Array> {
  const [forms, f] = await Promise.all([import('@shared/forms'), loadFormFonts()]);
  const options = { lang, font: f.font, boldFont: f.boldFont };
  return input.kind === 'acceptance'
    ? forms.renderAcceptanceReceipt(input.data, options)
    : forms.renderRefusalReceipt(input.data, options);
}
