import { DetailedError, Upload } from 'tus-js-client';
import type { QabyldauDb } from '../db/database';
import type { AttachmentRecord } from '../outbox/schema';
import { ApiFailure, classifyStatus, type ApiSession } from './api-client';

export interface UploaderOptions {
  /** Bytes per PATCH: each acknowledged chunk is a point a broken upload resumes from. */
  chunkSize?: number;
  /** What tus-js-client should read: the Blob itself in a browser; tests under Node hand it a Buffer. */
  toUploadable?: (blob: Blob) => Promise<unknown>;
}

/**
 * Uploads one attachment with tus, persisting the upload URL and acknowledged offset in Dexie so that after a
 * reload, a crash or a restart the next attempt continues from the last byte the server confirmed.
 */
export class TusUploader {
  private readonly chunkSize: number;
  private readonly toUploadable: (blob: Blob) => Promise<unknown>;

  constructor(
    private readonly db: QabyldauDb,
    options: UploaderOptions = {},
  ) {
    this.chunkSize = options.chunkSize ?? 256 * 1024;
    this.toUploadable = options.toUploadable ?? (async (blob) => blob);
  }

  async upload(record: AttachmentRecord, session: ApiSession): Promise<void> {
    const input = await this.toUploadable(record.blob);
    const stored = record.upload?.url;
    try {
      await this.run(record, session, input, stored ?? null);
    } catch (error) {
      // The server forgot the upload (expired or cleaned): start it again from byte 0 rather than fail forever.
      if (stored && error instanceof ApiFailure && (error.status === 404 || error.status === 410)) {
        await this.db.attachments.update(record.id, { upload: { offset: 0, done: false } });
        await this.run(record, session, input, null);
      } else throw error;
    }
  }

  private run(record: AttachmentRecord, session: ApiSession, input: unknown, uploadUrl: string | null): Promise<void> {
    const { db } = this;
    return new Promise<void>((resolve, reject) => {
      const upload: Upload = new Upload(input as Blob, {
        endpoint: new URL('/v1/uploads', session.apiUrl).href,
        uploadUrl,
        uploadSize: record.size,
        chunkSize: this.chunkSize,
        // The sync engine owns retrying (backoff, classification); a failed attempt just ends here.
        retryDelays: null,
        storeFingerprintForResuming: false,
        headers: { authorization: `Bearer ${session.token}` },
        metadata: {
          applicationId: record.applicationId,
          attachmentId: record.id,
          sha256: record.sha256,
          filename: record.fileName,
          filetype: record.mediaType,
        },
        onUploadUrlAvailable() {
          void db.attachments.update(record.id, { upload: { url: upload.url!, offset: record.upload?.offset ?? 0, done: false } });
        },
        onChunkComplete(_chunk, accepted) {
          void db.attachments.update(record.id, { upload: { url: upload.url!, offset: accepted, done: false } });
        },
        onSuccess() {
          db.attachments
            .update(record.id, { upload: { url: upload.url!, offset: record.size, done: true } })
            .then(() => resolve(), reject);
        },
        onError(error) {
          reject(toFailure(error));
        },
      });
      upload.start();
    });
  }
}

function toFailure(error: Error | DetailedError): ApiFailure {
  const status = error instanceof DetailedError ? error.originalResponse?.getStatus() : undefined;
  if (!status) return new ApiFailure('transient', { code: 'errors:api.unreachable', message: error.message });
  let code = 'errors:api.serverError';
  try {
    const body = JSON.parse((error as DetailedError).originalResponse?.getBody() ?? '') as { error?: { code?: string } };
    if (body.error?.code) code = body.error.code;
  } catch {
    // not JSON: keep the generic code
  }
  // 460 is @tus/server's checksum-mismatch status: the local blob does not match its hash, retrying cannot help.
  const kind = status === 460 ? 'permanent' : classifyStatus(status);
  return new ApiFailure(kind, { code, params: { status }, message: error.message }, status);
}
