import type { FastifyInstance } from 'fastify';
import { feedQuerySchema, type FeedPage } from '@shared/api/schemas';
import type { Db } from '../db/database';
import { requireSession } from '../auth';
import { sendError } from '../http-error';
import { feedCursor } from '../feed-cursor';

const { encode: encodeCursor, decode: decodeCursor } = feedCursor('s');

export function registerFeedRoutes(app: FastifyInstance, db: Db) {
  app.get('/v1/feed', { preHandler: requireSession(db) }, async (request, reply) => {
    const query = feedQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'errors:api.badCursor', 'bad feed query');
    const after = decodeCursor(query.data.cursor);
    if (after === null) return sendError(reply, 400, 'errors:api.badCursor', 'unknown cursor');
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'fingerprint', 'status', 'registration_number', 'received_at', 'updated_at', 'note', 'feed_seq', 'service_id', 'sub_operation', 'applicant_kind', 'applicant_id'])
      .where('centre_id', '=', request.centreId)
      .where('feed_seq', '>', after)
      .orderBy('feed_seq')
      .limit(query.data.limit + 1)
      .execute();
    const page = rows.slice(0, query.data.limit);
    const last = page.at(-1);
    const body: FeedPage = {
      items: page.map((r) => ({
        applicationId: r.id,
        fingerprint: r.fingerprint,
        status: r.status as FeedPage['items'][number]['status'],
        registrationNumber: r.registration_number,
        receivedAt: new Date(r.received_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
        note: r.note,
        serviceId: r.service_id,
        subOperation: r.sub_operation,
        applicant: { kind: r.applicant_kind as 'individual' | 'legal-entity', id: r.applicant_id },
      })),
      cursor: encodeCursor(last ? String(last.feed_seq) : after),
      hasMore: rows.length > query.data.limit,
    };
    return body;
  });
}
