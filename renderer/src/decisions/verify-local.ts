import { decisionDocumentSchema, type DecisionDocument } from '@shared/decisions/schema';
import { verifyDecisionSignature } from '@shared/decisions/verify';
import type { LocalVerification } from './schema';

/**
 * Verifies the licensor's signature over the received bytes, then reads the document; a document that does not
 * parse, or whose signature fails, is kept (so the supervisor sees it and why) but never offered for printing.
 */
export async function verifyReceived(
  documentJson: string,
  cmsBase64: string,
  trustedCaPems: string[],
  now = new Date(),
): Promise<{ verification: LocalVerification; document: DecisionDocument | null }> {
  const checkedAt = now.toISOString();
  let document: DecisionDocument | null = null;
  try {
    document = decisionDocumentSchema.parse(JSON.parse(documentJson));
  } catch {
    document = null;
  }
  const result = await verifyDecisionSignature({ content: new TextEncoder().encode(documentJson), cmsBase64, trustedCaPems });
  if (!result.ok) return { verification: { ok: false, reason: result.reason, checkedAt }, document };
  if (!document) return { verification: { ok: false, reason: 'unreadable', checkedAt }, document };
  return { verification: { ok: true, subject: result.signer.subject, signedAt: result.signer.signedAt, checkedAt }, document };
}
