import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db/database';
import { sendError } from './http-error';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface CentreSeed {
  id: string;
  name: string;
  key: string;
}

/** Centres are provisioned out of band; only the SHA-256 of each key is stored. */
export async function upsertCentres(db: Db, centres: CentreSeed[]): Promise<void> {
  for (const c of centres) {
    await db
      .insertInto('centres')
      .values({ id: c.id, name: c.name, key_sha256: sha256(c.key) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: c.name, key_sha256: sha256(c.key) }))
      .execute();
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([\w.~+/=-]{16,200})$/.exec(header) : null;
  return match?.[1];
}

export async function centreFromKey(db: Db, request: FastifyRequest): Promise<string | undefined> {
  const key = bearer(request);
  if (!key) return undefined;
  const row = await db.selectFrom('centres').select('id').where('key_sha256', '=', sha256(key)).executeTakeFirst();
  return row?.id;
}

export const sessionLifetimeMs = 8 * 60 * 60 * 1000;

export async function createSession(db: Db, centreId: string, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await db.insertInto('sessions').values({ token_sha256: sha256(token), centre_id: centreId, expires_at: expiresAt }).execute();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  return { token, centreId, expiresAt: expiresAt.toISOString() };
}

declare module 'fastify' {
  interface FastifyRequest {
    centreId: string;
  }
}

/** Every data endpoint is scoped to the centre whose session token it carries. */
export function requireSession(db: Db) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(request);
    if (!token) return sendError(reply, 401, 'errors:api.unauthenticated', 'missing bearer token');
    const row = await db
      .selectFrom('sessions')
      .select(['centre_id', 'expires_at'])
      .where('token_sha256', '=', sha256(token))
      .executeTakeFirst();
    if (!row || new Date(row.expires_at).getTime() <= Date.now())
      return sendError(reply, 401, 'errors:api.sessionExpired', 'unknown or expired session');
    request.centreId = row.centre_id;
  };
}

/** POST /v1/sessions: the caller proves it is a centre with the centre's provisioned key. */
export function requireCentreKey(db: Db) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const centreId = await centreFromKey(db, request);
    if (!centreId) return sendError(reply, 401, 'errors:api.unauthenticated', 'unknown centre key');
    request.centreId = centreId;
  };
}
