import type { FileStore } from '@tus/file-store';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database';
import type { UploadState } from '../db/schema';
import { registerIfComplete } from '../applications/completeness';
import { loadApplication, notFound, uploadMetadataSchema } from './admission';
import type { BlobFiles } from './blob-files';
import { isRefusal, refusal } from './refusal';

export type FinaliseOutcome = 'incomplete' | 'verified' | 'gone';

export interface UploadFinaliser {
  /**
   * Turns one upload whose bytes are all on disk into a verified attachment, or refuses and deletes it. Derived
   * from the disk and the database alone, so it is safe to run any number of times, from any path: the tus
   * completion hook, a HEAD at offset = length, a manifest replay, server start or the sweeper.
   */
  finalise(uploadId: string): Promise<FinaliseOutcome>;
  /** Finalises every complete upload of one application (manifest replay); refusals are logged, not thrown. */
  finaliseApplication(applicationId: string): Promise<void>;
  /** Finalises every complete upload still open in the ledger (server start: a crash may have cut a hook short). */
  finaliseOpen(): Promise<string[]>;
  /** Deletes an upload's bytes and metadata and closes its ledger row. */
  discard(uploadId: string, state: Exclude<UploadState, 'open' | 'verified'>, now: Date): Promise<void>;
}

export function createFinaliser(
  db: Db,
  store: FileStore,
  blobs: BlobFiles,
  log: FastifyBaseLogger,
  clock: () => Date,
): UploadFinaliser {
  const close = (uploadId: string, state: UploadState, now: Date) =>
    db
      .updateTable('uploads')
      .set({ state, closed_at: now })
      .where('id', '=', uploadId)
      .where('state', '=', 'open')
      .execute();

  async function discard(uploadId: string, state: Exclude<UploadState, 'open' | 'verified'>, now: Date) {
    await blobs.remove(uploadId);
    await close(uploadId, state, now);
  }

  async function finalise(uploadId: string): Promise<FinaliseOutcome> {
    const upload = await store.getUpload(uploadId).catch(() => null);
    if (!upload) return 'gone';
    if (upload.size === undefined || upload.offset !== upload.size) return 'incomplete';
    const now = clock();
    const reject = async (state: 'rejected' | 'removed', error: ReturnType<typeof refusal>) => {
      await discard(uploadId, state, now);
      return error;
    };
    const meta = uploadMetadataSchema.safeParse(upload.metadata ?? {});
    const centreId = upload.metadata?.centreId;
    if (!meta.success || !centreId)
      throw await reject(
        'rejected',
        refusal(400, 'errors:api.badUploadMetadata', 'upload metadata is incomplete'),
      );
    const { applicationId, attachmentId } = meta.data;

    const held = await db
      .selectFrom('attachments')
      .select('upload_id')
      .where('application_id', '=', applicationId)
      .where('attachment_id', '=', attachmentId)
      .executeTakeFirst();
    if (held?.upload_id === uploadId) {
      await close(uploadId, 'verified', now);
      await registerIfComplete(db, applicationId, `centre:${centreId}`);
      return 'verified';
    }
    if (held)
      throw await reject(
        'removed',
        refusal(
          409,
          'errors:api.attachmentImmutable',
          'this attachment is already verified and cannot be replaced',
        ),
      );

    const application = await loadApplication(db, applicationId);
    if (!application || application.centreId !== centreId) throw await reject('rejected', notFound());
    if (application.status !== 'received')
      throw await reject(
        'removed',
        refusal(
          409,
          'errors:api.applicationClosed',
          `application is ${application.status}; its attachments can no longer change`,
        ),
      );
    const named = application.manifest.attachments.find((a) => a.id === attachmentId);
    if (!named)
      throw await reject(
        'rejected',
        refusal(422, 'errors:api.attachmentNotInManifest', 'the manifest names no such attachment'),
      );
    // The manifest's hash is the one that counts: it is what the operator signed.
    const actual = await blobs.sha256(uploadId);
    if (actual !== named.sha256)
      throw await reject(
        'rejected',
        refusal(
          460,
          'errors:api.attachmentHashMismatch',
          `blob SHA-256 ${actual} differs from ${named.sha256}`,
        ),
      );

    const won = await db.transaction().execute(async (tx) => {
      // Locked like registration locks it: a blob is attached only while the application still waits for blobs.
      const row = await tx
        .selectFrom('applications')
        .select('status')
        .where('id', '=', applicationId)
        .forUpdate()
        .executeTakeFirst();
      if (row?.status !== 'received') return false;
      const inserted = await tx
        .insertInto('attachments')
        .values({
          application_id: applicationId,
          attachment_id: attachmentId,
          centre_id: centreId,
          sha256: actual,
          size: upload.size!,
          upload_id: uploadId,
        })
        .onConflict((oc) => oc.columns(['application_id', 'attachment_id']).doNothing())
        .returning('upload_id')
        .executeTakeFirst();
      return inserted !== undefined;
    });
    if (!won) return finalise(uploadId); // raced with another finaliser or registration: the next pass decides
    await close(uploadId, 'verified', now);
    await registerIfComplete(db, applicationId, `centre:${centreId}`);
    return 'verified';
  }

  async function quietly(uploadId: string) {
    try {
      return await finalise(uploadId);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      log.warn(
        { event: 'upload.refused', uploadId, refusal: error.body },
        'complete upload refused and deleted',
      );
      return 'gone' as const;
    }
  }

  return {
    finalise,
    discard,
    async finaliseApplication(applicationId) {
      const open = await db
        .selectFrom('uploads')
        .select('id')
        .where('application_id', '=', applicationId)
        .where('state', '=', 'open')
        .execute();
      for (const { id } of open) await quietly(id);
    },
    async finaliseOpen() {
      const open = await db
        .selectFrom('uploads')
        .select('id')
        .where('state', '=', 'open')
        .orderBy('created_at')
        .execute();
      const verified: string[] = [];
      for (const { id } of open) if ((await quietly(id)) === 'verified') verified.push(id);
      return verified;
    },
  };
}
