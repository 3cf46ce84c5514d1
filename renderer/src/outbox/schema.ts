import { z } from 'zod';
import { appErrorSchema } from '@shared/errors';
import { manifestSchema } from '@shared/manifest/manifest';
import { serverStatusSchema } from '@shared/api/schemas';

/**
 * Local lifecycle of an application at the desk. `needs-attention` is for permanent errors (validation, conflict)
 * that retrying cannot fix; transient failures never change the state, only the next attempt time.
 */
export const outboxStatusSchema = z.enum(['draft', 'ready', 'uploading', 'submitted', 'registered', 'decided', 'needs-attention']);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

export const localApplicationSchema = z.object({
  id: z.uuid(),
  status: outboxStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  serviceId: z.string(),
  subOperation: z.string(),
  applicant: manifestSchema.shape.applicant,
  form: manifestSchema.shape.form,
  documentsPresented: z.array(z.string()),
  /** Frozen when the operator queues it: from then on these exact bytes are what syncs (and is signed). */
  manifest: manifestSchema.optional(),
  fingerprint: z.string().optional(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().optional(),
  lastError: appErrorSchema.optional(),
  registrationNumber: z.string().nullable().optional(),
  serverStatus: serverStatusSchema.optional(),
  serverNote: z.string().nullable().optional(),
  /** The operator's detached CMS over the frozen manifest, made before the application entered the queue. */
  signature: z
    .object({ cmsBase64: z.string(), signedAt: z.string(), signerName: z.string(), signerIin: z.string().nullable() })
    .optional(),
  /** 'centre': accepted at another desk of this centre and known here from the feed (no manifest, read-only). */
  origin: z.enum(['desk', 'centre']).optional(),
  /** While a draft: the intake screen's own state, saved as typed so a reload or crash loses nothing. */
  draft: z.record(z.string(), z.unknown()).optional(),
  /** Set when retention removed the personal data: what is left is a tombstone (id, service, status, dates). */
  purgedAt: z.string().optional(),
});
export type LocalApplication = z.infer<typeof localApplicationSchema>;

export const historyEntrySchema = z.object({
  id: z.number().int().optional(),
  applicationId: z.uuid(),
  at: z.string(),
  from: outboxStatusSchema.nullable(),
  to: outboxStatusSchema,
  reason: z.string(),
  error: appErrorSchema.optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A stored document: the bytes as a Blob and the SHA-256 the manifest binds them with. */
export const attachmentRecordSchema = z.object({
  id: z.string(),
  applicationId: z.uuid(),
  documentKey: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  blob: z.instanceof(Blob),
  createdAt: z.string(),
  /** Resumable-upload progress, persisted so a restart continues from the last acknowledged byte. */
  upload: z.object({ url: z.string().optional(), offset: z.number().int().nonnegative(), done: z.boolean() }).optional(),
  /** Set when the bytes were deleted after the API verified and registered them (hash and size stay). */
  purgedAt: z.string().optional(),
});
export type AttachmentRecord = z.infer<typeof attachmentRecordSchema>;

/**
 * Per-application totals of its attachments, maintained in the same transaction as every attachment write, so
 * the queue's live views never read the attachments table (and its blobs) on each acknowledged chunk.
 */
export const transferTotalsSchema = z.object({
  applicationId: z.uuid(),
  attachments: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  sentBytes: z.number().int().nonnegative(),
});
export type TransferTotals = z.infer<typeof transferTotalsSchema>;

/** Which transitions the outbox accepts; anything else is a bug and is refused loudly. */
export const allowedTransitions: Record<OutboxStatus, OutboxStatus[]> = {
  draft: ['ready'],
  ready: ['uploading', 'submitted', 'registered', 'needs-attention'],
  uploading: ['ready', 'submitted', 'registered', 'needs-attention'],
  submitted: ['registered', 'decided', 'needs-attention'],
  registered: ['decided', 'needs-attention'],
  decided: [],
  'needs-attention': ['ready', 'registered', 'decided'],
};
