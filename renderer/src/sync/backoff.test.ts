import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, nextPassDelayMs, offlineProbeDelayMs, retryDelayMs } from './backoff';
import { ChunkSizer } from './chunk-size';

const low = () => 0;
const high = () => 0.999_999;

describe('retry delays follow the link', () => {
  it('starts short after a try that moved bytes and grows only while tries move nothing', () => {
    expect(retryDelayMs(0, low)).toBe(500);
    expect(retryDelayMs(0, high)).toBeLessThanOrEqual(1_000);
    expect(retryDelayMs(3, low)).toBe(4_000);
    expect(retryDelayMs(3, high)).toBeLessThanOrEqual(8_000);
  });

  it('never waits more than tens of seconds while the API answers, with jitter', () => {
    for (const failures of [8, 20, 1_000]) {
      expect(retryDelayMs(failures, low)).toBe(defaultRetryPolicy.onlineCapMs / 2);
      expect(retryDelayMs(failures, high)).toBeLessThanOrEqual(defaultRetryPolicy.onlineCapMs);
    }
    expect(retryDelayMs(8, () => 0.25)).not.toBe(retryDelayMs(8, () => 0.75));
  });

  it('waits longer between probes only while the API stays away', () => {
    expect(offlineProbeDelayMs(1, high)).toBeLessThanOrEqual(defaultRetryPolicy.offlineBaseMs);
    expect(offlineProbeDelayMs(10, low)).toBe(defaultRetryPolicy.offlineCapMs / 2);
    expect(offlineProbeDelayMs(10, high)).toBeLessThanOrEqual(defaultRetryPolicy.offlineCapMs);
  });

  it('wakes for the earliest due retry, within the regular interval, on an injected clock', () => {
    const now = Date.parse('2026-12-01T09:00:00Z');
    expect(nextPassDelayMs({ now, intervalMs: 5_000, earliestDueAt: now + 700, offlinePasses: 0 })).toBe(700);
    expect(nextPassDelayMs({ now, intervalMs: 5_000, earliestDueAt: now - 10, offlinePasses: 0 })).toBe(0);
    expect(nextPassDelayMs({ now, intervalMs: 5_000, earliestDueAt: now + 60_000, offlinePasses: 0 })).toBe(
      5_000,
    );
    expect(nextPassDelayMs({ now, intervalMs: 5_000, earliestDueAt: null, offlinePasses: 0 })).toBe(5_000);
    expect(
      nextPassDelayMs({ now, intervalMs: 5_000, earliestDueAt: now, offlinePasses: 6, random: low }),
    ).toBe(16_000);
  });
});

describe('chunk size follows the link', () => {
  it('shrinks below what the link carries between cuts, then grows back on a good run', () => {
    const sizer = new ChunkSizer({ initialBytes: 256 * 1024 });
    expect(sizer.next()).toBe(256 * 1024);
    // Cut after 200 kB: the resume's HEAD shows the server got them; no chunk was ever acknowledged whole.
    sizer.failed();
    sizer.acknowledged(200_000);
    const small = sizer.next();
    expect(small).toBeLessThan(200_000);
    expect(small).toBeGreaterThanOrEqual(16 * 1024);
    // A long run without failures at 1 MB/s: the size grows, at most doubling per chunk.
    let size = small;
    for (let i = 0; i < 20; i++) {
      sizer.acknowledged(size, size / 1_000_000);
      const next = sizer.next();
      expect(next).toBeLessThanOrEqual(size * 2);
      size = next;
    }
    expect(size).toBeGreaterThan(1_000_000);
  });

  it('halves the chunk when failures acknowledge nothing at all', () => {
    const sizer = new ChunkSizer({ initialBytes: 256 * 1024 });
    sizer.next();
    sizer.failed();
    sizer.failed();
    expect(sizer.next()).toBe(128 * 1024);
    sizer.failed();
    expect(sizer.next()).toBe(64 * 1024);
  });
});
