import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { sha256 } from '../auth';
import { sendError } from '../http-error';

export interface LicensorSeed {
  id: string;
  name: string;
  /** Provisioned out of band like a centre key; sent as `Authorization: Bearer <key>`; only its SHA-256 is stored. */
  key: string;
}

export interface LicensorOptions {
  licensors?: LicensorSeed[];
  /** PEM files of the licensor's signing certificate and its PKCS#8 private key. */
  signer?: { certPem: string; keyPem: string };
}

export async function upsertLicensors(db: Db, licensors: LicensorSeed[]): Promise<void> {
  for (const l of licensors) {
    await db
      .insertInto('licensors')
      .values({ id: l.id, name: l.name, key_sha256: sha256(l.key) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: l.name, key_sha256: sha256(l.key) }))
      .execute();
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    licensorId: string;
  }
}

/** Licensor endpoints take the licensor key directly: the licensor is a back office, not a desk with sessions. */
export function requireLicensor(db: Db) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer ([\w.~+/=-]{16,200})$/.exec(request.headers.authorization ?? '');
    if (!match) return sendError(reply, 401, 'print:api.licensorUnauthenticated', 'missing licensor key');
    const row = await db.selectFrom('licensors').select('id').where('key_sha256', '=', sha256(match[1]!)).executeTakeFirst();
    if (!row) return sendError(reply, 401, 'print:api.licensorUnauthenticated', 'unknown licensor key');
    request.licensorId = row.id;
  };
}
