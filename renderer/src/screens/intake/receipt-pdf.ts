import boldFontUrl from '@shared/forms/fonts/DejaVuSans-Bold.ttf?url';
import fontUrl from '@shared/forms/fonts/DejaVuSans.ttf?url';
import type { AcceptanceReceiptInput, RefusalReceiptInput } from '@shared/forms';
import type { Language } from '@shared/i18n/resources';

export type ReceiptPdfInput =
  | { kind: 'acceptance'; data: AcceptanceReceiptInput }
  | { kind: 'refusal'; data: RefusalReceiptInput };

// The fonts are bundled assets (the service worker caches them, so receipts print offline). The same byte
// arrays are reused for every render: shared/forms caches the parsed font per array.
let fonts: Promise<{ font: Uint8Array<ArrayBuffer>; boldFont: Uint8Array<ArrayBuffer> }> | null = null;

async function fetchBytes(url: string): Promise<Uint8Array<ArrayBuffer>> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`font ${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function loadFonts() {
  fonts ??= Promise.all([fetchBytes(fontUrl), fetchBytes(boldFontUrl)]).then(([font, boldFont]) => ({ font, boldFont }));
  fonts.catch(() => {
    fonts = null;
  });
  return fonts;
}

/** Renders a receipt to PDF bytes with shared/forms; pdf-lib is loaded only when the first receipt is printed. */
export async function renderReceiptPdf(input: ReceiptPdfInput, lang: Language): Promise<Uint8Array> {
  const [forms, f] = await Promise.all([import('@shared/forms'), loadFonts()]);
  const options = { lang, font: f.font, boldFont: f.boldFont };
  return input.kind === 'acceptance'
    ? forms.renderAcceptanceReceipt(input.data, options)
    : forms.renderRefusalReceipt(input.data, options);
}
