import { z } from 'zod';
import { binSchema, iinSchema } from '../identity/schemas';

/** An individual as the state register of individuals (ЖТ МДҚ / ГБД ФЛ) answers for an ИИН. */
export const individualRecordSchema = z.object({
  iin: iinSchema,
  surname: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  patronymic: z.string().max(100).nullable(),
  birthDate: z.iso.date(),
  address: z.string().min(1).max(300),
});
export type IndividualRecord = z.infer<typeof individualRecordSchema>;

/** A legal entity as the state register of legal entities (ЗТ МДҚ / ГБД ЮЛ) answers for a БИН. */
export const legalEntityRecordSchema = z.object({
  bin: binSchema,
  name: z.string().min(1).max(300),
  legalAddress: z.string().min(1).max(300),
  head: z.object({ iin: iinSchema.nullable(), fullName: z.string().min(1).max(200) }),
  registeredOn: z.iso.date(),
});
export type LegalEntityRecord = z.infer<typeof legalEntityRecordSchema>;

/** The API's answer: the record plus when the register gave it (the desk shows the age of a cached answer). */
export const individualLookupSchema = z.object({ kind: z.literal('individual'), record: individualRecordSchema, retrievedAt: z.iso.datetime({ offset: true }) });
export const legalEntityLookupSchema = z.object({ kind: z.literal('legal-entity'), record: legalEntityRecordSchema, retrievedAt: z.iso.datetime({ offset: true }) });
export const registerLookupSchema = z.discriminatedUnion('kind', [individualLookupSchema, legalEntityLookupSchema]);
export type RegisterLookup = z.infer<typeof registerLookupSchema>;

export const checkKinds = ['register', 'payment'] as const;
export const checkKindSchema = z.enum(checkKinds);
export type CheckKind = z.infer<typeof checkKindSchema>;
export const checkStatusSchema = z.enum(['pending', 'passed', 'failed']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

/** One server-side check of an application, as the centre's checks feed reports it. */
export const checkItemSchema = z.object({
  applicationId: z.uuid(),
  kind: checkKindSchema,
  status: checkStatusSchema,
  /** i18n key of the outcome (the regulation's message for a failure), null while pending. */
  code: z.string().regex(/^[a-z]+:[\w.-]+$/).nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  attempts: z.number().int().nonnegative(),
  checkedAt: z.iso.datetime({ offset: true }).nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type CheckItem = z.infer<typeof checkItemSchema>;

export const checksQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const checksPageSchema = z.object({ items: z.array(checkItemSchema), cursor: z.string(), hasMore: z.boolean() });
export type ChecksPage = z.infer<typeof checksPageSchema>;

/** Payment evidence as the operator types it from the applicant's receipt. */
export const paymentEvidenceSchema = z.object({
  documentNumber: z.string().trim().min(1).max(64),
  paidOn: z.iso.date(),
  amountTenge: z.number().positive().max(1e9),
  payerId: z.string().regex(/^\d{12}$/),
});
export type PaymentEvidence = z.infer<typeof paymentEvidenceSchema>;

export const paymentCheckRequestSchema = paymentEvidenceSchema.extend({
  serviceId: z.string().min(1).max(100),
  subOperation: z.string().min(1).max(100),
  /** For a fee paid after the decision (spectrum permit): the check is recorded on that application. */
  applicationId: z.uuid().optional(),
});
export type PaymentCheckRequest = z.infer<typeof paymentCheckRequestSchema>;

export const paymentOutcomes = ['confirmed', 'not-found', 'amount-short', 'payer-mismatch', 'date-mismatch', 'not-required'] as const;
export const paymentCheckResultSchema = z.object({
  outcome: z.enum(paymentOutcomes),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  required: z.object({ mrp: z.number(), tenge: z.number(), mrpTenge: z.number(), placeholder: z.boolean() }).nullable(),
});
export type PaymentCheckResult = z.infer<typeof paymentCheckResultSchema>;
