import type { FastifyInstance, FastifyReply } from 'fastify';
import { validateBin, validateIin } from '@shared/identity/index';
import { apiRoutes } from '@shared/api/routes';
import type { ChecksPage, RegisterLookup } from '@shared/register/schemas';
import type { Db } from '../db/database';
import { sendError } from '../http-error';
import { onApplicationArrived, retryPending, type CheckDeps } from '../register/checks';
import { databaseRegisterGateway, RegisterUnavailable, withTimeout, type RegisterGateway } from '../register/gateway';
import { seedRegister } from '../register/seed';
import { databasePaymentGateway, type PaymentGateway } from '../payments/gateway';
import { decodeFeedCursor } from '../feed/cursor';
import { readFeedPage } from '../feed/page';
import { serveRoute } from '../route';

export interface RegisterOptions {
  /** A real gateway adapter; the default reads the reference register tables. */
  register?: RegisterGateway;
  payments?: PaymentGateway;
  /** How long a register may take before the answer counts as "not obtained now" (default 2.5 s). */
  timeoutMs?: number;
  /** Seed the reference register with the deterministic test population (default true). */
  seed?: boolean;
}


function lookupFailed(reply: FastifyReply, error: unknown) {
  if (error instanceof RegisterUnavailable) return sendError(reply, 503, error.code, error.message);
  throw error;
}

/**
 * Register lookups for the desk, the checks feed, and the arrival hook that runs the deferred checks of every
 * application that reaches POST /v1/applications. Returns the check dependencies for the payments routes.
 */
export async function registerRegisterRoutes(app: FastifyInstance, db: Db, options: RegisterOptions = {}): Promise<CheckDeps> {
  if (options.seed ?? true) await seedRegister(db);
  const register = withTimeout(options.register ?? databaseRegisterGateway(db), options.timeoutMs ?? 2_500);
  const deps: CheckDeps = { db, register, payments: options.payments ?? databasePaymentGateway(db) };

  // --- arrival hook: deferred checks run after the receipt is sent, so a slow register never delays intake.
  const inflight = new Map<string, Promise<void>>();
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/v1/applications' || reply.statusCode >= 300) return;
    const id = (request.body as { manifest?: { applicationId?: string } } | undefined)?.manifest?.applicationId;
    if (!id) return;
    const job = (inflight.get(id) ?? Promise.resolve())
      .then(() => onApplicationArrived(deps, id))
      .catch((error: unknown) => request.log.error({ err: error, applicationId: id }, 'deferred checks failed'))
      .finally(() => inflight.get(id) === job && inflight.delete(id));
    inflight.set(id, job);
  });
  app.addHook('onClose', async () => {
    await Promise.all(inflight.values());
  });
  // --- end of arrival hook

  async function audit(centreId: string, kind: string, subjectId: string, found: boolean) {
    await db.insertInto('register_lookups').values({ centre_id: centreId, kind, subject_id: subjectId, found }).execute();
  }

  serveRoute(app, apiRoutes.registerIndividual, async (request, reply, { params: { iin } }) => {
    const valid = validateIin(iin);
    if (!valid.ok) return sendError(reply, 422, valid.reason, 'invalid ИИН', { reason: valid.reason });
    try {
      const record = await register.findIndividual(iin);
      await audit(request.centreId, 'individual', iin, !!record);
      if (!record) return sendError(reply, 404, 'register:check.noData', 'no data in the register of individuals', { id: iin });
      const body: RegisterLookup = { kind: 'individual', record, retrievedAt: new Date().toISOString() };
      return body;
    } catch (error) {
      return lookupFailed(reply, error);
    }
  });

  serveRoute(app, apiRoutes.registerLegalEntity, async (request, reply, { params: { bin } }) => {
    const valid = validateBin(bin);
    if (!valid.ok) return sendError(reply, 422, valid.reason, 'invalid БИН', { reason: valid.reason });
    try {
      const record = await register.findLegalEntity(bin);
      await audit(request.centreId, 'legal-entity', bin, !!record);
      if (!record) return sendError(reply, 404, 'register:check.noData', 'no data in the register of legal entities', { id: bin });
      const body: RegisterLookup = { kind: 'legal-entity', record, retrievedAt: new Date().toISOString() };
      return body;
    } catch (error) {
      return lookupFailed(reply, error);
    }
  });

  serveRoute(app, apiRoutes.checksFeed, async (request, reply, { query }) => {
    if (!decodeFeedCursor('c', query.cursor)) return sendError(reply, 400, 'errors:api.badCursor', 'unknown cursor');
    await Promise.all(inflight.values());
    // The desk's poll is what re-asks a register that was down: no timer, no work for centres that are away.
    await retryPending(deps, request.centreId);
    const page = await readFeedPage(
      db
        .selectFrom('application_checks')
        .select(['application_id', 'kind', 'status', 'code', 'params', 'attempts', 'checked_at', 'updated_at'])
        .where('centre_id', '=', request.centreId),
      'c',
      query.cursor,
      query.limit,
    );
    if (!page) return sendError(reply, 400, 'errors:api.badCursor', 'unknown cursor');
    const body: ChecksPage = {
      items: page.rows.map((r) => {
        const params = (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<string, string | number>;
        return {
          applicationId: r.application_id,
          kind: r.kind as 'register' | 'payment',
          status: r.status as 'pending' | 'passed' | 'failed',
          code: r.code,
          // a pending check's last transport error is for logs, not for the desk
          params: r.status === 'pending' ? {} : params,
          attempts: r.attempts,
          checkedAt: r.checked_at ? new Date(r.checked_at).toISOString() : null,
          updatedAt: new Date(r.updated_at).toISOString(),
        };
      }),
      cursor: page.cursor,
      hasMore: page.hasMore,
    };
    return body;
  });

  return deps;
}
