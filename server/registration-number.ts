import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';

/**
 * Central registration number: `Q` + year + 8-digit sequence, e.g. Q2026-00000042. One database sequence across
 * all centres, so numbers are unique without coordination; gaps (rolled-back transactions) are allowed.
 */
export async function nextRegistrationNumber(db: Kysely<Database>, now: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('registration_seq')::text as n`.execute(db);
  const n = rows[0]?.n ?? '0';
  return `Q${now.getUTCFullYear()}-${n.padStart(8, '0')}`;
}
