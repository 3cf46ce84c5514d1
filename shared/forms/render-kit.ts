import { z } from 'zod';
import { AppError } from '../errors';
import { languages } from '../i18n/resources';
import { formsT, type FormsT } from './labels';
import { qrPayload } from './qr';
import { Sheet } from './sheet';

// What every form renderer does before and after its own layout: validate, load labels, open the sheet,
// put the QR block, number the pages.

export const renderOptionsSchema = z.object({
  lang: z.enum(languages),
  /** TTF/OTF bytes with Cyrillic and the Kazakh letters (shared/forms/fonts/DejaVuSans.ttf); embedded as a subset. */
  font: z.instanceof(Uint8Array),
  boldFont: z.instanceof(Uint8Array).optional(),
});
export type RenderOptions = z.infer<typeof renderOptionsSchema>;

export function parseOrThrow<S extends z.ZodType>(kind: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new AppError('forms:errors.invalidData', { kind, details }, `invalid ${kind} form data: ${details}`);
}

export async function openForm(
  kind: string,
  titleKey: string,
  options: RenderOptions,
): Promise<{ sheet: Sheet; t: FormsT }> {
  const opts = parseOrThrow(kind, renderOptionsSchema, options);
  const t = await formsT(opts.lang);
  const fonts = opts.boldFont ? { font: opts.font, boldFont: opts.boldFont } : { font: opts.font };
  const sheet = await Sheet.open(fonts, { title: t(titleKey), lang: opts.lang });
  return { sheet, t };
}

export function verificationBlock(sheet: Sheet, t: FormsT, kind: string, number: string, ref: string): void {
  sheet.space(10);
  sheet.qr(qrPayload({ kind, number, ref }), [t('common.qrCaption'), t('common.qrNumber', { number }), ref]);
}

export function closeForm(sheet: Sheet, t: FormsT): Promise<Uint8Array> {
  return sheet.save((page, pages) => t('common.page', { page, pages }));
}
