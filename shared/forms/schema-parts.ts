import { z } from 'zod';

// Building blocks shared by the form input schemas. Identity numbers are checked only for shape here:
// check digits belong to shared/identity, and a printed form must not refuse what the register accepted.

function isRealDate(s: string): boolean {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
}

/** Calendar date `YYYY-MM-DD`. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isRealDate, 'not a calendar date');

/** Wall-clock date and time at the centre, `YYYY-MM-DDTHH:mm[:ss]`, optionally with an offset; printed as given. */
export const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/)
  .refine(isRealDate, 'not a calendar date');

export const iin = z.string().regex(/^\d{12}$/, 'ИИН is 12 digits');
export const bin = z.string().regex(/^\d{12}$/, 'БИН is 12 digits');

export const text = z.string().trim().min(1);

export const personName = z.object({
  surname: text,
  name: text,
  patronymic: z.string().trim().optional(),
});
export type PersonName = z.infer<typeof personName>;

/** Licence/permit holder or applicant: a legal entity by БИН or an individual by ИИН (seed 001 annex 3, «Берілді»). */
export const holderSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('legal'), name: text, address: text, bin }),
  personName.extend({ type: z.literal('individual'), iin }),
]);
export type Holder = z.infer<typeof holderSchema>;

/** Where anyone can check the document (a URL or a register reference); goes into the QR code with the number. */
export const verificationRef = text.max(512);

/** A document on the intake checklist, with the operator's "original seen / copy taken" marks. */
export const receiptDocument = z.object({
  name: text,
  original: z.boolean().default(false),
  copy: z.boolean().default(false),
  sheets: z.number().int().positive().optional(),
});
export type ReceiptDocument = z.infer<typeof receiptDocument>;
