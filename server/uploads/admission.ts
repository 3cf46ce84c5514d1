import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Manifest } from '@shared/manifest/manifest';
import type { Db } from '../db/database';
import { refusal } from './refusal';

/** Per-centre bounds on what a centre may have in flight; the defaults fit a busy centre's day with room to spare. */
export interface UploadLimits {
  /** Unfinished uploads a centre may hold at once. */
  maxOpenUploads: number;
  /** Declared bytes of a centre's unfinished uploads together. */
  maxOpenBytes: number;
  /** Largest single attachment. */
  maxUploadBytes: number;
  /** An unfinished upload is refused and swept this long after it was created. */
  expireAfterMs: number;
}

export const defaultUploadLimits: UploadLimits = {
  maxOpenUploads: 100,
  maxOpenBytes: 2 * 1024 * 1024 * 1024,
  maxUploadBytes: 64 * 1024 * 1024,
  expireAfterMs: 24 * 60 * 60 * 1000,
};

export const uploadMetadataSchema = z.object({
  applicationId: z.uuid(),
  attachmentId: z.string().min(1).max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

export interface StoredApplication {
  centreId: string;
  status: string;
  manifest: Manifest;
}

export async function loadApplication(db: Db, id: string): Promise<StoredApplication | undefined> {
  const row = await db
    .selectFrom('applications')
    .select(['centre_id', 'status', 'manifest'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const manifest = (typeof row.manifest === 'string' ? JSON.parse(row.manifest) : row.manifest) as Manifest;
  return { centreId: row.centre_id, status: row.status, manifest };
}

export const notFound = () => refusal(404, 'errors:api.notFound', 'no such application or upload');

/**
 * Who may open an upload for what: only the centre that submitted the application, only while it waits for its
 * blobs, only for an attachment its stored (signed) manifest names with this very hash and size, never for one
 * already verified, and only within the centre's quota. Another centre's application looks like no application.
 */
export async function admitUpload(
  db: Db,
  log: FastifyBaseLogger,
  request: {
    centreId: string;
    uploadId: string;
    metadata: Record<string, string | null> | undefined;
    size: number | undefined;
  },
  limits: UploadLimits,
  now: Date,
): Promise<void> {
  const meta = uploadMetadataSchema.safeParse(request.metadata ?? {});
  if (!meta.success || request.size === undefined)
    throw refusal(
      400,
      'errors:api.badUploadMetadata',
      'upload must declare its length and name applicationId, attachmentId and sha256',
    );
  const { applicationId, attachmentId, sha256 } = meta.data;

  const application = await loadApplication(db, applicationId);
  if (application && application.centreId !== request.centreId)
    log.warn(
      {
        event: 'upload.crossCentre',
        centreId: request.centreId,
        owner: application.centreId,
        applicationId,
        attachmentId,
      },
      'upload refused: another centre’s application',
    );
  if (!application || application.centreId !== request.centreId) throw notFound();
  if (application.status !== 'received')
    throw refusal(
      409,
      'errors:api.applicationClosed',
      `application is ${application.status}; its attachments can no longer change`,
    );
  const named = application.manifest.attachments.find((a) => a.id === attachmentId);
  if (!named || named.sha256 !== sha256 || named.size !== request.size)
    throw refusal(
      422,
      'errors:api.attachmentNotInManifest',
      'the manifest names no attachment with this id, SHA-256 and size',
    );
  const verified = await db
    .selectFrom('attachments')
    .select('upload_id')
    .where('application_id', '=', applicationId)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (verified)
    throw refusal(
      409,
      'errors:api.attachmentImmutable',
      'this attachment is already verified and cannot be replaced',
    );

  await db.transaction().execute(async (tx) => {
    // The centre row serialises its own upload creations, so concurrent requests cannot slip past the quota together.
    await tx
      .selectFrom('centres')
      .select('id')
      .where('id', '=', request.centreId)
      .forUpdate()
      .executeTakeFirst();
    const open = await tx
      .selectFrom('uploads')
      .select([sql<string>`count(*)`.as('count'), sql<string>`coalesce(sum(size), 0)`.as('bytes')])
      .where('centre_id', '=', request.centreId)
      .where('state', '=', 'open')
      .where('created_at', '>', new Date(now.getTime() - limits.expireAfterMs))
      .executeTakeFirstOrThrow();
    if (Number(open.count) + 1 > limits.maxOpenUploads)
      throw refusal(
        429,
        'errors:api.uploadQuotaExceeded',
        `the centre already has ${open.count} unfinished uploads (limit ${limits.maxOpenUploads})`,
      );
    if (Number(open.bytes) + request.size! > limits.maxOpenBytes)
      throw refusal(
        429,
        'errors:api.uploadQuotaExceeded',
        `the centre's unfinished uploads would exceed ${limits.maxOpenBytes} bytes`,
      );
    await tx
      .insertInto('uploads')
      .values({
        id: request.uploadId,
        centre_id: request.centreId,
        application_id: applicationId,
        attachment_id: attachmentId,
        size: request.size!,
        created_at: now,
      })
      .execute();
  });
}
