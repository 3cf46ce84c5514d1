import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { apiRoutes } from '@shared/api/routes';
import type { DecisionFeedPage, PendingApplication } from '@shared/decisions/schema';
import { AppError } from '@shared/errors';
import type { Manifest } from '@shared/manifest/manifest';
import type { Db } from '../db/database';
import { sendError } from '../http-error';
import { decideApplication, toSignedDecision } from '../decisions/decide';
import { upsertLicensors, type LicensorOptions } from '../decisions/licensors';
import { loadLicensorSigner, type LicensorSigner } from '../decisions/signer';
import { readFeedPage } from '../feed/page';
import { serveRoute } from '../route';

declare module '../app' {
  interface ServerOptions {
    /** Licensor keys and the decision-signing key (server/config/api-config.ts reads them for server/main.ts). */
    licensor?: LicensorOptions;
  }
}


const decisionColumns = ['id', 'application_id', 'document_json', 'cms_base64', 'handed_over_at', 'updated_at'] as const;

function sendAppError(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof AppError)) throw error;
  const status = error.code === 'print:api.notFound' ? 404 : error.code === 'print:api.notDecidable' ? 409 : 422;
  return sendError(reply, status, error.code, error.message, error.params);
}

/**
 * Licensor side (`/v1/licensor/*`, licensor key) and the centre side (`/v1/decisions*`, session) of decisions.
 * The verification endpoint is public and carries no personal data: number, result, time and document hash.
 */
export async function registerDecisionRoutes(app: FastifyInstance, db: Db, options: LicensorOptions, publicBaseUrl: () => string): Promise<void> {
  if (options.licensors?.length) await upsertLicensors(db, options.licensors);
  const signer: LicensorSigner | null = options.signer ? await loadLicensorSigner(options.signer) : null;

  serveRoute(app, apiRoutes.licensorApplications, async (_request, _reply, { query }) => {
    const status = query.status;
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'centre_id', 'service_id', 'sub_operation', 'applicant_kind', 'applicant_id', 'registration_number', 'received_at', 'status', 'manifest'])
      .where('status', '=', status)
      .orderBy('received_at')
      .limit(500)
      .execute();
    const items: PendingApplication[] = rows.map((r) => {
      const manifest = (typeof r.manifest === 'string' ? JSON.parse(r.manifest) : r.manifest) as Partial<Pick<Manifest, 'form' | 'overrides'>>;
      return {
        applicationId: r.id,
        centreId: r.centre_id,
        serviceId: r.service_id,
        subOperation: r.sub_operation,
        applicant: { kind: r.applicant_kind as 'individual' | 'legal-entity', id: r.applicant_id },
        registrationNumber: r.registration_number,
        receivedAt: new Date(r.received_at).toISOString(),
        status: r.status,
        form: manifest.form ?? {},
        // the operator's signed overrides (payment not confirmed, applicant not in the register): the licensor decides knowing them
        overrides: manifest.overrides ?? [],
      };
    });
    return { items };
  });

  serveRoute(app, apiRoutes.decide, async (request, reply, { params, body }) => {
    if (!signer) return sendError(reply, 503, 'print:api.noLicensorKey', 'no licensor signing key is configured');
    try {
      const decision = await decideApplication({
        db,
        signer,
        licensorId: request.licensorId,
        applicationId: params.id,
        request: body,
        // configured, never the request's Host header: a forged Host must not end up inside a signed document
        verifyBaseUrl: publicBaseUrl(),
      });
      return reply.code(201).send(decision);
    } catch (error) {
      return sendAppError(reply, error);
    }
  });

  serveRoute(app, apiRoutes.licensorCertificate, async (_request, reply) => {
    if (!signer) return sendError(reply, 503, 'print:api.noLicensorKey', 'no licensor signing key is configured');
    return reply.type('application/x-pem-file').send(signer.certificatePem);
  });

  serveRoute(app, apiRoutes.decisionsFeed, async (request, reply, { query }) => {
    const page = await readFeedPage(db.selectFrom('decisions').select(decisionColumns).where('centre_id', '=', request.centreId), 'd', query.cursor, query.limit);
    if (!page) return sendError(reply, 400, 'errors:api.badCursor', 'bad decisions cursor');
    const body: DecisionFeedPage = { items: page.rows.map(toSignedDecision), cursor: page.cursor, hasMore: page.hasMore };
    return body;
  });

  serveRoute(app, apiRoutes.handover, async (request, reply, { params, body }) => {
    const updated = await db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('decisions')
        .set({
          handed_over_at: body.handedOverAt,
          handover: JSON.stringify(body),
          updated_at: new Date(),
          feed_seq: sql<string>`nextval('feed_seq')`,
        })
        .where('id', '=', params.id)
        .where('centre_id', '=', request.centreId)
        .where('handed_over_at', 'is', null)
        .returning(['id', 'application_id', 'handed_over_at'])
        .executeTakeFirst();
      if (row)
        await tx
          .insertInto('application_events')
          .values({ application_id: row.application_id, status: 'handed-over', actor: `centre:${request.centreId}:${body.operator}`, note: null, at: body.handedOverAt })
          .execute();
      return row;
    });
    if (updated) return reply.code(201).send({ decisionId: updated.id, handedOverAt: new Date(updated.handed_over_at!).toISOString() });
    // Idempotent: a repeated hand-over (a retry, or a second desk) gets the first one's answer.
    const existing = await db
      .selectFrom('decisions')
      .select(['id', 'handed_over_at'])
      .where('id', '=', params.id)
      .where('centre_id', '=', request.centreId)
      .executeTakeFirst();
    if (!existing?.handed_over_at) return sendError(reply, 404, 'print:api.notFound', 'no such decision');
    return reply.code(200).send({ decisionId: existing.id, handedOverAt: new Date(existing.handed_over_at).toISOString() });
  });

  serveRoute(app, apiRoutes.verifyDecision, async (_request, reply, { params }) => {
    const row = await db.selectFrom('decisions').select(['id', 'number', 'result', 'decided_at', 'document_json']).where('id', '=', params.id).executeTakeFirst();
    if (!row) return sendError(reply, 404, 'print:api.notFound', 'no such decision');
    return {
      decisionId: row.id,
      number: row.number,
      result: row.result,
      decidedAt: new Date(row.decided_at).toISOString(),
      documentSha256: createHash('sha256').update(row.document_json).digest('hex'),
    };
  });
}
