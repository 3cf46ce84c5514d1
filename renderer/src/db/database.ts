import Dexie, { type EntityTable, type Table } from 'dexie';
import type { LocalDecision, PrintLogEntry } from '../decisions/schema';
import type { AttachmentRecord, HistoryEntry, LocalApplication, TransferTotals } from '../outbox/schema';
import { isSealedKvValue, sealApplication, sealAttachment, sealDecision, sealKvValue, type StoredApplication, type StoredAttachment, type StoredDecision } from '../privacy/records';
import type { RecordVault } from '../privacy/vault';
import type { LocalCheck } from '../register/schema';

export interface KeyValue {
  key: string;
  value: unknown;
}

export type QabyldauDb = Dexie & {
  /** Seals and opens personal data (see privacy/records); its keys come from the host and live in memory only. */
  readonly vault: RecordVault;
  applications: EntityTable<StoredApplication, 'id'>;
  history: EntityTable<HistoryEntry, 'id'>;
  kv: EntityTable<KeyValue, 'key'>;
  attachments: EntityTable<StoredAttachment, 'id'>;
  decisions: EntityTable<StoredDecision, 'id'>;
  printLog: EntityTable<PrintLogEntry, 'id'>;
  checks: Table<LocalCheck, [string, string]>;
  transfers: EntityTable<TransferTotals, 'applicationId'>;
};

/**
 * The workstation's durable store. Every transaction is 'strict': Chromium commits relaxed by default since
 * v121, which can lose an acknowledged write on power loss — unacceptable for an accepted application.
 */
export function openDatabase(vault: RecordVault, name = 'qabyldau'): QabyldauDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as QabyldauDb;
  Object.defineProperty(db, 'vault', { value: vault, enumerable: false });
  db.version(1).stores({
    applications: 'id, status, updatedAt, nextAttemptAt, serviceId',
    history: '++id, applicationId, at',
    kv: 'key',
  });
  db.version(2).stores({ attachments: 'id, applicationId, [applicationId+documentKey]' });
  db.version(3).stores({ decisions: 'id, applicationId, decidedAt, serviceId, result, printed, handoverSynced', printLog: '++id, decisionId, at' });
  db.version(4).stores({ checks: '[applicationId+kind], applicationId, status' });
  // Queue totals maintained with every attachment write (see outbox/transfers); built once from what is stored.
  db.version(5)
    .stores({ transfers: 'applicationId' })
    .upgrade(async (tx) => {
      const totals = new Map<string, TransferTotals>();
      await tx.table<AttachmentRecord>('attachments').each((a) => {
        const t = totals.get(a.applicationId) ?? { applicationId: a.applicationId, attachments: 0, totalBytes: 0, sentBytes: 0 };
        t.attachments++;
        t.totalBytes += a.size;
        t.sentBytes += a.upload?.done ? a.size : (a.upload?.offset ?? 0);
        totals.set(a.applicationId, t);
      });
      await tx.table<TransferTotals>('transfers').bulkPut([...totals.values()]);
    });
  // Personal data at rest: rows written in plaintext by versions 1–5 are sealed in place (privacy/records), and
  // applications get a blind index of the applicant's ИИН/БИН for exact search. WebCrypto is asynchronous and an
  // IndexedDB transaction commits itself once it has no request pending, so each batch's encryption runs under
  // Dexie.waitFor, which keeps the upgrade transaction alive until it settles.
  db.version(6)
    .stores({ applications: 'id, status, updatedAt, nextAttemptAt, serviceId, partyIndex' })
    .upgrade(async (tx) => {
      const apps = (await tx.table('applications').toArray()) as Array<StoredApplication & Partial<LocalApplication>>;
      const plainApps = apps.filter((a) => !a.sealed) as LocalApplication[];
      await tx.table('applications').bulkPut(await Dexie.waitFor(Promise.all(plainApps.map((a) => sealApplication(vault, a)))));
      // attachments one at a time: only one document's bytes are held twice in memory at once
      const attachmentIds = (await tx.table('attachments').toCollection().primaryKeys()) as string[];
      for (const id of attachmentIds) {
        const row = (await tx.table('attachments').get(id)) as Partial<AttachmentRecord> & Partial<StoredAttachment>;
        if (row.sealedName || !row.blob) continue;
        await tx.table('attachments').put(await Dexie.waitFor(sealAttachment(vault, row as AttachmentRecord)));
      }
      const decisions = (await tx.table('decisions').toArray()) as Array<Partial<StoredDecision> & LocalDecision>;
      const plainDecisions = decisions.filter((d) => d.sealed === undefined && d.sealedHandover === undefined);
      await tx.table('decisions').bulkPut(await Dexie.waitFor(Promise.all(plainDecisions.map((d) => sealDecision(vault, d)))));
      // register answers were keyed by the ИИН/БИН itself: a cache, dropped (the next look-up refills it, sealed);
      // a draft's register/payment state is sealed in place
      await tx.table('kv').where('key').startsWith('register.answer.').delete();
      const desks = (await tx.table('kv').where('key').startsWith('register.desk.').toArray()) as KeyValue[];
      await tx.table('kv').bulkPut(await Dexie.waitFor(Promise.all(desks.filter((d) => !isSealedKvValue(d.value)).map(async (d) => ({ key: d.key, value: await sealKvValue(vault, d.key, d.value) })))));
    });
  return db;
}
