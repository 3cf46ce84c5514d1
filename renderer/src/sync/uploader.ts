import { DetailedError, Upload, type HttpRequest, type HttpResponse } from 'tus-js-client';
import type { QabyldauDb } from '../db/database';
import type { AttachmentRecord } from '../outbox/schema';
import { storeUploadState } from '../outbox/transfers';
import { apiRoutes } from '@shared/api/routes';
import { ApiError, apiErrorFromAnswer, transportError, type ApiSession } from '../api/client';
import { ChunkSizer, type ChunkSizerOptions } from './chunk-size';

export interface UploaderOptions {
  /** Chunk sizing (see ChunkSizer); `chunkSize` pins a fixed size instead, for baselines. */
  chunking?: ChunkSizerOptions;
  chunkSize?: number;
  /** What tus-js-client should read: the Blob itself in a browser; tests under Node hand it a Buffer. */
  toUploadable?: (blob: Blob) => Promise<unknown>;
  /** A request that neither sends nor hears anything for this long is given up (a link that went silent). */
  stallMs?: number;
  /**
   * After this call got acknowledgements, a failure that moves nothing (a 5xx on the resume HEAD) is retried
   * here, after a short jitter, up to this many times in a row before the engine's backoff takes over: the link
   * just worked, and a pass through the engine (probe, manifest, backoff) costs seconds of link time. 2 unless set.
   */
  quickRetries?: number;
  /** Longest jitter before the first quick retry (doubles for the next); 250 ms unless set. */
  quickRetryJitterMs?: number;
  /** Injected for tests (no timed waits): how to wait, and the jitter's source. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface UploadHooks {
  /** The server acknowledged more bytes (a PATCH answer or a resume's HEAD): the link works. */
  onAcknowledged?: (offset: number) => void;
}

export interface UploadResult {
  /** Bytes the server acknowledged during this call; 0 when it already held the whole blob. */
  sentBytes: number;
}

interface Attempt {
  ackedBefore: number;
  sent: boolean;
}

/**
 * Uploads one attachment with tus (tus-js-client), persisting the upload URL and the server's acknowledged offset
 * in Dexie so that after a cut, a reload or a restart the next try continues from the last byte the server holds.
 *
 * Our layer over tus-js-client fixes two of its behaviours for a bad link:
 * - it treats any non-2xx answer to the resume HEAD (a proxy's 502) as "upload gone" and silently creates a new
 *   upload from byte 0. We resume without an endpoint, so such an answer is an error we classify: only 404/410
 *   from the server forgets the URL; 5xx and timeouts keep it and are retried with the engine's backoff;
 * - its chunk size is fixed. A ChunkSizer picks each PATCH's size from the measured link, and the stored offset
 *   follows every acknowledgement (HEAD and PATCH `Upload-Offset`), so progress shows even when cuts come
 *   before a chunk completes (the server keeps the bytes that reached it).
 * After a failure that moved bytes, the upload resumes at once; once this call has moved bytes, up to
 * `quickRetries` failures in a row that move nothing are retried after a short jitter; then the engine decides.
 */
