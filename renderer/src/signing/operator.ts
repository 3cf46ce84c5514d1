import { useLiveQuery } from 'dexie-react-hooks';
import { z } from 'zod';
import { iinSchema } from '@shared/identity';
import { AppError } from '@shared/errors';
import type { QabyldauDb } from '../db/database';

/** The operator signed in at this desk: the certificate used to sign must carry this ИИН. */
export const operatorSchema = z.object({ iin: iinSchema, name: z.string().trim().min(2).max(200) });
export type Operator = z.infer<typeof operatorSchema>;

const key = 'operator';

export async function getOperator(db: QabyldauDb): Promise<Operator | null> {
  const parsed = operatorSchema.safeParse((await db.kv.get(key))?.value);
  return parsed.success ? parsed.data : null;
}

export async function setOperator(db: QabyldauDb, operator: Operator | null): Promise<void> {
  if (operator === null) await db.kv.delete(key);
  else await db.kv.put({ key, value: operatorSchema.parse(operator) });
}

export async function requireOperator(db: QabyldauDb): Promise<Operator> {
  const op = await getOperator(db);
  if (!op) throw new AppError('signing:ui.noOperator');
  return op;
}

export function useOperator(db: QabyldauDb): Operator | null | undefined {
  return useLiveQuery(() => getOperator(db), [db]);
}
