import { z } from 'zod';
import { appErrorSchema } from '../errors';
import { manifestSchema } from '../manifest/manifest';

/** Server-side lifecycle of an application, as the central API reports it through the feed. */
export const serverStatusSchema = z.enum(['received', 'registered', 'decided', 'needs-attention']);
export type ServerStatus = z.infer<typeof serverStatusSchema>;

export const submitApplicationSchema = z.strictObject({
  manifest: manifestSchema,
  /** Detached CMS over the canonical manifest bytes (base64 DER); required once signing is configured. */
  signature: z.strictObject({ cmsBase64: z.string().min(1) }).optional(),
});
export type SubmitApplication = z.infer<typeof submitApplicationSchema>;

export const applicationReceiptSchema = z.object({
  applicationId: z.uuid(),
  fingerprint: z.string(),
  status: serverStatusSchema,
  registrationNumber: z.string().nullable(),
  receivedAt: z.iso.datetime({ offset: true }),
  /** Attachments the server still needs (upload them with tus, then replay the manifest). */
  missingAttachments: z.array(z.string()).default([]),
});
export type ApplicationReceipt = z.infer<typeof applicationReceiptSchema>;

export const feedItemSchema = applicationReceiptSchema.omit({ missingAttachments: true }).extend({
  updatedAt: z.iso.datetime({ offset: true }),
  note: z.string().nullable(),
  /** Enough to list, search and print an application accepted at another desk of the same centre. */
  serviceId: z.string().optional(),
  subOperation: z.string().optional(),
  applicant: z.object({ kind: z.enum(['individual', 'legal-entity']), id: z.string() }).optional(),
});
export type FeedItem = z.infer<typeof feedItemSchema>;

export const feedQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const feedPageSchema = z.object({
  items: z.array(feedItemSchema),
  /** Opaque: pass it back unchanged to continue after the last item seen. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type FeedPage = z.infer<typeof feedPageSchema>;

export const sessionRequestSchema = z.object({ centreId: z.string().min(1).max(64) });
export const sessionSchema = z.object({
  token: z.string().min(16),
  centreId: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type Session = z.infer<typeof sessionSchema>;

export const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime({ offset: true }), version: z.string() });

export const errorBodySchema = z.object({ error: appErrorSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const readinessSchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  draining: z.boolean(),
  checks: z.object({ database: z.enum(['ok', 'failed']), uploads: z.enum(['ok', 'failed']) }),
});

/** What the public verification link shows: enough to match a paper, nothing personal. */
export const verificationSchema = z.object({
  decisionId: z.uuid(),
  number: z.string(),
  result: z.string(),
  decidedAt: z.iso.datetime({ offset: true }),
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
