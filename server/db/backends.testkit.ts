import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import type { DatabaseOptions } from './database';

/**
 * The databases server tests run on: always the embedded PGlite, and a real PostgreSQL server when
 * QABYLDAU_TEST_PG names one (CI starts one; see .ci/run). Each suite gets a database of its own, dropped when
 * the test file ends.
 */
export const testPgUrl = process.env.QABYLDAU_TEST_PG;

const created: string[] = [];

async function freshPostgresDatabase(base: string): Promise<string> {
  const name = `qabyldau_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    created.push(name);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}

// Registered at the top of every test file that imports this kit, so it runs after that file's own hooks have
// closed their servers; FORCE ends any connection a failed test left open (PostgreSQL 13+).
afterAll(async () => {
  if (!testPgUrl || created.length === 0) return;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  try {
    for (const name of created.splice(0)) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
});

export interface TestBackend {
  name: string;
  options(): Promise<DatabaseOptions>;
}

const pglite: TestBackend = { name: 'embedded PGlite', options: async () => ({}) };
const postgres: TestBackend = { name: 'PostgreSQL', options: async () => ({ databaseUrl: await freshPostgresDatabase(testPgUrl!) }) };

/** The backends available in this run (for `describe.each`); prefer `describeOnBackends`, which shows a skip. */
export const testBackends: TestBackend[] = [pglite, ...(testPgUrl ? [postgres] : [])];

/**
 * One suite per backend. Without QABYLDAU_TEST_PG the PostgreSQL suite is reported as skipped, with the reason
 * in its name, instead of silently vanishing from the run.
 */
export function describeOnBackends(title: string, suite: (backend: TestBackend) => void): void {
  describe(`${title} on ${pglite.name}`, () => suite(pglite));
  describe.skipIf(!testPgUrl)(`${title} on ${postgres.name}${testPgUrl ? '' : ' (skipped: QABYLDAU_TEST_PG is not set)'}`, () => suite(postgres));
}
