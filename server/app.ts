import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { apiRoutes } from '@shared/api/routes';
import { upsertCentres, createSession, requireCentreKey, requireSession, type CentreSeed } from './auth';
import { requireLicensor } from './decisions/licensors';
import { serveRoute, useGuards } from './route';
import { openDatabase, type Db, type DatabaseOptions } from './db/database';
import { sendError } from './http-error';
import { buildOpenApi } from './openapi';
import { registerApplicationRoutes } from './routes/applications';
import { registerCatalogueRoutes } from './routes/catalogue';
import { registerDecisionRoutes } from './routes/decisions';
import { registerFeedRoutes } from './routes/feed';
import { registerPaymentRoutes } from './routes/payments';
import { registerRegisterRoutes, type RegisterOptions } from './routes/register';
import { registerUploadRoutes, type UploadOptions, type UploadService } from './uploads/tus';
import { loadCrls, type InsecureUnsignedMode, type SignatureOptions } from './signature/policy';
import { ApiConfigError } from './config/api-config';
import { registerErrorHandling } from './errors';
import { metricsOptionsFromEnv, registerMetrics, type MetricsOptions } from './ops/metrics';
import { registerReadiness, type Readiness } from './ops/readiness';
import { echoRequestId, requestId, requestIdHeader } from './ops/request-id';

export const serverVersion = '0.1.0';

export interface ServerOptions extends DatabaseOptions {
  centres?: CentreSeed[];
  /** false (tests), true, or a pino level name. */
  logger?: boolean | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Trust anchors and CRLs; the server refuses to build without them (see server/config/api-config.ts). */
  signatures?: SignatureOptions;
  /** Tests only: accept unsigned applications instead of requiring `signatures`. Logged loudly; never from config. */
  insecureAcceptUnsigned?: InsecureUnsignedMode;
  /** Base of the public verification link in signed decisions; absent → the address the server listens on. */
  publicBaseUrl?: string;
  /** Where uploaded attachment blobs are stored (default: beside the embedded database, or a temp folder). */
  uploadsDir?: string;
  /** Upload quotas, expiry, sweeper period (defaults in server/uploads/admission.ts). */
  uploads?: UploadOptions;
  /** State-register and payment gateways (default: the reference tables, seeded). */
  register?: RegisterOptions;
  /** Prometheus /metrics (absent → QABYLDAU_METRICS_TOKEN from the environment; no token → no endpoint). */
  metrics?: MetricsOptions;
}

export interface LicensingServer {
  app: FastifyInstance;
  db: Db;
  /** The configured verification base (never a request's Host header). */
  publicBaseUrl(): string;
  uploads: UploadService;
  readiness: Readiness;
  /** Every method and path Fastify serves, as registered (the route-table test compares it with the contract). */
  servedRoutes: ReadonlyArray<{ method: string; url: string }>;
  close(): Promise<void>;
}

/** JSON bodies above this get a clean 413 (attachments travel by tus, never in a JSON body). */
export const JSON_BODY_LIMIT = 8 * 1024 * 1024;

function trustOf(options: ServerOptions): SignatureOptions | InsecureUnsignedMode {
  if (options.signatures) {
    if (options.signatures.trustedCaPems.length === 0)
      throw new ApiConfigError('no trusted CA certificate configured');
    if (options.signatures.crlFiles.length === 0) throw new ApiConfigError('no CRL source configured');
    return options.signatures;
  }
  if (options.insecureAcceptUnsigned === 'accept-unsigned-for-tests-only') {
    console.warn(
      '⚠ INSECURE TEST MODE: the reference API accepts UNSIGNED applications (insecureAcceptUnsigned). Never use this outside tests.',
    );
    return options.insecureAcceptUnsigned;
  }
  throw new ApiConfigError(
    'no trust anchors configured: set QABYLDAU_TRUSTED_CA and QABYLDAU_CRL_FILE (README "Reference API configuration")',
  );
}

export async function buildServer(options: ServerOptions): Promise<LicensingServer> {
  const trust = trustOf(options);
  const db = await openDatabase(options);
  if (options.centres?.length) await upsertCentres(db, options.centres);

  const logger = options.logger ?? false;
  // Logs are JSON lines (pino), each carrying the request id the answer echoes in X-Request-Id.
  const app = Fastify({
    logger: typeof logger === 'string' ? { level: logger } : logger,
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: requestId,
    requestIdLogLabel: 'requestId',
  });
  const servedRoutes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) servedRoutes.push({ method, url: route.url });
  });
  echoRequestId(app);
  registerMetrics(app, db, options.metrics ?? metricsOptionsFromEnv(process.env));
  registerErrorHandling(app);
  const publicBaseUrl = () => {
    if (options.publicBaseUrl) return options.publicBaseUrl.replace(/\/$/, '');
    const address = app.server.address();
    if (!address || typeof address === 'string')
      throw new ApiConfigError('no public base URL configured and the server is not listening on TCP');
    return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  };
  // Auth is a bearer token, never a cookie, so any workstation origin may call; the token scopes the data.
  await app.register(cors, {
    origin: true,
    credentials: false,
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'tus-resumable',
      'upload-length',
      'upload-offset',
      'upload-metadata',
      'upload-defer-length',
      'upload-concat',
      'x-http-method-override',
      requestIdHeader,
    ],
    exposedHeaders: [
      'location',
      'upload-offset',
      'upload-length',
      'tus-resumable',
      'upload-metadata',
      'tus-version',
      'tus-max-size',
      'tus-extension',
      requestIdHeader,
    ],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  });

  // Every route below is registered from its entry in shared/api/routes.ts, which names its caller.
  useGuards(app, { session: requireSession(db), licensor: requireLicensor(db), 'centre-key': requireCentreKey(db) });
  serveRoute(app, apiRoutes.health, async () => ({ status: 'ok', time: new Date().toISOString(), version: serverVersion }));
  serveRoute(app, apiRoutes.openApi, async () => buildOpenApi(serverVersion));

  serveRoute(app, apiRoutes.createSession, async (request, reply, { body }) => {
    if (body.centreId !== request.centreId) return sendError(reply, 401, 'errors:api.unauthenticated', 'centre key does not match centre id');
    return reply.code(201).send(await createSession(db, request.centreId));
  });

  serveRoute(app, apiRoutes.crl, async (_request, reply) => {
    const [crl] = await loadCrls(typeof trust === 'object' ? trust.crlFiles.slice(0, 1) : []);
    if (!crl) return sendError(reply, 404, 'errors:api.notFound', 'no CRL configured');
    return reply.type('application/pkix-crl').send(Buffer.from(crl));
  });

  registerPaymentRoutes(app, await registerRegisterRoutes(app, db, options.register));
  const uploadsDir =
    options.uploadsDir ??
    (options.dataDir
      ? join(options.dataDir, '..', 'uploads')
      : mkdtempSync(join(tmpdir(), 'qabyldau-uploads-')));
  const uploads = await registerUploadRoutes(app, db, uploadsDir, {
    ...options.uploads,
    ...(options.databaseUrl ? { lockDatabaseUrl: options.databaseUrl } : {}),
  });
  registerApplicationRoutes(app, db, trust, uploads.finaliser);
  const readiness = registerReadiness(app, db, uploadsDir);
  registerFeedRoutes(app, db);
  registerCatalogueRoutes(app);
  await registerDecisionRoutes(app, db, options.licensor ?? {}, publicBaseUrl);

  return {
    app,
    db,
    publicBaseUrl,
    uploads,
    readiness,
    servedRoutes,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
