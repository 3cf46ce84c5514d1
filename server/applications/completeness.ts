import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Manifest } from '@shared/manifest/manifest';
import type { Database } from '../db/schema';
import { nextRegistrationNumber } from '../registration-number';

/** The manifest's attachments whose verified blob (same SHA-256) the server does not hold yet. */
export async function missingAttachments(db: Kysely<Database>, manifest: Manifest): Promise<string[]> {
  if (manifest.attachments.length === 0) return [];
  const held = await db
    .selectFrom('attachments')
    .select(['attachment_id', 'sha256'])
    .where('application_id', '=', manifest.applicationId)
    .execute();
  const verified = new Map(held.map((h) => [h.attachment_id, h.sha256]));
  return manifest.attachments.filter((a) => verified.get(a.id) !== a.sha256).map((a) => a.id);
}

/**
 * Registers an application once its manifest and every blob it names are present and verified. Safe to call any
 * number of times from any path (manifest replay, upload finish): the row lock makes exactly one caller promote.
 */
export async function registerIfComplete(db: Kysely<Database>, applicationId: string, actor: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('applications').select(['status', 'manifest']).where('id', '=', applicationId).forUpdate().executeTakeFirst();
    if (!row || row.status !== 'received') return false;
    const manifest = (typeof row.manifest === 'string' ? JSON.parse(row.manifest) : row.manifest) as Manifest;
    if ((await missingAttachments(tx, manifest)).length > 0) return false;
    await tx
      .updateTable('applications')
      .set({
        status: 'registered',
        registration_number: await nextRegistrationNumber(tx, new Date()),
        updated_at: new Date(),
        feed_seq: sql<string>`nextval('feed_seq')`,
      })
      .where('id', '=', applicationId)
      .execute();
    await tx.insertInto('application_events').values({ application_id: applicationId, status: 'registered', actor, note: null }).execute();
    return true;
  });
}
