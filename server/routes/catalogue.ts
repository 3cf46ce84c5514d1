import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { catalogue, catalogueVersion } from '@shared/catalogue';
import { defaultCalendar } from '@shared/calendar';
import { apiRoutes } from '@shared/api/routes';
import { serveRoute } from '../route';

/**
 * The service catalogue and the working-day calendar are public regulation data, so reading them needs no
 * session. The body is built once; its hash is a strong ETag, so a workstation that already runs this version
 * gets an empty 304 and keeps its cached copy.
 */
export function catalogueBody(): { body: string; etag: string } {
  const body = JSON.stringify({ version: catalogueVersion, services: catalogue, calendar: defaultCalendar });
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  return { body, etag };
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly, so `W/"x"` matches `"x"`; `*` matches any current version. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export function registerCatalogueRoutes(app: FastifyInstance) {
  const { body, etag } = catalogueBody();
  serveRoute(app, apiRoutes.catalogue, async (request, reply) => {
    // no-cache: a browser may keep the copy but must revalidate, which is what makes it send If-None-Match.
    reply.header('etag', etag).header('cache-control', 'no-cache').header('access-control-expose-headers', 'etag');
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
