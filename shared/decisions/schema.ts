import { z } from 'zod';
import { resultKinds } from '../catalogue/schema';
import { surveyAnswerValueSchema } from '../catalogue/survey';
import { manifestOverrideSchema } from '../manifest/overrides';

/**
 * A licensor's decision on one registered application. The licensor signs the canonical JSON (RFC 8785) of
 * `DecisionDocument`; the workstation keeps those exact bytes (`documentJson`) next to the detached CMS so
 * anyone can re-verify the printed paper against what the licensor signed.
 */

export const decisionResultSchema = z.enum(resultKinds);
export type DecisionResult = z.infer<typeof decisionResultSchema>;

/** Printed forms shared/forms can render for a decision (the catalogue's printedForm, mapped to a renderer). */
export const decisionFormKinds = ['licence', 'permit', 'queue-notification', 'refusal'] as const;
export const decisionFormKindSchema = z.enum(decisionFormKinds);
export type DecisionFormKind = z.infer<typeof decisionFormKindSchema>;

const text = z.string().trim().min(1).max(2000);
const localized = z.object({ kk: text, ru: text });
const personName = z.object({ surname: text, name: text, patronymic: z.string().trim().max(200).optional() });
const isoDate = z.iso.date();

/** The decision number: result code, UTC year, 8-digit central sequence, e.g. `LIC-2026-00000042` (see README). */
export const decisionNumberPattern = /^(LIC|DUP|PRM|ORD|QUE|RFL|RCP|MRF)-\d{4}-\d{8}$/;

export const decisionDocumentSchema = z.object({
  schema: z.literal('qabyldau.decision/1'),
  decisionId: z.uuid(),
  number: z.string().regex(decisionNumberPattern),
  result: decisionResultSchema,
  /** The application decided on, bound by its manifest fingerprint so the decision cannot be moved to another. */
  application: z.object({
    id: z.uuid(),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    registrationNumber: z.string().min(1),
    receivedAt: z.iso.datetime({ offset: true }),
    centreId: z.string().min(1),
    serviceId: z.string().min(1),
    subOperation: z.string().min(1),
    applicant: z.object({ kind: z.enum(['individual', 'legal-entity']), id: z.string().regex(/^\d{12}$/) }),
  }),
  decidedAt: z.iso.datetime({ offset: true }),
  decidedBy: z.object({ licensorId: z.string().min(1), officer: z.object({ name: text, position: text }) }),
  authority: z.object({ name: text, details: z.string().max(2000), place: text }),
  refusal: z.object({ reasonId: z.string().min(1), clause: z.string().min(1), message: localized, details: z.string().max(2000).optional() }).optional(),
  /** What the print centre renders (shared/forms input); null when the result is handed over without a printed form. */
  form: z.object({ kind: decisionFormKindSchema, data: z.record(z.string(), z.unknown()) }).nullable(),
  verificationRef: z.string().min(1).max(512),
});
export type DecisionDocument = z.infer<typeof decisionDocumentSchema>;

/** POST /v1/licensor/applications/:id/decision — what the licensor's officer fills in. */
export const decideRequestSchema = z.object({
  result: decisionResultSchema,
  officer: z.object({ name: text, position: text }),
  /**
   * The issuing body's address details and place. Its name is the catalogue's provider of the application's
   * service (one source for every document); a name sent here is not printed.
   */
  authority: z.object({ name: text.optional(), details: z.string().max(2000).default(''), place: text }),
  /**
   * Holder as printed on a licence/permit, used only when the registered application carries no name; the
   * ИИН/БИН always comes from the application itself.
   */
  holder: z.union([z.object({ name: text, address: text }), personName]).optional(),
  activityType: text.optional(),
  specialConditions: z.string().trim().max(2000).optional(),
  permitType: text.optional(),
  particulars: z.array(z.object({ label: text, value: text })).max(30).optional(),
  validity: z.object({ from: isoDate, to: isoDate }).optional(),
  /** A refusal names one of the service's decision-stage refusal reasons from the catalogue. */
  refusal: z.object({ reasonId: z.string().min(1), details: z.string().trim().max(2000).optional() }).optional(),
  queue: z.object({ child: personName.extend({ iin: z.string().regex(/^\d{12}$/), birthDate: isoDate }), applicant: personName, preferences: z.array(text).max(10).default([]) }).optional(),
});
export type DecideRequest = z.input<typeof decideRequestSchema>;

export const signedDecisionSchema = z.object({
  decisionId: z.uuid(),
  applicationId: z.uuid(),
  /** The exact signed bytes (canonical JSON, UTF-8); never re-serialised before verification. */
  documentJson: z.string().min(2),
  /** Detached CMS SignedData over `documentJson`, base64 DER, by the licensor's key. */
  cmsBase64: z.string().min(1),
  handedOverAt: z.iso.datetime({ offset: true }).nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SignedDecision = z.infer<typeof signedDecisionSchema>;

export const decisionFeedPageSchema = z.object({
  items: z.array(signedDecisionSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type DecisionFeedPage = z.infer<typeof decisionFeedPageSchema>;

/** POST /v1/decisions/:id/handover — the result was given to the applicant; idempotent (first hand-over wins). */
export const handoverRequestSchema = z.object({
  handedOverAt: z.iso.datetime({ offset: true }),
  operator: z.string().trim().min(1).max(200),
  /** The catalogue's satisfaction survey; the applicant may decline to answer. */
  survey: z
    .object({
      language: z.enum(['kk', 'ru']),
      answers: z.object({ 'process-and-result': surveyAnswerValueSchema, information: surveyAnswerValueSchema }),
    })
    .nullable(),
});
export type HandoverRequest = z.infer<typeof handoverRequestSchema>;

export const handoverReceiptSchema = z.object({ decisionId: z.uuid(), handedOverAt: z.iso.datetime({ offset: true }) });
export type HandoverReceipt = z.infer<typeof handoverReceiptSchema>;

/** A registered application waiting for the licensor (GET /v1/licensor/applications). */
export const pendingApplicationSchema = z.object({
  applicationId: z.uuid(),
  centreId: z.string(),
  serviceId: z.string(),
  subOperation: z.string(),
  applicant: z.object({ kind: z.enum(['individual', 'legal-entity']), id: z.string() }),
  registrationNumber: z.string().nullable(),
  receivedAt: z.iso.datetime({ offset: true }),
  status: z.string(),
  form: z.record(z.string(), z.unknown()),
  /** Checks the operator accepted the application without, with their reason, as signed in the manifest. */
  overrides: z.array(manifestOverrideSchema).default([]),
});
export type PendingApplication = z.infer<typeof pendingApplicationSchema>;
