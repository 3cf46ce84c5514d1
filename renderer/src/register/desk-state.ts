import { z } from 'zod';
import { manifestOverrideSchema } from '@shared/manifest/overrides';
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
  /** Checks the operator decided to accept without, with reason and note (signed into the manifest at queueing). */
  overrides: z.array(manifestOverrideSchema).default([]),
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

/** A fresh state for a draft that has none yet. */
export const emptyDeskState = (applicantId: string): DeskState => deskStateSchema.parse({ applicantId });

/** Pending read-modify-writes per draft of this window, so each applies to the result of the one before. */
const pending = new Map<string, Promise<unknown>>();

/**
 * Read-modify-write, one at a time per draft: every writer (payment keystrokes, the register lookup, overrides)
 * applies its change to what is stored *now*, never to the copy it rendered from, so two quick edits cannot
 * overwrite each other with a stale snapshot. A Dexie transaction cannot do this here: the state is sealed with
 * WebCrypto, and awaiting it inside a transaction lets IndexedDB commit early; only this window writes a draft's
 * state, so an in-window queue is the lock.
 */
export function updateDeskState(
  db: QabyldauDb,
  draftId: string,
  change: (current: DeskState | null) => DeskState,
): Promise<DeskState> {
  const lock = `${db.name}\u0000${draftId}`;
  const run = (pending.get(lock) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      const next = deskStateSchema.parse(change(await loadDeskState(db, draftId)));
      await saveDeskState(db, draftId, next);
      return next;
    });
  pending.set(lock, run);
  void run
    .finally(() => {
      if (pending.get(lock) === run) pending.delete(lock);
    })
    .catch(() => undefined);
  return run;
}

/** The draft is gone (discarded, refused, or queued): its register and payment state goes with it. */
export async function clearDeskState(db: QabyldauDb, draftId: string): Promise<void> {
  await db.kv.delete(key(draftId));
}
