import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseOptions } from './database';

/**
 * The databases server tests run on: always the embedded PGlite, and a real PostgreSQL server when
 * QABYLDAU_TEST_PG names one (CI starts one; see .ci/run). Each run gets a database of its own.
 */
export const testPgUrl = process.env.QABYLDAU_TEST_PG;
if (!testPgUrl) console.warn('QABYLDAU_TEST_PG is not set: server tests run on the embedded PGlite only (.ci/run also runs them on PostgreSQL).');

async function freshPostgresDatabase(base: string): Promise<string> {
  const name = `qabyldau_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}

export interface TestBackend {
  name: string;
  options(): Promise<DatabaseOptions>;
}

export const testBackends: TestBackend[] = [
  { name: 'embedded PGlite', options: async () => ({}) },
  ...(testPgUrl ? [{ name: 'PostgreSQL', options: async () => ({ databaseUrl: await freshPostgresDatabase(testPgUrl) }) }] : []),
];
