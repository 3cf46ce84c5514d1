import Dexie, { type EntityTable, type Table } from 'dexie';
import type { LocalDecision, PrintLogEntry } from '../decisions/schema';
import type { AttachmentRecord, HistoryEntry, LocalApplication } from '../outbox/schema';
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
  return db;
}
