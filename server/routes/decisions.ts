import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { decideRequestSchema, handoverRequestSchema, type DecisionFeedPage, type PendingApplication } from '@shared/decisions/schema';
import { AppError } from '@shared/errors';
import type { Manifest } from '@shared/manifest/manifest';
import type { Db } from '../db/database';
import { requireSession } from '../auth';
import { sendError } from '../http-error';
import { decideApplication, toSignedDecision } from '../decisions/decide';
import { requireLicensor, upsertLicensors, type LicensorOptions } from '../decisions/licensors';
import { loadLicensorSigner, type LicensorSigner } from '../decisions/signer';
import { readFeedPage } from '../feed/page';

declare module '../app' {
  interface ServerOptions {
    /** Licensor keys and the decision-signing key (server/config/api-config.ts reads them for server/main.ts). */
    licensor?: LicensorOptions;
  }
}

const feedQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
const licensorListQuery = z.object({ status: z.enum(['registered', 'decided']).default('registered') });
const idParam = (params: unknown) => z.object({ id: z.uuid() }).safeParse(params);

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
  const licensor = requireLicensor(db);
  const session = requireSession(db);

  app.get('/v1/licensor/applications', { preHandler: licensor }, async (request, reply) => {
    const query = licensorListQuery.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'errors:api.badRequest', z.prettifyError(query.error));
    const status = query.data.status;
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

  app.post('/v1/licensor/applications/:id/decision', { preHandler: licensor }, async (request, reply) => {
    const id = idParam(request.params);
    if (!id.success) return sendError(reply, 404, 'print:api.notFound', 'no such application');
    if (!signer) return sendError(reply, 503, 'print:api.noLicensorKey', 'no licensor signing key is configured');
    const body = decideRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 422, 'print:decide.invalid', z.prettifyError(body.error), { reason: z.prettifyError(body.error) });
    try {
      const decision = await decideApplication({
        db,
        signer,
        licensorId: request.licensorId,
        applicationId: id.data.id,
        request: body.data,
        // configured, never the request's Host header: a forged Host must not end up inside a signed document
        verifyBaseUrl: publicBaseUrl(),
      });
      return reply.code(201).send(decision);
    } catch (error) {
      return sendAppError(reply, error);
    }
  });

  app.get('/v1/licensor/certificate', async (_request, reply) => {
    if (!signer) return sendError(reply, 503, 'print:api.noLicensorKey', 'no licensor signing key is configured');
    return reply.type('application/x-pem-file').send(signer.certificatePem);
  });

  app.get('/v1/decisions', { preHandler: session }, async (request, reply) => {
    const query = feedQuery.safeParse(request.query);
    const page = query.success
      ? await readFeedPage(db.selectFrom('decisions').select(decisionColumns).where('centre_id', '=', request.centreId), 'd', query.data.cursor, query.data.limit)
      : null;
    if (!page) return sendError(reply, 400, 'errors:api.badCursor', 'bad decisions cursor');
    const body: DecisionFeedPage = { items: page.rows.map(toSignedDecision), cursor: page.cursor, hasMore: page.hasMore };
    return body;
  });

  app.post('/v1/decisions/:id/handover', { preHandler: session }, async (request, reply) => {
    const id = idParam(request.params);
    if (!id.success) return sendError(reply, 404, 'print:api.notFound', 'no such decision');
    const body = handoverRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 422, 'print:api.invalidHandover', z.prettifyError(body.error));
    const updated = await db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('decisions')
        .set({
          handed_over_at: body.data.handedOverAt,
          handover: JSON.stringify(body.data),
          updated_at: new Date(),
          feed_seq: sql<string>`nextval('feed_seq')`,
        })
        .where('id', '=', id.data.id)
        .where('centre_id', '=', request.centreId)
        .where('handed_over_at', 'is', null)
        .returning(['id', 'application_id', 'handed_over_at'])
        .executeTakeFirst();
      if (row)
        await tx
          .insertInto('application_events')
          .values({ application_id: row.application_id, status: 'handed-over', actor: `centre:${request.centreId}:${body.data.operator}`, note: null, at: body.data.handedOverAt })
          .execute();
      return row;
    });
    if (updated) return reply.code(201).send({ decisionId: updated.id, handedOverAt: new Date(updated.handed_over_at!).toISOString() });
    // Idempotent: a repeated hand-over (a retry, or a second desk) gets the first one's answer.
    const existing = await db
      .selectFrom('decisions')
      .select(['id', 'handed_over_at'])
      .where('id', '=', id.data.id)
      .where('centre_id', '=', request.centreId)
      .executeTakeFirst();
    if (!existing?.handed_over_at) return sendError(reply, 404, 'print:api.notFound', 'no such decision');
    return reply.code(200).send({ decisionId: existing.id, handedOverAt: new Date(existing.handed_over_at).toISOString() });
  });

  app.get('/v1/verify/:id', async (request, reply) => {
    const id = idParam(request.params);
    const row = id.success
      ? await db.selectFrom('decisions').select(['id', 'number', 'result', 'decided_at', 'document_json']).where('id', '=', id.data.id).executeTakeFirst()
      : undefined;
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
