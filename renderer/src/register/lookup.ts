import type { RegisterLookup } from '@shared/register/schemas';
import type { QabyldauDb } from '../db/database';
import { RegisterUnreachable, type RegisterApi } from './api';
import { cachedAnswer, forgetAnswer, storeAnswer } from './cache';

/**
 * What the desk knows about an applicant number right now. `cached` is a stored answer shown because the register
 * did not answer: it fills the block, but the application still goes out as "register check pending".
 */
export type LookupResult =
  | { state: 'found'; answer: RegisterLookup }
  | { state: 'cached'; answer: RegisterLookup; storedAt: string }
  | { state: 'not-found' }
  | { state: 'unavailable' };

export async function lookupApplicant(
  api: Pick<RegisterApi, 'lookup'>,
  db: QabyldauDb,
  kind: RegisterLookup['kind'],
  id: string,
  now: () => Date = () => new Date(),
): Promise<LookupResult> {
  try {
    const result = await api.lookup(kind, id);
    if (result.outcome === 'not-found') {
      await forgetAnswer(db, id);
      return { state: 'not-found' };
    }
    await storeAnswer(db, result.answer, now());
    return { state: 'found', answer: result.answer };
  } catch (error) {
    if (!(error instanceof RegisterUnreachable)) throw error;
    const cached = await cachedAnswer(db, id, now());
    return cached ? { state: 'cached', answer: cached.answer, storedAt: cached.storedAt } : { state: 'unavailable' };
  }
}
