import { describe, expect, it } from 'vitest';
import { RateMeter, uploadProgress } from './progress';
import type { LocalApplication, TransferTotals } from './schema';

const app = (id: string, status: LocalApplication['status']) => ({ id, status });
const totals = (applicationId: string, totalBytes: number, sentBytes: number): TransferTotals => ({ applicationId, attachments: 1, totalBytes, sentBytes });

describe('upload progress', () => {
  it('counts only undelivered applications and the bytes the server acknowledged', () => {
    const p = uploadProgress(
      [app('a', 'uploading'), app('b', 'ready'), app('c', 'registered')],
      [totals('a', 1500, 900), totals('b', 300, 0), totals('c', 9999, 9999), undefined],
    );
    expect(p).toEqual({ items: 2, totalBytes: 1800, sentBytes: 900 });
  });

  it('estimates the time left from the measured rate', () => {
    const meter = new RateMeter();
    expect(meter.etaSeconds(1000)).toBeNull();
    meter.sample(0, 0);
    meter.sample(64_000, 1000);
    expect(meter.bytesPerSecond()).toBe(64_000);
    meter.sample(96_000, 2000);
    expect(meter.bytesPerSecond()).toBeCloseTo(0.7 * 64_000 + 0.3 * 32_000);
    expect(meter.etaSeconds(54_400)).toBeCloseTo(1);
  });
});
