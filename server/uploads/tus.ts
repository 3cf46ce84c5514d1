import { FileStore } from '@tus/file-store';
import { Server, type Locker } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiRoutes } from '@shared/api/routes';
import type { Db } from '../db/database';
import { serveRoute } from '../route';
import { sha256 as sha256Text } from '../auth';
import { admitUpload, defaultUploadLimits, notFound, type UploadLimits } from './admission';
import { BlobFiles, isUploadId } from './blob-files';
import { attachmentDisposition, downloadType } from './download';
import { createFinaliser, type UploadFinaliser } from './finalise';
import { isRefusal, refusal } from './refusal';
import { sweepUploads, type SweepReport } from './sweeper';
import { PostgresLocker } from './pg-locker';
import { SharedFolderConfigstore } from './shared-configstore';

export const uploadsPath = '/v1/uploads';

export interface UploadOptions {
  limits?: Partial<UploadLimits>;
  /** How often the sweeper runs; 0 turns the timer off (tests call `sweep` themselves). Default 15 minutes. */
  sweepEveryMs?: number;
  /** The clock quotas, expiry and the sweeper read; tests inject one. */
  now?: () => Date;
  /**
   * TEST FAULT INJECTION — set only by test kits, never by configuration: runs inside the tus completion hook
   * after the last byte is on disk and before the upload is verified, so a test can crash the server right there.
   */
  testFaults?: { beforeUploadFinish?(uploadId: string): Promise<void> };
  /**
   * PostgreSQL the API nodes share (set by buildServer from `databaseUrl`): upload locks then hold across nodes.
   * Absent (embedded PGlite, one process) → tus's in-memory locker.
   */
  lockDatabaseUrl?: string;
}

export interface UploadService {
  finaliser: UploadFinaliser;
  /** One sweeper pass (see sweepUploads); `now` defaults to the injected clock. */
  sweep(now?: Date): Promise<SweepReport>;
  /** Uploads whose bytes were complete at start but unverified (a crash cut their completion short), now verified. */
  recoveredAtStart: string[];
}

/**
 * Byte-resumable attachment uploads (tus 1.0 via @tus/server, files under the data folder). An upload is admitted
 * only for an attachment the caller's own, still-open application names in its manifest (see admitUpload); a
 * complete upload becomes a verified attachment through one idempotent finaliser that the completion hook, a HEAD
 * at offset = length, a manifest replay, server start and the sweeper all call. Verified blobs never change.
 */
