import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { getService } from '../../shared/catalogue';
import { buildDecisionDocument, canonicalDecisionJson, formatDecisionNumber, type RegisteredApplicant } from '../../shared/decisions/document';
import { fromManifestForm } from '../../shared/register/manifest-form';
import type { DecideRequest, SignedDecision } from '../../shared/decisions/schema';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/database';
import type { LicensorSigner } from './signer';

export interface DecideInput {
  db: Db;
  signer: LicensorSigner;
  licensorId: string;
  applicationId: string;
  request: DecideRequest;
  /** Base of the public verification address printed in the QR code. */
  verifyBaseUrl: string;
  now?: Date;
}

export type DecisionRow = {
  id: string;
  application_id: string;
  document_json: string;
  cms_base64: string;
  handed_over_at: Date | string | null;
  updated_at: Date | string;
};

export const toSignedDecision = (row: DecisionRow): SignedDecision => ({
  decisionId: row.id,
  applicationId: row.application_id,
  documentJson: row.document_json,
  cmsBase64: row.cms_base64,
  handedOverAt: row.handed_over_at ? new Date(row.handed_over_at).toISOString() : null,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** The applicant's names as the desk registered them in the manifest's form (`applicant.*`), if any. */
function registeredApplicant(manifest: unknown): RegisteredApplicant {
  const raw = typeof manifest === 'string' ? (JSON.parse(manifest) as unknown) : manifest;
  const form = (raw as { form?: Record<string, string | number | boolean | null> } | null)?.form;
  return form ? fromManifestForm(form).applicant : {};
}

/**
 * Decides one registered application in one transaction: number, signed document, the application's status
 * (`decided`, with a fresh feed position so the centre's feed carries it) and the event with actor and time.
 * The application row is locked, so two officers deciding at once get one decision and one 409.
 */
export async function decideApplication(input: DecideInput): Promise<SignedDecision & { number: string }> {
  const now = input.now ?? new Date();
  return input.db.transaction().execute(async (tx) => {
    const app = await tx.selectFrom('applications').selectAll().where('id', '=', input.applicationId).forUpdate().executeTakeFirst();
    if (!app) throw new AppError('print:api.notFound');
    if (app.status !== 'registered' || !app.registration_number) throw new AppError('print:api.notDecidable', { status: app.status });
    const service = getService(app.service_id);
    const { rows } = await sql<{ n: string }>`select nextval('decision_seq')::text as n`.execute(tx);
    const number = formatDecisionNumber(input.request.result, now.getUTCFullYear(), rows[0]!.n);
    let queueNumber: number | undefined;
    if (input.request.result === 'queue-place') {
      const { count } = await tx
        .selectFrom('decisions')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('service_id', '=', app.service_id)
        .where('result', '=', 'queue-place')
        .executeTakeFirstOrThrow();
      queueNumber = Number(count) + 1;
    }
    const decisionId = randomUUID();
    const document = buildDecisionDocument({
      request: input.request,
      service,
      decisionId,
      number,
      decidedAt: now.toISOString(),
      licensorId: input.licensorId,
      verificationRef: `${input.verifyBaseUrl.replace(/\/$/, '')}/v1/verify/${decisionId}`,
      ...(queueNumber ? { queueNumber } : {}),
      registered: registeredApplicant(app.manifest),
      application: {
        id: app.id,
        fingerprint: app.fingerprint,
        registrationNumber: app.registration_number,
        receivedAt: new Date(app.received_at).toISOString(),
        centreId: app.centre_id,
        serviceId: app.service_id,
        subOperation: app.sub_operation,
        applicant: { kind: app.applicant_kind as 'individual' | 'legal-entity', id: app.applicant_id },
      },
    });
    const documentJson = canonicalDecisionJson(document);
    const cms = await input.signer.sign(new TextEncoder().encode(documentJson), now);
    const actor = `licensor:${input.licensorId}:${document.decidedBy.officer.name}`;
    const row = await tx
      .insertInto('decisions')
      .values({
        id: decisionId,
        application_id: app.id,
        centre_id: app.centre_id,
        service_id: app.service_id,
        result: document.result,
        number,
        document_json: documentJson,
        cms_base64: Buffer.from(cms).toString('base64'),
        decided_by: actor,
        decided_at: now,
      })
      .returning(['id', 'application_id', 'document_json', 'cms_base64', 'handed_over_at', 'updated_at'])
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('applications')
      .set({ status: 'decided', note: number, updated_at: now, feed_seq: sql<string>`nextval('feed_seq')` })
      .where('id', '=', app.id)
      .execute();
    await tx.insertInto('application_events').values({ application_id: app.id, status: 'decided', actor, note: `${document.result} ${number}`, at: now }).execute();
    return { ...toSignedDecision(row), number };
  });
}
