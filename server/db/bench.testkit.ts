import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './database';

/** For build/bench/api.bench.ts: database set-up a benchmark needs and the build/ layer may not import. */

/** `count` registered applications of a centre, written straight into the table (the feed trigger stamps them). */
export async function seedApplications(db: Db, centreId: string, count: number): Promise<void> {
  for (let done = 0; done < count; done += 20_000) {
    const n = Math.min(20_000, count - done);
    await sql`insert into applications (id, centre_id, fingerprint, service_id, sub_operation, applicant_kind, applicant_id, manifest, status, registration_number, signature_validation)
      select gen_random_uuid(), ${centreId}, md5(g::text), 'edu-licence-school', 'issue', 'legal-entity', '100440001230', '{}'::jsonb, 'registered', 'S-' || (${done}::int + g), '{}'::jsonb
      from generate_series(1, ${n}::int) g`.execute(db);
  }
  await sql`analyze applications`.execute(db);
}

/** A database of its own on the PostgreSQL server `base` names, and how to drop it. */
export async function freshPostgresDatabase(
  base: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qabyldau_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
