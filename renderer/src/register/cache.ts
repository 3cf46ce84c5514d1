import type { RegisterLookup } from '@shared/register/schemas';
import type { QabyldauDb } from '../db/database';
import { cachedAnswerSchema, type CachedAnswer } from './schema';

const key = (id: string) => `register.answer.${id}`;
/** Older answers are not shown at all: a month-old address is more misleading than none. */
export const cacheMaxAgeMs = 30 * 24 * 60 * 60 * 1000;

export async function storeAnswer(db: QabyldauDb, answer: RegisterLookup, now: Date): Promise<void> {
  const value: CachedAnswer = { answer, storedAt: now.toISOString() };
  await db.kv.put({ key: key(answer.kind === 'individual' ? answer.record.iin : answer.record.bin), value });
}

export async function cachedAnswer(db: QabyldauDb, id: string, now: Date): Promise<CachedAnswer | null> {
  const parsed = cachedAnswerSchema.safeParse((await db.kv.get(key(id)))?.value);
  if (!parsed.success) return null;
  return now.getTime() - Date.parse(parsed.data.answer.retrievedAt) > cacheMaxAgeMs ? null : parsed.data;
}

/** The register forgot the subject: a cached answer must not keep vouching for it. */
export async function forgetAnswer(db: QabyldauDb, id: string): Promise<void> {
  await db.kv.delete(key(id));
}

export type Age = { unit: 'justNow' } | { unit: 'minutes' | 'hours' | 'days'; count: number };

export function ageOf(iso: string, now: Date): Age {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return { unit: 'justNow' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 48 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'days', count: Math.floor(minutes / 1440) };
}
