import type { LocalApplication, TransferTotals } from './schema';

export interface UploadProgress {
  /** Applications still to deliver. */
  items: number;
  totalBytes: number;
  sentBytes: number;
}

const pending = new Set<LocalApplication['status']>(['ready', 'uploading']);

/**
 * What is left to send, from the maintained per-application totals (the server-acknowledged bytes): the queue
 * reads these small rows, never the attachments and their blobs.
 */
export function uploadProgress(applications: Pick<LocalApplication, 'id' | 'status'>[], totals: (TransferTotals | undefined)[]): UploadProgress {
  const waiting = new Set(applications.filter((a) => pending.has(a.status)).map((a) => a.id));
  let totalBytes = 0;
  let sentBytes = 0;
  for (const t of totals) {
    if (!t || !waiting.has(t.applicationId)) continue;
    totalBytes += t.totalBytes;
    sentBytes += Math.min(t.sentBytes, t.totalBytes);
  }
  return { items: waiting.size, totalBytes, sentBytes };
}

/**
 * Upload rate from successive samples of acknowledged bytes, smoothed (EWMA) so one slow chunk does not swing
 * the estimate; the ETA is the bytes left at that rate, or null while there is no rate to speak of.
 */
export class RateMeter {
  private last: { at: number; sent: number } | null = null;
  private rate = 0;

  sample(sentBytes: number, at = Date.now()): void {
    if (this.last && at > this.last.at && sentBytes >= this.last.sent) {
      const instant = ((sentBytes - this.last.sent) * 1000) / (at - this.last.at);
      this.rate = this.rate === 0 ? instant : 0.7 * this.rate + 0.3 * instant;
    }
    this.last = { at, sent: sentBytes };
  }

  bytesPerSecond(): number {
    return this.rate;
  }

  etaSeconds(bytesLeft: number): number | null {
    return this.rate > 1 && bytesLeft > 0 ? bytesLeft / this.rate : null;
  }
}
