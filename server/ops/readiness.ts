import { randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { apiRoutes } from '@shared/api/routes';
import type { Db } from '../db/database';
import { serveRoute } from '../route';

export interface Readiness {
  /** Set when the node is shutting down: a load balancer must stop sending it work before it stops answering. */
  draining: boolean;
}

type Check = 'ok' | 'failed';

/**
 * `/readyz`: whether this node can do its work now — the database answers and the upload directory takes a write
 * (a real file, since permission bits say nothing on a read-only or full volume). `/healthz` stays the liveness probe.
 */
export function registerReadiness(app: FastifyInstance, db: Db, uploadsDir: string): Readiness {
  const state: Readiness = { draining: false };
  serveRoute(app, apiRoutes.readiness, async (request, reply) => {
    const database = await probe(() => sql`select 1`.execute(db));
    const uploads = await probe(async () => {
      const file = join(uploadsDir, `.readyz-${randomUUID()}`);
      await writeFile(file, '');
      await unlink(file);
    });
    const ready = database === 'ok' && uploads === 'ok' && !state.draining;
    if (!ready) request.log.warn({ database, uploads, draining: state.draining }, 'not ready');
    return reply
      .code(ready ? 200 : 503)
      .send({
        status: ready ? 'ready' : 'not-ready',
        draining: state.draining,
        checks: { database, uploads },
      });
  });
  return state;
}

async function probe(action: () => Promise<unknown>): Promise<Check> {
  try {
    await action();
    return 'ok';
  } catch {
    return 'failed';
  }
}
