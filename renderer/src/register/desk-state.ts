import { z } from 'zod';
import { manifestOverrideSchema } from '@shared/manifest/overrides';
import { paymentEvidenceSchema, registerLookupSchema } from '@shared/register/schemas';
import type { QabyldauDb } from '../db/database';

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
    .object({ state: z.enum(['found', 'cached', 'not-found', 'unavailable']), answer: registerLookupSchema.optional(), storedAt: z.string().optional() })
    .optional(),
  payment: paymentEvidenceSchema.partial().default({}),
  /** Outcome of the last online payment check of exactly this evidence, if any. */
  paymentOutcome: z.string().optional(),
  /** Checks the operator decided to accept without, with reason and note (signed into the manifest at queueing). */
  overrides: z.array(manifestOverrideSchema).default([]),
});
export type DeskState = z.infer<typeof deskStateSchema>;

const key = (draftId: string) => `register.desk.${draftId}`;

export async function loadDeskState(db: QabyldauDb, draftId: string): Promise<DeskState | null> {
  const parsed = deskStateSchema.safeParse((await db.kv.get(key(draftId)))?.value);
  return parsed.success ? parsed.data : null;
}

export async function saveDeskState(db: QabyldauDb, draftId: string, state: DeskState): Promise<void> {
  await db.kv.put({ key: key(draftId), value: state });
}

/** A fresh state for a draft that has none yet. */
export const emptyDeskState = (applicantId: string): DeskState => deskStateSchema.parse({ applicantId });

/**
 * Read-modify-write in one transaction: every writer (payment keystrokes, the register lookup, overrides) applies
 * its change to what is stored *now*, never to the copy it rendered from, so two quick edits cannot overwrite each
 * other with a stale snapshot.
 */
export async function updateDeskState(db: QabyldauDb, draftId: string, change: (current: DeskState | null) => DeskState): Promise<DeskState> {
  return db.transaction('rw', db.kv, async () => {
    const current = deskStateSchema.safeParse((await db.kv.get(key(draftId)))?.value);
    const next = deskStateSchema.parse(change(current.success ? current.data : null));
    await db.kv.put({ key: key(draftId), value: next });
    return next;
  });
}

/** The draft is gone (discarded, refused, or queued): its register and payment state goes with it. */
export async function clearDeskState(db: QabyldauDb, draftId: string): Promise<void> {
  await db.kv.delete(key(draftId));
}
