import type { QabyldauDb } from '../db/database';
import type { LocalDecision, PrintLogEntry } from './schema';

export interface PrintRecord {
  decisions: LocalDecision[];
  lang: 'kk' | 'ru';
  via: PrintLogEntry['via'];
  /** Mandatory for a reprint: the log must say why a second paper exists. */
  reason: string | null;
  batchId: string | null;
  at?: Date;
}

/** Writes the print log and the printed marks in one transaction; a reprint without a reason is refused. */
export async function recordPrint(db: QabyldauDb, r: PrintRecord): Promise<void> {
  const at = (r.at ?? new Date()).toISOString();
  await db.transaction('rw', db.decisions, db.printLog, async () => {
    for (const d of r.decisions) {
      const current = await db.decisions.get(d.id);
      const kind = (current?.printCount ?? 0) > 0 ? 'reprint' : 'print';
      if (kind === 'reprint' && !r.reason?.trim()) throw new Error('reprint needs a reason');
      await db.printLog.add({ decisionId: d.id, number: d.number, at, kind, reason: kind === 'reprint' ? r.reason!.trim() : null, batchId: r.batchId, lang: r.lang, via: r.via });
      await db.decisions.update(d.id, { printed: 1, printCount: (current?.printCount ?? 0) + 1, lastPrintedAt: at });
    }
  });
}