export async function registerUploadRoutes(
  app: FastifyInstance,
  db: Db,
  directory: string,
  options: UploadOptions = {},
): Promise<UploadService> {
  const limits: UploadLimits = { ...defaultUploadLimits, ...options.limits };
  const clock = options.now ?? (() => new Date());
  const datastore = new FileStore({
    directory,
    configstore: new SharedFolderConfigstore(directory),
    expirationPeriodInMilliseconds: limits.expireAfterMs,
  });
  let locker: Locker | undefined;
  if (options.lockDatabaseUrl) {
    const pgLocker = new PostgresLocker({
      connectionString: options.lockDatabaseUrl,
      onError: (error) =>
        app.log.error({ event: 'upload.lockerError', err: error }, 'upload locker connection failed'),
    });
    app.addHook('onClose', () => pgLocker.close());
    locker = pgLocker;
  }
  const blobs = new BlobFiles(directory);
  const finaliser = createFinaliser(db, datastore, blobs, app.log, clock);

  async function centreOf(authorization: string | null | undefined): Promise<string> {
    const match = /^Bearer ([\w.~+/=-]{16,200})$/.exec(authorization ?? '');
    const row = match
      ? await db
          .selectFrom('sessions')
          .select(['centre_id', 'expires_at'])
          .where('token_sha256', '=', sha256Text(match[1]!))
          .executeTakeFirst()
      : undefined;
    if (!row || new Date(row.expires_at).getTime() <= Date.now())
      throw refusal(401, 'errors:api.sessionExpired', 'unknown or expired session');
    return row.centre_id;
  }

  /** The upload if it exists; another centre's upload is refused as if it did not exist, and logged. */
  async function ownUpload(centreId: string, uploadId: string, method: string) {
    const upload = isUploadId(uploadId) ? await datastore.getUpload(uploadId).catch(() => null) : null;
    if (upload && upload.metadata?.centreId !== centreId) {
      app.log.warn(
        { event: 'upload.crossCentre', centreId, owner: upload.metadata?.centreId, uploadId, method },
        'upload request refused: another centre’s upload',
      );
      throw notFound();
    }
    return upload;
  }

  const tus = new Server({
    path: uploadsPath,
    datastore,
    ...(locker ? { locker } : {}),
    respectForwardedHeaders: false,
    maxSize: limits.maxUploadBytes,
    async onIncomingRequest(req, uploadId) {
      const centreId = await centreOf(req.headers.get('authorization'));
      if (req.method === 'POST' || !uploadId) return;
      const upload = await ownUpload(centreId, uploadId, req.method);
      if (!upload) return;
      const complete = upload.size !== undefined && upload.offset === upload.size;
      // The bytes may all be here while a crash kept them from being verified: a resuming client's HEAD finishes it.
      if (req.method === 'HEAD' && complete) await finaliser.finalise(uploadId);
      if (req.method === 'PATCH') {
        const row = await db
          .selectFrom('uploads')
          .innerJoin('applications', 'applications.id', 'uploads.application_id')
          .select(['uploads.state', 'applications.status'])
          .where('uploads.id', '=', uploadId)
          .executeTakeFirst();
        if (row && (row.state !== 'open' || row.status !== 'received'))
          throw refusal(
            409,
            'errors:api.applicationClosed',
            `application is ${row.status}; its attachments can no longer change`,
          );
      }
    },
    async onUploadCreate(req, upload) {
      const centreId = await centreOf(req.headers.get('authorization'));
      await admitUpload(
        db,
        app.log,
        { centreId, uploadId: upload.id, metadata: upload.metadata, size: upload.size },
        limits,
        clock(),
      );
      return { metadata: { ...upload.metadata, centreId } };
    },
    async onUploadFinish(_req, upload) {
      await options.testFaults?.beforeUploadFinish?.(upload.id);
      await finaliser.finalise(upload.id);
      return {};
    },
  });

  async function download(request: FastifyRequest, reply: FastifyReply, uploadId: string) {
    const upload = await ownUpload(await centreOf(request.headers.authorization), uploadId, 'GET');
    if (!upload || upload.size === undefined || upload.offset !== upload.size) throw notFound();
    return reply
      .header('content-type', downloadType(upload.metadata?.filetype))
      .header('content-disposition', attachmentDisposition(upload.metadata?.filename))
      .header('content-length', String(upload.size))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(blobs.read(uploadId));
  }

  async function terminate(request: FastifyRequest, reply: FastifyReply, uploadId: string) {
    const upload = await ownUpload(await centreOf(request.headers.authorization), uploadId, 'DELETE');
    if (!upload) throw notFound();
    // Evidence of an application: once verified, a blob outlives every request to remove it.
    const verified = await db
      .selectFrom('attachments')
      .select('application_id')
      .where('upload_id', '=', uploadId)
      .executeTakeFirst();
    if (verified)
      throw refusal(403, 'errors:api.attachmentImmutable', 'a verified attachment cannot be deleted');
    await finaliser.discard(uploadId, 'removed', clock());
    return reply.code(204).header('tus-resumable', '1.0.0').send();
  }

  // tus reads the raw body stream itself.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const uploadId = (request.params as { id?: string }).id ?? '';
    if (uploadId && (request.method === 'GET' || request.method === 'DELETE')) {
      try {
        return await (request.method === 'GET'
          ? download(request, reply, uploadId)
          : terminate(request, reply, uploadId));
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return reply.code(error.status_code).type('application/json').send(error.body);
      }
    }
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  // Each tus method is a route of the contract; HEAD is declared before GET so it is tus's, not GET's automatic one.
  for (const spec of [apiRoutes.uploadCapabilities, apiRoutes.uploadCreate, apiRoutes.uploadOffset, apiRoutes.uploadAppend, apiRoutes.uploadDownload, apiRoutes.uploadDelete])
    serveRoute(app, spec, handle);

  let sweeping: Promise<SweepReport> | undefined;
  const sweep = (now = clock()) =>
    (sweeping ??= sweepUploads(
      { db, store: datastore, blobs, finaliser, expireAfterMs: limits.expireAfterMs },
      now,
    ).finally(() => {
      sweeping = undefined;
    }));
  const every = options.sweepEveryMs ?? 15 * 60 * 1000;
  if (every > 0) {
    const timer = setInterval(() => {
      sweep().catch((error: unknown) =>
        app.log.error({ event: 'upload.sweepFailed', err: error }, 'upload sweep failed'),
      );
    }, every);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  const recoveredAtStart = await finaliser.finaliseOpen();
  if (recoveredAtStart.length > 0)
    app.log.info(
      { event: 'upload.recovered', uploads: recoveredAtStart },
      'verified uploads a crash had left unfinished',
    );
  return { finaliser, sweep, recoveredAtStart };
}
