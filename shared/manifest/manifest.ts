import canonicalize from 'canonicalize';
import { z } from 'zod';
import { sha256Hex, sha256HexPattern } from '../crypto/sha256';
import { manifestOverrideSchema } from './overrides';

/** One scanned/attached document as the manifest names it: the bytes travel separately, the hash binds them. */
export const attachmentRefSchema = z.strictObject({
  id: z.string().min(1).max(100),
  documentKey: z.string().min(1).max(100),
  fileName: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(100),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(sha256HexPattern),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/**
 * What an application *is*: the request exactly as the operator accepted it. Its canonical JSON (RFC 8785) is
 * the byte string that is signed, and its SHA-256 is the dedupe fingerprint the server compares per UUID.
 */
// Strict at every level: an unknown field is refused (422, with its path) rather than silently dropped from what
// gets signed and fingerprinted.
export const manifestSchema = z.strictObject({
  schema: z.literal('qabyldau.application/1'),
  applicationId: z.uuid(),
  centreId: z.string().min(1).max(64),
  serviceId: z.string().min(1).max(100),
  subOperation: z.string().min(1).max(100),
  applicant: z.strictObject({
    kind: z.enum(['individual', 'legal-entity']),
    id: z.string().regex(/^\d{12}$/),
  }),
  form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  documentsPresented: z.array(z.string().min(1).max(100)),
  attachments: z.array(attachmentRefSchema),
  operatorIin: z.string().regex(/^\d{12}$/).optional(),
  /**
   * Checks the operator accepted the application without (payment not confirmed, applicant not in the register),
   * each with a reason: absent when none, so manifests without overrides keep their bytes. One per check.
   */
  overrides: z
    .array(manifestOverrideSchema)
    .min(1)
    .max(2)
    .refine((list) => new Set(list.map((o) => o.check)).size === list.length, { message: 'one override per check' })
    .optional(),
  acceptedAt: z.iso.datetime({ offset: true }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function canonicalManifestJson(manifest: Manifest): string {
  const parsed = manifestSchema.parse(manifest);
  const text = canonicalize(parsed);
  if (text === undefined) throw new Error('manifest is not serialisable');
  return text;
}

export function canonicalManifestBytes(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(canonicalManifestJson(manifest));
}

export async function manifestFingerprint(manifest: Manifest): Promise<string> {
  return sha256Hex(canonicalManifestBytes(manifest));
}
