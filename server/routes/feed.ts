import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '@shared/api/routes';
import type { FeedPage } from '@shared/api/schemas';
import type { Db } from '../db/database';
import { sendError } from '../http-error';
import { readFeedPage } from '../feed/page';
import { serveRoute } from '../route';

export function registerFeedRoutes(app: FastifyInstance, db: Db) {
  serveRoute(app, apiRoutes.feed, async (request, reply, { query }) => {
    const page = await readFeedPage(
      db
        .selectFrom('applications')
        .select(['id', 'fingerprint', 'status', 'registration_number', 'received_at', 'updated_at', 'note', 'service_id', 'sub_operation', 'applicant_kind', 'applicant_id'])
        .where('centre_id', '=', request.centreId),
      's',
      query.cursor,
      query.limit,
    );
    if (!page) return sendError(reply, 400, 'errors:api.badCursor', 'unknown cursor');
    const body: FeedPage = {
      items: page.rows.map((r) => ({
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
      cursor: page.cursor,
      hasMore: page.hasMore,
    };
    return body;
  });
}
