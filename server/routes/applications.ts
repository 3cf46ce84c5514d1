import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '@shared/api/routes';
import type { ApplicationReceipt } from '@shared/api/schemas';
import { canonicalManifestBytes } from '@shared/manifest/manifest';
import { sha256Hex } from '@shared/crypto/sha256';
import type { Db } from '../db/database';
import type { ApplicationsTable } from '../db/schema';
import { sendError } from '../http-error';
import { nextRegistrationNumber } from '../registration-number';
import { missingAttachments, registerIfComplete } from '../applications/completeness';
import { judgeSubmission, type InsecureUnsignedMode, type SignatureOptions } from '../signature/policy';
import type { UploadFinaliser } from '../uploads/finalise';
import { serveRoute } from '../route';

type Row = Pick<ApplicationsTable, 'id' | 'fingerprint' | 'status' | 'registration_number' | 'centre_id'> & {
  received_at: Date;
};

export function toReceipt(row: Row, missingAttachments: string[] = []): ApplicationReceipt {
  return {
    applicationId: row.id,
    fingerprint: row.fingerprint,
    status: row.status as ApplicationReceipt['status'],
    registrationNumber: row.registration_number,
    receivedAt: new Date(row.received_at).toISOString(),
    missingAttachments,
  };
}

const receiptColumns = ['id', 'fingerprint', 'status', 'registration_number', 'centre_id', 'received_at'] as const;

export function registerApplicationRoutes(
  app: FastifyInstance,
  db: Db,
  trust: SignatureOptions | InsecureUnsignedMode,
  uploads?: Pick<UploadFinaliser, 'finaliseApplication'>,
) {
  serveRoute(app, apiRoutes.submitApplication, async (request, reply, { headers, body }) => {
    const { manifest, signature } = body;
    if (manifest.applicationId !== headers['idempotency-key'])
      return sendError(reply, 422, 'errors:api.idempotencyKeyMismatch', 'Idempotency-Key differs from manifest.applicationId');
    if (manifest.centreId !== request.centreId)
      return sendError(reply, 403, 'errors:api.wrongCentre', 'manifest belongs to another service centre');

    const manifestBytes = canonicalManifestBytes(manifest);
    const fingerprint = await sha256Hex(manifestBytes);
    const judgement = await judgeSubmission(trust, manifest, manifestBytes, signature, { db, centreId: request.centreId, fingerprint });
    if (!judgement.ok) return sendError(reply, judgement.status ?? 422, judgement.code, judgement.message, judgement.params);
    const missing = await missingAttachments(db, manifest);
    const inserted = await db.transaction().execute(async (tx) => {
      const complete = missing.length === 0;
      const row = await tx
        .insertInto('applications')
        .values({
          id: manifest.applicationId,
          centre_id: request.centreId,
          fingerprint,
          service_id: manifest.serviceId,
          sub_operation: manifest.subOperation,
          applicant_kind: manifest.applicant.kind,
          applicant_id: manifest.applicant.id,
          manifest: JSON.stringify(manifest),
          signature_cms: signature?.cmsBase64 ?? null,
          signature_validation: JSON.stringify(judgement.record),
          // Registered only with every blob present and verified; until then it waits as 'received'.
          status: complete ? 'registered' : 'received',
          registration_number: complete ? await nextRegistrationNumber(tx, new Date()) : null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning(receiptColumns)
        .executeTakeFirst();
      if (row)
        await tx
          .insertInto('application_events')
          .values({ application_id: row.id, status: row.status, actor: `centre:${request.centreId}`, note: null })
          .execute();
      return row;
    });
    if (inserted) return reply.code(201).send(toReceipt(inserted, missing));

    // The UUID is taken forever: a replay of the same content gets the original answer, anything else is a conflict.
    const existing = await db.selectFrom('applications').select(receiptColumns).where('id', '=', manifest.applicationId).executeTakeFirstOrThrow();
    if (existing.centre_id !== request.centreId || existing.fingerprint !== fingerprint)
      return sendError(reply, 409, 'errors:api.idempotencyConflict', 'this application id was already used for different content', {
        applicationId: manifest.applicationId,
      });
    if (existing.status === 'received') {
      // A crash may have cut an upload's completion short: its bytes on disk are verified now, not stranded.
      await uploads?.finaliseApplication(manifest.applicationId);
      await registerIfComplete(db, manifest.applicationId, `centre:${request.centreId}`);
      const now = await db.selectFrom('applications').select(receiptColumns).where('id', '=', manifest.applicationId).executeTakeFirstOrThrow();
      return reply.code(200).send(toReceipt(now, await missingAttachments(db, manifest)));
    }
    return reply.code(200).send(toReceipt(existing));
  });

  serveRoute(app, apiRoutes.getApplication, async (request, reply, { params }) => {
    const row = await db
      .selectFrom('applications')
      .select(receiptColumns)
      .where('id', '=', params.id)
      .where('centre_id', '=', request.centreId)
      .executeTakeFirst();
    if (!row) return sendError(reply, 404, 'errors:api.notFound', 'no such application');
    return toReceipt(row);
  });

}
