import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { apiRoutes } from '@shared/api/routes';
import type { Db } from '../db/database';
import { serveRoute } from '../route';
import { sendError } from '../http-error';

export interface MetricsOptions {
  /** Bearer token a scraper must send to GET /metrics; without one the endpoint does not exist. */
  token?: string | undefined;
}

/** From the environment: QABYLDAU_METRICS_TOKEN (at least 16 characters) turns /metrics on. */
export function metricsOptionsFromEnv(env: NodeJS.ProcessEnv): MetricsOptions {
  const token = env.QABYLDAU_METRICS_TOKEN;
  if (token !== undefined && token.length < 16)
    throw new Error('QABYLDAU_METRICS_TOKEN must be at least 16 characters');
  return { token };
}

const submissionOutcome = (status: number) =>
  status === 201 ? 'created' : status === 200 ? 'replayed' : status >= 500 ? 'error' : 'refused';

/**
 * Prometheus metrics of one server (its own registry, so several servers can live in one test process): request
 * rate and latency by route, submissions by outcome, signature verification failures by reason, acknowledged upload
 * bytes, and the checks still pending against the registers (read from the database at scrape time, so every node
 * reports the shared queue).
 */
export function registerMetrics(app: FastifyInstance, db: Db, options: MetricsOptions): Registry | null {
  if (!options.token) return null;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'qabyldau_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const submissions = new Counter({
    name: 'qabyldau_submissions_total',
    help: 'Application submissions by outcome (created, replayed, refused, error)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const signatureFailures = new Counter({
    name: 'qabyldau_signature_failures_total',
    help: 'Submissions refused because the operator signature is missing or does not verify, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const uploadBytes = new Counter({
    name: 'qabyldau_upload_bytes_total',
    help: 'Attachment bytes acknowledged by tus PATCH requests',
    registers: [registry],
  });
  new Gauge({
    name: 'qabyldau_checks_pending',
    help: 'Register and payment checks waiting for a register to answer',
    registers: [registry],
    async collect() {
      const row = await db
        .selectFrom('application_checks')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.method === 'POST' &&
      request.routeOptions.url === '/v1/applications' &&
      reply.statusCode === 422 &&
      typeof payload === 'string'
    ) {
      const code = errorCode(payload);
      if (code === 'errors:api.signatureMissing') signatureFailures.inc({ reason: 'missing' });
      else if (code?.startsWith('signing:reason.'))
        signatureFailures.inc({ reason: code.slice('signing:reason.'.length) });
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (request.method === 'POST' && route === '/v1/applications')
      submissions.inc({ outcome: submissionOutcome(reply.statusCode) });
    if (request.method === 'PATCH' && reply.statusCode === 204)
      uploadBytes.inc(acknowledgedBytes(request, reply));
  });

  const token = options.token;
  const scraper = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!authorised(request, token)) return sendError(reply, 401, 'errors:api.unauthenticated', 'metrics need the scrape token');
  };
  serveRoute(app, apiRoutes.metrics, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()), { guard: scraper });
  return registry;
}

function errorCode(payload: string): string | undefined {
  try {
    return (JSON.parse(payload) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** tus answers a PATCH with the new offset; the bytes it took are that minus the offset the client started from. */
function acknowledgedBytes(request: FastifyRequest, reply: FastifyReply): number {
  const from = Number(request.headers['upload-offset']);
  const to = Number(reply.raw.getHeader('upload-offset'));
  return Number.isFinite(from) && Number.isFinite(to) && to > from ? to - from : 0;
}

function authorised(request: FastifyRequest, token: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
