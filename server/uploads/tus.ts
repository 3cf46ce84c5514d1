import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/database';
import { sha256 as sha256Text } from '../auth';
import { registerIfComplete } from '../applications/completeness';

export const uploadsPath = '/v1/uploads';

const metadataSchema = z.object({
  applicationId: z.uuid(),
  attachmentId: z.string().min(1).max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const reject = (status_code: number, code: string, message: string) => ({ status_code, body: JSON.stringify({ error: { code, message } }) });

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Byte-resumable attachment uploads (tus 1.0 via @tus/server, files under the data folder). Every request is
 * authorised by session and scoped to the centre that created the upload; a finished blob is hashed and must
 * match the SHA-256 its metadata (and later the manifest) names, otherwise it is deleted and refused.
 */
export function registerUploadRoutes(app: FastifyInstance, db: Db, directory: string) {
  const datastore = new FileStore({ directory });

  async function centreOf(req: Request): Promise<string> {
    const match = /^Bearer ([\w.~+/=-]{16,200})$/.exec(req.headers.get('authorization') ?? '');
    const row = match
      ? await db.selectFrom('sessions').select(['centre_id', 'expires_at']).where('token_sha256', '=', sha256Text(match[1]!)).executeTakeFirst()
      : undefined;
    if (!row || new Date(row.expires_at).getTime() <= Date.now()) throw reject(401, 'errors:api.sessionExpired', 'unknown or expired session');
    return row.centre_id;
  }

  const tus = new Server({
    path: uploadsPath,
    datastore,
    respectForwardedHeaders: false,
    maxSize: 64 * 1024 * 1024,
    async onIncomingRequest(req, uploadId) {
      const centre = await centreOf(req);
      if (req.method === 'POST' || !uploadId) return;
      const upload = await datastore.getUpload(uploadId).catch(() => null);
      if (upload && upload.metadata?.centreId !== centre) throw reject(404, 'errors:api.notFound', 'no such upload');
    },
    async onUploadCreate(req, upload) {
      const centre = await centreOf(req);
      const meta = metadataSchema.safeParse(upload.metadata ?? {});
      if (!meta.success) throw reject(400, 'errors:api.badUploadMetadata', 'upload metadata must name applicationId, attachmentId and sha256');
      return { metadata: { ...upload.metadata, centreId: centre } };
    },
    async onUploadFinish(_req, upload: Upload) {
      const meta = metadataSchema.parse(upload.metadata);
      const path = join(directory, upload.id);
      const actual = await fileSha256(path);
      if (actual !== meta.sha256) {
        await rm(path, { force: true });
        throw reject(460, 'errors:api.attachmentHashMismatch', `blob SHA-256 ${actual} differs from ${meta.sha256}`);
      }
      await db
        .insertInto('attachments')
        .values({
          application_id: meta.applicationId,
          attachment_id: meta.attachmentId,
          centre_id: upload.metadata!.centreId!,
          sha256: actual,
          size: upload.size ?? upload.offset,
          upload_id: upload.id,
        })
        .onConflict((oc) => oc.columns(['application_id', 'attachment_id']).doUpdateSet({ sha256: actual, upload_id: upload.id, size: upload.size ?? upload.offset }))
        .execute();
      await registerIfComplete(db, meta.applicationId, `centre:${upload.metadata!.centreId}`);
      return {};
    },
  });

  // tus reads the raw body stream itself.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  app.all(uploadsPath, handle);
  app.all(`${uploadsPath}/*`, handle);
  return tus;
}
