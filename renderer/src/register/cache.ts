import type { RegisterLookup } from '@shared/register/schemas';
import type { QabyldauDb } from '../db/database';
import { openKvValue, sealKvValue } from '../privacy/records';
import { cachedAnswerSchema, type CachedAnswer } from './schema';

/** Keyed by the ИИН/БИН's blind index and sealed: the key table holds neither the number nor the answer in clear. */
const key = async (db: QabyldauDb, id: string) => `register.answer.${await db.vault.blindIndex('party', id)}`;
/** Older answers are not shown at all: a month-old address is more misleading than none. */
export const cacheMaxAgeMs = 30 * 24 * 60 * 60 * 1000;

export async function storeAnswer(db: QabyldauDb, answer: RegisterLookup, now: Date): Promise<void> {
  const value: CachedAnswer = { answer, storedAt: now.toISOString() };
  const k = await key(db, answer.kind === 'individual' ? answer.record.iin : answer.record.bin);
  await db.kv.put({ key: k, value: await sealKvValue(db.vault, k, value, answer.retrievedAt) });
}

export async function cachedAnswer(db: QabyldauDb, id: string, now: Date): Promise<CachedAnswer | null> {
  const k = await key(db, id);
  const parsed = cachedAnswerSchema.safeParse(await openKvValue(db.vault, k, (await db.kv.get(k))?.value));
  if (!parsed.success) return null;
  return now.getTime() - Date.parse(parsed.data.answer.retrievedAt) > cacheMaxAgeMs ? null : parsed.data;
}

/** The register forgot the subject: a cached answer must not keep vouching for it. */
export async function forgetAnswer(db: QabyldauDb, id: string): Promise<void> {
  await db.kv.delete(await key(db, id));
}

export type Age = { unit: 'justNow' } | { unit: 'minutes' | 'hours' | 'days'; count: number };

export function ageOf(iso: string, now: Date): Age {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return { unit: 'justNow' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 48 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'days', count: Math.floor(minutes / 1440) };
}
