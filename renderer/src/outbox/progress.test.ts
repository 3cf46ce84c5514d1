import { describe, expect, it } from 'vitest';
import { RateMeter, uploadProgress } from './progress';
import type { AttachmentRecord, LocalApplication } from './schema';

const app = (id: string, status: LocalApplication['status']) => ({ id, status }) as LocalApplication;
const att = (applicationId: string, size: number, upload?: AttachmentRecord['upload']) =>
  ({ applicationId, size, upload }) as AttachmentRecord;

describe('upload progress', () => {
  it('counts only undelivered applications and the bytes the server acknowledged', () => {
    const p = uploadProgress(
      [app('a', 'uploading'), app('b', 'ready'), app('c', 'registered')],
      [att('a', 1000, { offset: 400, done: false }), att('a', 500, { offset: 500, done: true }), att('b', 300), att('c', 9999, { offset: 9999, done: true })],
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
