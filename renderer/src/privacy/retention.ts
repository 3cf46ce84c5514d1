import type { QabyldauDb } from '../db/database';
import type { OutboxStatus } from '../outbox/schema';
import { cacheMaxAgeMs } from '../register/cache';
import type { StoredApplication, StoredDecision } from './records';

/**
 * Purpose limitation (Law of the Republic of Kazakhstan "On personal data and their protection", art. 7 and 12:
 * personal data are kept no longer than their purpose requires). The desk needs a citizen's data to accept the
 * application, deliver it and hand the result over; the API keeps the record of authority. So once the decision
 * has been printed or handed over, the desk keeps the personal data this many days more — time to reprint a
 * jammed licence or answer a question at the counter — and then only a non-personal tombstone stays.
 */
export const RETENTION_AFTER_COMPLETION_DAYS = 30;
/** Applications of other desks, cached from the centre's feed for search and printing, are kept as long. */
export const CENTRE_CACHE_RETENTION_DAYS = 30;

const dayMs = 24 * 60 * 60 * 1000;

/** Statuses in which the API has verified every attachment's hash and registered the application. */
const verifiedStatuses: OutboxStatus[] = ['registered', 'decided'];

/**
 * Deletes an application's attachment bytes (and file names) once the API has verified and registered them: the
 * desk never needs them again (a replayed manifest finds every blob on the server). Size, hash and media type stay,
 * so the details panel still lists what was sent. Returns how many were purged.
 */
export async function purgeVerifiedAttachments(
  db: QabyldauDb,
  applicationId: string,
  now: Date,
): Promise<number> {
  return db.transaction('rw', db.applications, db.attachments, async () => {
    const app = await db.applications.get(applicationId);
    if (!app || !verifiedStatuses.includes(app.status)) return 0;
    const held = (await db.attachments.where('applicationId').equals(applicationId).toArray()).filter(
      (a) => a.content,
    );
    for (const a of held) {
      const { content: _bytes, ...rest } = a;
      await db.attachments.put({ ...rest, purgedAt: now.toISOString() });
    }
    return held.length;
  });
}

export interface RetentionResult {
  attachments: number;
  applications: number;
  decisions: number;
  registerAnswers: number;
}

/** When the desk finished with a decision: handed over, or else last printed; null while it is still to do. */
const completedAt = (d: StoredDecision): string | null => d.handedOverAt ?? d.lastPrintedAt ?? null;

/** The non-personal rest of an application: enough for statistics and the queue's history, nothing about anyone. */
function tombstone(a: StoredApplication, at: string): StoredApplication {
  return {
    id: a.id,
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    serviceId: a.serviceId,
    subOperation: a.subOperation,
    attempts: a.attempts,
    ...(a.origin ? { origin: a.origin } : {}),
    ...(a.serverStatus ? { serverStatus: a.serverStatus } : {}),
    purgedAt: at,
  };
}

/**
 * One retention pass, driven by the clock it is given (tests move it; the workstation runs it at start and hourly).
 * Never touches an application still on its way: only attachments of verified applications, and applications
 * whose decision was completed more than `retentionDays` ago (or cached centre rows that old).
 */
export async function runRetention(
  db: QabyldauDb,
  now: Date,
  o: { retentionDays?: number } = {},
): Promise<RetentionResult> {
  const result: RetentionResult = { attachments: 0, applications: 0, decisions: 0, registerAnswers: 0 };
  for (const id of new Set(
    (await db.applications.where('status').anyOf(verifiedStatuses).primaryKeys()) as string[],
  ))
    result.attachments += await purgeVerifiedAttachments(db, id, now);

  const cutoff = new Date(
    now.getTime() - (o.retentionDays ?? RETENTION_AFTER_COMPLETION_DAYS) * dayMs,
  ).toISOString();
  const centreCutoff = new Date(now.getTime() - CENTRE_CACHE_RETENTION_DAYS * dayMs).toISOString();
  const at = now.toISOString();
  await db.transaction(
    'rw',
    [db.applications, db.attachments, db.transfers, db.decisions, db.checks],
    async () => {
      const done = new Set<string>();
      for (const d of await db.decisions.toArray()) {
        const completed = completedAt(d);
        // a hand-over not yet sent to the API is still work to do
        if (d.purgedAt || !completed || completed > cutoff || d.handoverSynced !== 1) continue;
        const { sealed: _doc, sealedHandover: _who, ...rest } = d;
        await db.decisions.put({ ...rest, sealedHandover: null, cmsBase64: '', purgedAt: at });
        result.decisions++;
        done.add(d.applicationId);
      }
      const decided = await db.applications.where('status').equals('decided').toArray();
      const finished = [
        ...decided.filter((a) => done.has(a.id) || (a.origin === 'centre' && a.updatedAt <= centreCutoff)),
      ];
      const cachedCentre = (
        await db.applications.where('status').anyOf('registered', 'needs-attention').toArray()
      ).filter((a) => a.origin === 'centre' && a.updatedAt <= centreCutoff);
      for (const a of [...finished, ...cachedCentre]) {
        if (a.purgedAt) continue;
        await db.applications.put(tombstone(a, at));
        await db.attachments.where('applicationId').equals(a.id).delete();
        await db.transfers.delete(a.id);
        await db.checks.where('applicationId').equals(a.id).delete();
        result.applications++;
      }
    },
  );
  result.registerAnswers = await purgeRegisterCache(db, now);
  return result;
}

/**
 * Register answers cached for offline look-ups are not shown after `cacheMaxAgeMs` and so are deleted then; the
 * register/payment state kept beside a draft is deleted once that draft was queued (it went into the sealed manifest).
 */
async function purgeRegisterCache(db: QabyldauDb, now: Date): Promise<number> {
  let removed = 0;
  for (const row of await db.kv.where('key').startsWith('register.').toArray()) {
    const retrievedAt = row.key.startsWith('register.answer.')
      ? (row.value as { retrievedAt?: string } | undefined)?.retrievedAt
      : undefined;
    const stale =
      row.key.startsWith('register.answer.') &&
      (!retrievedAt || now.getTime() - Date.parse(retrievedAt) > cacheMaxAgeMs);
    const draftId = row.key.startsWith('register.desk.') ? row.key.slice('register.desk.'.length) : null;
    // only once its application was queued: the state may be written before the draft's first save
    const owner = draftId !== null ? await db.applications.get(draftId) : undefined;
    const orphan = owner !== undefined && owner.status !== 'draft';
    if (stale || orphan) {
      await db.kv.delete(row.key);
      removed++;
    }
  }
  return removed;
}

/** Runs retention now and every hour while the workstation is open. */
export function scheduleRetention(
  db: QabyldauDb,
  onError: (e: unknown) => void,
  now: () => Date = () => new Date(),
): () => void {
  const run = () => void runRetention(db, now()).catch(onError);
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  return () => clearInterval(timer);
}
