import Dexie, { type EntityTable, type Table } from 'dexie';
import type { LocalDecision, PrintLogEntry } from '../decisions/schema';
import type { AttachmentRecord, HistoryEntry, LocalApplication, TransferTotals } from '../outbox/schema';
import type { LocalCheck } from '../register/schema';

export interface KeyValue {
  key: string;
  value: unknown;
}

export type QabyldauDb = Dexie & {
  applications: EntityTable<LocalApplication, 'id'>;
  history: EntityTable<HistoryEntry, 'id'>;
  kv: EntityTable<KeyValue, 'key'>;
  attachments: EntityTable<AttachmentRecord, 'id'>;
  decisions: EntityTable<LocalDecision, 'id'>;
  printLog: EntityTable<PrintLogEntry, 'id'>;
  checks: Table<LocalCheck, [string, string]>;
  transfers: EntityTable<TransferTotals, 'applicationId'>;
};

/**
 * The workstation's durable store. Every transaction is 'strict': Chromium commits relaxed by default since
 * v121, which can lose an acknowledged write on power loss — unacceptable for an accepted application.
 */
export function openDatabase(name = 'qabyldau'): QabyldauDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as QabyldauDb;
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
  return db;
}
