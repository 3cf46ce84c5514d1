import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { sessionRequestSchema } from '@shared/api/schemas';
import { upsertCentres, centreFromKey, createSession, type CentreSeed } from './auth';
import { openDatabase, type Db, type DatabaseOptions } from './db/database';
import { sendError } from './http-error';
import { buildOpenApi } from './openapi';
import { registerApplicationRoutes } from './routes/applications';
import { registerCatalogueRoutes } from './routes/catalogue';
import { registerDecisionRoutes } from './routes/decisions';
import { registerFeedRoutes } from './routes/feed';
import { registerPaymentRoutes } from './routes/payments';
import { registerRegisterRoutes, type RegisterOptions } from './routes/register';
import { registerUploadRoutes } from './uploads/tus';
import { loadCrls, type SignatureOptions } from './signature/policy';
import { metricsOptionsFromEnv, registerMetrics, type MetricsOptions } from './ops/metrics';
import { registerReadiness, type Readiness } from './ops/readiness';
import { echoRequestId, requestId, requestIdHeader } from './ops/request-id';

export const serverVersion = '0.1.0';

export interface ServerOptions extends DatabaseOptions {
  centres?: CentreSeed[];
  logger?: boolean;
  signatures?: SignatureOptions;
  /** Where uploaded attachment blobs are stored (default: beside the embedded database, or a temp folder). */
  uploadsDir?: string;
  /** State-register and payment gateways (default: the reference tables, seeded). */
  register?: RegisterOptions;
  /** Prometheus /metrics (absent → QABYLDAU_METRICS_TOKEN from the environment; no token → no endpoint). */
  metrics?: MetricsOptions;
}

export interface LicensingServer {
  app: FastifyInstance;
  db: Db;
  readiness: Readiness;
  close(): Promise<void>;
}

export async function buildServer(options: ServerOptions): Promise<LicensingServer> {
  const db = await openDatabase(options);
  if (options.centres?.length) await upsertCentres(db, options.centres);

  // Logs are JSON lines (pino), each carrying the request id the answer echoes in X-Request-Id.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 8 * 1024 * 1024, genReqId: requestId, requestIdLogLabel: 'requestId' });
  echoRequestId(app);
  registerMetrics(app, db, options.metrics ?? metricsOptionsFromEnv(process.env));
  // Auth is a bearer token, never a cookie, so any workstation origin may call; the token scopes the data.
  await app.register(cors, {
    origin: true,
    credentials: false,
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'tus-resumable', 'upload-length', 'upload-offset', 'upload-metadata', 'upload-defer-length', 'upload-concat', 'x-http-method-override', requestIdHeader],
    exposedHeaders: ['location', 'upload-offset', 'upload-length', 'tus-resumable', 'upload-metadata', 'tus-version', 'tus-max-size', 'tus-extension', requestIdHeader],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  });

  app.get('/healthz', async () => ({ status: 'ok', time: new Date().toISOString(), version: serverVersion }));
  app.get('/openapi.json', async () => buildOpenApi(serverVersion));

  app.post('/v1/sessions', async (request, reply) => {
    const centreId = await centreFromKey(db, request);
    if (!centreId) return sendError(reply, 401, 'errors:api.unauthenticated', 'unknown centre key');
    const body = sessionRequestSchema.safeParse(request.body);
    if (!body.success || body.data.centreId !== centreId)
      return sendError(reply, 401, 'errors:api.unauthenticated', 'centre key does not match centre id');
    return reply.code(201).send(await createSession(db, centreId));
  });

  // Stand-in for the certification centre's CRL distribution point, so workstations can cache it.
  app.get('/pki/crl', async (_request, reply) => {
    const [crl] = await loadCrls(options.signatures?.crlFiles.slice(0, 1) ?? []);
    if (!crl) return sendError(reply, 404, 'errors:api.notFound', 'no CRL configured');
    return reply.type('application/pkix-crl').send(Buffer.from(crl));
  });

  registerPaymentRoutes(app, await registerRegisterRoutes(app, db, options.register));
  registerApplicationRoutes(app, db, options.signatures);
  const uploadsDir = options.uploadsDir ?? (options.dataDir ? join(options.dataDir, '..', 'uploads') : mkdtempSync(join(tmpdir(), 'qabyldau-uploads-')));
  registerUploadRoutes(app, db, uploadsDir);
  const readiness = registerReadiness(app, db, uploadsDir);
  registerFeedRoutes(app, db);
  registerCatalogueRoutes(app);
  await registerDecisionRoutes(app, db, options.licensor);

  return {
    app,
    db,
    readiness,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
