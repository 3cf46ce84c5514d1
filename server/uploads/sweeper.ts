import type { FileStore } from '@tus/file-store';
import type { Db } from '../db/database';
import type { BlobFiles } from './blob-files';
import type { UploadFinaliser } from './finalise';
import { isRefusal } from './refusal';

export interface SweepReport {
  /** Unfinished uploads past their expiry, deleted. */
  expired: string[];
  /** Complete uploads a crash had left unverified, verified now. */
  finalised: string[];
  /** Blobs no verified attachment and no open upload owns (refused, replaced, closed, or leftovers), deleted. */
  orphaned: string[];
}

/**
 * One pass of storage hygiene at `now` (injected, so tests need not wait): expires unfinished uploads, drops
 * uploads of applications that no longer take blobs, and deletes every blob file and metadata file that is not
 * a verified attachment or a live upload.
 */
export async function sweepUploads(
  deps: { db: Db; store: FileStore; blobs: BlobFiles; finaliser: UploadFinaliser; expireAfterMs: number },
  now: Date,
): Promise<SweepReport> {
  const { db, store, blobs, finaliser } = deps;
  const report: SweepReport = { expired: [], finalised: [], orphaned: [] };
  const cutoff = new Date(now.getTime() - deps.expireAfterMs);

  const open = await db
    .selectFrom('uploads')
    .leftJoin('applications', 'applications.id', 'uploads.application_id')
    .select(['uploads.id', 'uploads.created_at', 'applications.status'])
    .where('uploads.state', '=', 'open')
    .execute();
  for (const upload of open) {
    const stale = new Date(upload.created_at) <= cutoff;
    if (upload.status !== 'received') {
      // The application was registered (every blob verified) or never existed: this upload can no longer count.
      await finaliser.discard(upload.id, 'removed', now);
      report.orphaned.push(upload.id);
      continue;
    }
    const stored = await store.getUpload(upload.id).catch(() => null);
    if (stored && stored.size !== undefined && stored.offset === stored.size) {
      const outcome = await finaliser.finalise(upload.id).catch((error: unknown) => {
        if (isRefusal(error)) return 'gone' as const;
        throw error;
      });
      if (outcome === 'verified') report.finalised.push(upload.id);
      else report.orphaned.push(upload.id);
    } else if (stale || !stored) {
      await finaliser.discard(upload.id, 'expired', now);
      report.expired.push(upload.id);
    }
  }

  const files = await blobs.list();
  if (files.length === 0) return report;
  const ids = files.map((f) => f.id);
  const verified = new Set(
    (await db.selectFrom('attachments').select('upload_id').where('upload_id', 'in', ids).execute()).map(
      (r) => r.upload_id,
    ),
  );
  const ledger = new Map(
    (await db.selectFrom('uploads').select(['id', 'state']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      r.state,
    ]),
  );
  for (const file of files) {
    if (verified.has(file.id)) continue;
    const state = ledger.get(file.id);
    if (state === 'open') continue;
    // Without a ledger row the file predates the ledger or is a leftover: it gets the same grace as an upload.
    if (state === undefined && file.modifiedAt > cutoff) continue;
    await blobs.remove(file.id);
    if (!report.orphaned.includes(file.id) && !report.expired.includes(file.id))
      report.orphaned.push(file.id);
  }
  return report;
}