export class TusUploader {
  private readonly sizer: ChunkSizer;
  private readonly fixedChunk: number | undefined;
  private readonly toUploadable: (blob: Blob) => Promise<unknown>;
  private readonly stallMs: number;
  private readonly quickRetries: number;
  private readonly quickRetryJitterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: QabyldauDb,
    options: UploaderOptions = {},
  ) {
    this.sizer = new ChunkSizer(options.chunking);
    this.fixedChunk = options.chunkSize;
    this.toUploadable = options.toUploadable ?? (async (blob) => blob);
    this.stallMs = options.stallMs ?? 45_000;
    this.quickRetries = options.quickRetries ?? 2;
    this.quickRetryJitterMs = options.quickRetryJitterMs ?? 250;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
  }

  private chunk(): number {
    return this.fixedChunk ?? this.sizer.next();
  }

  private store(attachmentId: string, upload: NonNullable<AttachmentRecord['upload']>): void {
    // Serialised: each acknowledgement is stored in order, and a finished call waits for its last write.
    this.writes = this.writes
      .then(() => storeUploadState(this.db, attachmentId, upload))
      .catch(() => undefined);
  }

  /** Drops the stored upload so the next try creates a new one (the server refused to accept the old one). */
  async forget(attachmentId: string): Promise<void> {
    this.store(attachmentId, { offset: 0, done: false });
    await this.writes;
  }

  async upload(
    record: AttachmentRecord,
    session: ApiSession,
    hooks: UploadHooks = {},
  ): Promise<UploadResult> {
    const input = await this.toUploadable(record.blob);
    const state = {
      url: record.upload?.url ?? null,
      acked: record.upload?.url ? record.upload.offset : 0,
      moved: 0,
    };
    let blindRetryUsed = false;
    let recreated = false;
    /** Failures in a row that acknowledged nothing, since this call last got an acknowledgement. */
    let quiet = 0;
    const acknowledge = (offset: number, seconds?: number) => {
      if (offset > state.acked) {
        const delta = offset - state.acked;
        state.moved += delta;
        this.sizer.acknowledged(delta, seconds);
        hooks.onAcknowledged?.(offset);
      }
      state.acked = offset;
      if (state.url) this.store(record.id, { url: state.url, offset, done: false });
    };
    try {
      for (;;) {
        const attempt: Attempt = { ackedBefore: state.acked, sent: false };
        try {
          await this.once(record, session, input, state, attempt, acknowledge);
          this.store(record.id, { url: state.url!, offset: record.size, done: true });
          return { sentBytes: state.moved };
        } catch (error) {
          const failure = error instanceof ApiError ? error : toFailure(error as Error);
          if (state.url && !recreated && (failure.status === 404 || failure.status === 410)) {
            // The server forgot the upload (expired or cleaned): start it again from byte 0 rather than fail forever.
            recreated = true;
            state.url = null;
            state.acked = 0;
            this.store(record.id, { offset: 0, done: false });
            continue;
          }
          if (failure.kind !== 'transient') throw failure;
          if (!this.fixedChunk) this.sizer.failed();
          if (state.acked > attempt.ackedBefore) {
            quiet = 0;
            continue;
          }
          // Bytes left but nothing was confirmed yet (a cut before the first answer): one resume tells.
          if (attempt.sent && !blindRetryUsed) {
            blindRetryUsed = true;
            continue;
          }
          if (state.moved > 0 && quiet < this.quickRetries) {
            quiet++;
            await this.sleep(Math.floor(this.random() * this.quickRetryJitterMs * 2 ** (quiet - 1)));
            continue;
          }
          throw failure;
        }
      }
    } finally {
      await this.writes;
    }
  }

  private once(
    record: AttachmentRecord,
    session: ApiSession,
    input: unknown,
    state: { url: string | null; acked: number },
    attempt: Attempt,
    acknowledge: (offset: number, seconds?: number) => void,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const started = new WeakMap<HttpRequest, number>();
      const sizer = this.sizer;
      const fixed = this.fixedChunk !== undefined;
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const settle = (fn: () => void) => {
        settled = true;
        clearTimeout(watchdog);
        fn();
      };
      const alive = () => {
        clearTimeout(watchdog);
        if (settled) return;
        watchdog = setTimeout(() => {
          void upload.abort();
          settle(() =>
            reject(new ApiError({ status: 0, code: 'errors:api.timeout', message: 'upload stalled' })),
          );
        }, this.stallMs);
      };
      const upload: Upload = new Upload(input as Blob, {
        // Without an endpoint tus-js-client cannot fall back to a new upload when the resume HEAD fails.
        ...(state.url
          ? { uploadUrl: state.url }
          : { endpoint: new URL(apiRoutes.uploadCreate.path, session.apiUrl).href }),
        uploadSize: record.size,
        chunkSize: this.chunk(),
        // The sync engine owns retrying (backoff, classification); a failed try just ends here.
        retryDelays: null,
        storeFingerprintForResuming: false,
        // the same bearer session as every other call of the contract (uploadCreate etc. are `session` routes)
        headers: { authorization: `Bearer ${session.token}` },
        metadata: {
          applicationId: record.applicationId,
          attachmentId: record.id,
          sha256: record.sha256,
          filename: record.fileName,
          filetype: record.mediaType,
        },
        onBeforeRequest(req) {
          started.set(req, performance.now());
          alive();
        },
        onAfterResponse(req, res) {
          alive();
          const method = req.getMethod();
          const status = res.getStatus();
          const since = started.get(req);
          if (method === 'HEAD' && since !== undefined && !fixed)
            sizer.roundTripTook((performance.now() - since) / 1000);
          if ((method === 'HEAD' || method === 'PATCH') && status >= 200 && status < 300) {
            const offset = offsetOf(res);
            if (offset !== null)
              acknowledge(
                offset,
                method === 'PATCH' && since !== undefined ? (performance.now() - since) / 1000 : undefined,
              );
          }
        },
        onUploadUrlAvailable: () => {
          // Called after the resume HEAD too: size the first PATCH from what the HEAD just taught.
          upload.options.chunkSize = this.chunk();
          if (!upload.url || upload.url === state.url) return;
          // A new upload (created now): its offset starts at 0 and is stored before any byte is sent.
          state.url = upload.url;
          state.acked = 0;
          acknowledge(0);
        },
        onProgress(bytesSent) {
          alive();
          if (bytesSent > attempt.ackedBefore) attempt.sent = true;
        },
        onChunkComplete: () => {
          upload.options.chunkSize = this.chunk();
        },
        onSuccess() {
          settle(resolve);
        },
        onError(error) {
          settle(() => reject(toFailure(error)));
        },
      });
      alive();
      upload.start();
    });
  }
}

function offsetOf(res: HttpResponse): number | null {
  const value = Number.parseInt(res.getHeader('Upload-Offset') ?? '', 10);
  return Number.isNaN(value) ? null : value;
}

/** A tus-js-client failure in the contract's one error model (ApiError), like any other call's. */
function toFailure(error: Error | DetailedError): ApiError {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  const status = response?.getStatus();
  if (!status) return transportError(error);
  const failure = apiErrorFromAnswer(
    status,
    response?.getBody(),
    response?.getHeader('Retry-After'),
    error.message,
  );
  // 460 is @tus/server's checksum-mismatch status: the local blob does not match its hash, retrying cannot help.
  if (status !== 460) return failure;
  return new ApiError({
    status,
    code: failure.code,
    params: failure.params ?? { status },
    message: error.message,
    kind: 'permanent',
  });
}
