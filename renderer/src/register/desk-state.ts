import { z } from 'zod';
import { paymentEvidenceSchema, registerLookupSchema } from '@shared/register/schemas';
import type { QabyldauDb } from '../db/database';
import { openKvValue, sealKvValue } from '../privacy/records';

/**
 * What the register and payment steps know about one application being prepared, kept beside the intake draft
 * (kv, keyed by the draft's id) so a reload restores it and the intake screen's own draft shape stays untouched.
 */
export const deskStateSchema = z.object({
  applicantId: z.string(),
  /** The operator pressed "confirm" on a fresh register answer for this applicant number. */
  confirmed: z.boolean().default(false),
  /** The last lookup for `applicantId` (a cached answer counts as no fresh answer when the manifest is built). */
  lookup: z
    .object({
      state: z.enum(['found', 'cached', 'not-found', 'unavailable']),
      answer: registerLookupSchema.optional(),
      storedAt: z.string().optional(),
    })
    .optional(),
  payment: paymentEvidenceSchema.partial().default({}),
  /** Outcome of the last online payment check of exactly this evidence, if any. */
  paymentOutcome: z.string().optional(),
});
export type DeskState = z.infer<typeof deskStateSchema>;

const key = (draftId: string) => `register.desk.${draftId}`;

export async function loadDeskState(db: QabyldauDb, draftId: string): Promise<DeskState | null> {
  const row = await db.kv.get(key(draftId));
  // opened after the read: decryption is the last step, so a live query still sees the row it depends on
  const parsed = deskStateSchema.safeParse(
    await Promise.resolve(openKvValue(db.vault, key(draftId), row?.value)),
  );
  return parsed.success ? parsed.data : null;
}

export async function saveDeskState(db: QabyldauDb, draftId: string, state: DeskState): Promise<void> {
  // the applicant's number, the register's answer and the payment evidence: sealed like the draft itself
  await db.kv.put({ key: key(draftId), value: await sealKvValue(db.vault, key(draftId), state) });
}
