import type { QabyldauDb } from '../db/database';
import type { AttachmentRecord, TransferTotals } from './schema';

/** The bytes of one attachment the server has acknowledged. */
export const acknowledgedBytes = (a: Pick<AttachmentRecord, 'size' | 'upload'>): number =>
  a.upload?.done ? a.size : (a.upload?.offset ?? 0);

/**
 * Keeps an application's totals (documents, bytes, acknowledged bytes) in step with one attachment changing from
 * `before` to `after` (either may be absent: added, removed). Call it inside the same rw transaction over
 * attachments and transfers that writes the attachment, so the queue can read totals without reading blobs.
 */
export async function adjustTransferTotals(
  db: QabyldauDb,
  applicationId: string,
  before: Pick<AttachmentRecord, 'size' | 'upload'> | undefined,
  after: Pick<AttachmentRecord, 'size' | 'upload'> | undefined,
): Promise<void> {
  const current: TransferTotals = (await db.transfers.get(applicationId)) ?? {
    applicationId,
    attachments: 0,
    totalBytes: 0,
    sentBytes: 0,
  };
  const next: TransferTotals = {
    applicationId,
    attachments: current.attachments - (before ? 1 : 0) + (after ? 1 : 0),
    totalBytes: current.totalBytes - (before?.size ?? 0) + (after?.size ?? 0),
    sentBytes:
      current.sentBytes - (before ? acknowledgedBytes(before) : 0) + (after ? acknowledgedBytes(after) : 0),
  };
  if (next.attachments <= 0) await db.transfers.delete(applicationId);
  else await db.transfers.put(next);
}

/**
 * Stores an attachment's resumable-upload state and its application's totals in one transaction. The offset never
 * moves back for the same upload URL (answers may be applied out of order); a new URL or none starts over.
 */
export async function storeUploadState(
  db: QabyldauDb,
  attachmentId: string,
  upload: NonNullable<AttachmentRecord['upload']>,
): Promise<void> {
  await db.transaction('rw', db.attachments, db.transfers, async () => {
    const record = await db.attachments.get(attachmentId);
    if (!record) return;
    const previous = record.upload;
    const sameUpload = !!previous?.url && previous.url === upload.url;
    const next =
      sameUpload && !upload.done && (previous.done || previous.offset > upload.offset) ? previous : upload;
    if (
      previous &&
      previous.url === next.url &&
      previous.offset === next.offset &&
      previous.done === next.done
    )
      return;
    await db.attachments.update(attachmentId, { upload: next });
    await adjustTransferTotals(db, record.applicationId, record, { ...record, upload: next });
  });
}
