import { PDFDocument } from 'pdf-lib';
import { printableForm } from '@shared/decisions/document';
import { renderForm, type FormInputs } from '@shared/forms';
import { AppError } from '@shared/errors';
import type { FormFonts } from './fonts';
import type { LocalDecision } from './schema';
import { verifyReceived } from './verify-local';

/** Whether the print centre may print this decision: a verified signature and a printable form. */
export function printBlock(decision: LocalDecision): 'unverified' | 'no-form' | null {
  if (!decision.verification.ok) return 'unverified';
  if (!decision.document?.form) return 'no-form';
  return null;
}

/**
 * Renders a decision's form. The signature is checked again over the cached bytes first, so a record altered in
 * the local database after it was received is refused just like one that arrived broken.
 */
export async function decisionPdf(decision: LocalDecision, lang: 'kk' | 'ru', fonts: FormFonts, trustedCaPems: string[]): Promise<Uint8Array> {
  const { verification, document } = await verifyReceived(decision.documentJson, decision.cmsBase64, trustedCaPems);
  if (!verification.ok) throw new AppError('print:verify.blocked', { reason: `print:verify.reason.${verification.reason}` });
  const form = document ? printableForm(document, lang) : null;
  if (!form) throw new AppError('print:noForm');
  return renderForm(form.kind, form.data as unknown as FormInputs[typeof form.kind], { lang, font: fonts.font as Uint8Array<ArrayBuffer>, boldFont: fonts.boldFont as Uint8Array<ArrayBuffer> });
}

/** One PDF for a batch, so the supervisor sends one job to the printer. */
export async function mergePdfs(parts: Uint8Array[]): Promise<Uint8Array> {
  if (parts.length === 1) return parts[0]!;
  const merged = await PDFDocument.create();
  for (const part of parts) {
    const source = await PDFDocument.load(part);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return merged.save();
}
