import { handoverRequestSchema, type HandoverRequest } from '@shared/decisions/schema';
import type { QabyldauDb } from '../db/database';
import { sealHandover } from '../privacy/records';

/**
 * Records the hand-over on this desk first (it must work offline); the decisions puller sends it on the next
 * online pass, and the API keeps the first hand-over if another desk already recorded one.
 */
export async function recordHandover(db: QabyldauDb, decisionId: string, request: HandoverRequest): Promise<void> {
  const body = handoverRequestSchema.parse(request);
  // who collected the decision is personal data: sealed like the document itself
  const sealedHandover = await sealHandover(db.vault, decisionId, body);
  await db.decisions.update(decisionId, { sealedHandover, handedOverAt: body.handedOverAt, handoverSynced: 0 });
}
