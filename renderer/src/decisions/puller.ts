import type { SignedDecision } from '@shared/decisions/schema';
import type { QabyldauDb } from '../db/database';
import type { DecisionsApi } from './api';
import { openDecision, sealDecisionDocument, type StoredDecision } from '../privacy/records';
import type { LocalDecision } from './schema';
import { verifyReceived } from './verify-local';

export const decisionsCursorKey = 'decisions.cursor';

export interface DecisionsPullerOptions {
  db: QabyldauDb;
  api: Pick<DecisionsApi, 'feed' | 'handover'>;
  /** The licensor CA(s) this desk trusts, from the host. */
  trust: () => Promise<string[]>;
  now?: () => Date;
}

/**
 * One `extraPulls` entry for the sync engine: first sends hand-overs recorded offline, then applies the decisions
 * feed after the stored cursor. Signatures are checked before the Dexie transaction (a transaction must not
 * await foreign promises), and the cursor moves only together with the page it covers.
 */
export function createDecisionsPuller(o: DecisionsPullerOptions): () => Promise<void> {
  const now = o.now ?? (() => new Date());
  return async () => {
    for (const stored of await o.db.decisions.where('handoverSynced').equals(0).toArray()) {
      const local = await openDecision(o.db.vault, stored);
      if (!local.handover) continue;
      const receipt = await o.api.handover(local.id, local.handover);
      await o.db.decisions.update(local.id, { handoverSynced: 1, handedOverAt: receipt.handedOverAt });
    }
    const caPems = await o.trust();
    for (let page = 0; page < 50; page++) {
      const cursor = (await o.db.kv.get(decisionsCursorKey))?.value as string | undefined;
      const result = await o.api.feed(cursor);
      const checked = await Promise.all(
        result.items.map(async (item) => {
          const verified = await verifyReceived(item.documentJson, item.cmsBase64, caPems, now());
          // sealed here too: the transaction below must not await WebCrypto
          const sealed = await sealDecisionDocument(o.db.vault, item.decisionId, { documentJson: item.documentJson, document: verified.document });
          return { item, ...verified, sealed };
        }),
      );
      await o.db.transaction('rw', o.db.decisions, o.db.kv, async () => {
        for (const c of checked) await o.db.decisions.put(merge(await o.db.decisions.get(c.item.decisionId), c.item, c, now()));
        await o.db.kv.put({ key: decisionsCursorKey, value: result.cursor });
      });
      if (!result.hasMore) return;
    }
  };
}

function merge(
  existing: StoredDecision | undefined,
  item: SignedDecision,
  checked: Pick<LocalDecision, 'verification' | 'document'> & Pick<StoredDecision, 'sealed'>,
  now: Date,
): StoredDecision {
  const doc = checked.document;
  // what this desk did locally (prints, a hand-over not yet sent) survives a re-delivery of the same decision
  const handedOverAt = item.handedOverAt ?? existing?.handedOverAt ?? null;
  return {
    id: item.decisionId,
    applicationId: item.applicationId,
    sealed: checked.sealed,
    cmsBase64: item.cmsBase64,
    number: doc?.number ?? '—',
    result: doc?.result ?? 'unknown',
    serviceId: doc?.application.serviceId ?? '',
    decidedAt: doc?.decidedAt ?? item.updatedAt,
    verification: checked.verification,
    printed: existing?.printed ?? 0,
    printCount: existing?.printCount ?? 0,
    lastPrintedAt: existing?.lastPrintedAt ?? null,
    handedOverAt,
    sealedHandover: existing?.sealedHandover ?? null,
    handoverSynced: item.handedOverAt ? 1 : (existing?.handoverSynced ?? 1),
    receivedAt: existing?.receivedAt ?? now.toISOString(),
  };
}
