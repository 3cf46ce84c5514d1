import type { AppErrorData } from '@shared/errors';
import type { CheckItem } from '@shared/register/schemas';
import type { QabyldauDb } from '../db/database';
import type { Outbox } from '../outbox/outbox';
import type { OutboxStatus } from '../outbox/schema';
import type { RegisterApi } from './api';

export const checksCursorKey = 'checks.cursor';

export interface ChecksPullerOptions {
  db: QabyldauDb;
  outbox: Outbox;
  api: Pick<RegisterApi, 'checks'>;
  now?: () => Date;
}

const flaggable: OutboxStatus[] = ['ready', 'uploading', 'submitted', 'registered'];

/**
 * One `extraPulls` entry: applies the centre's checks feed. A failed check turns the application into a
 * needs-attention item carrying the regulation's message (never silently); when every check of a flagged
 * application passes later, it goes back to where the server has it.
 */
export function createChecksPuller(o: ChecksPullerOptions): () => Promise<void> {
  const now = o.now ?? (() => new Date());
  return async () => {
    for (let page = 0; page < 50; page++) {
      const cursor = (await o.db.kv.get(checksCursorKey))?.value as string | undefined;
      const result = await o.api.checks(cursor);
      await o.db.transaction('rw', [o.db.checks, o.db.kv, o.db.applications, o.db.history], async () => {
        for (const item of result.items) await apply(o, item, now());
        await o.db.kv.put({ key: checksCursorKey, value: result.cursor });
      });
      if (!result.hasMore) return;
    }
  };
}

export const checkError = (item: Pick<CheckItem, 'code' | 'params'>): AppErrorData => ({ code: item.code ?? 'register:check.pending', params: item.params });

async function apply(o: ChecksPullerOptions, item: CheckItem, at: Date): Promise<void> {
  await o.db.checks.put({ ...item, receivedAt: at.toISOString() });
  const local = await o.db.applications.get(item.applicationId);
  if (!local) return;
  if (item.status === 'failed') {
    const error = checkError(item);
    if (flaggable.includes(local.status)) await o.outbox.transition(local.id, 'needs-attention', `check:${item.kind}`, { lastError: error }, error);
    else if (local.status === 'needs-attention') await o.db.applications.update(local.id, { lastError: error });
    return;
  }
  if (item.status === 'passed' && local.status === 'needs-attention' && local.lastError?.code.startsWith('register:')) {
    const open = await o.db.checks.where('applicationId').equals(local.id).filter((c) => c.status === 'failed').count();
    if (open > 0) return;
    const back: OutboxStatus = local.serverStatus === 'decided' ? 'decided' : local.serverStatus === 'registered' ? 'registered' : 'ready';
    await o.outbox.transition(local.id, back, `check:${item.kind}:passed`, { lastError: undefined, ...(back === 'ready' ? { nextAttemptAt: at.toISOString() } : {}) });
  }
}
