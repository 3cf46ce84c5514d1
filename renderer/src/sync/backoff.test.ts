import { describe, expect, it } from 'vitest';
import {
  defaultRetryPolicy,
  nextPassDelayMs,
  offlineProbeDelayMs,
  retryDelayAfterProgressMs,
  retryDelayMs,
} from './backoff';
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

  it('retries at once, with a small jitter, after a try the server acknowledged progress on', () => {
    expect(retryDelayAfterProgressMs(low)).toBe(0);
    expect(retryDelayAfterProgressMs(high)).toBeLessThan(defaultRetryPolicy.afterProgressJitterMs);
    expect(retryDelayAfterProgressMs(() => 0.5)).toBe(defaultRetryPolicy.afterProgressJitterMs / 2);
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
  it('keeps chunks within the gap between cuts when the server loses a broken request', () => {
    const sizer = new ChunkSizer({ initialBytes: 256 * 1024 });
    sizer.next();
    sizer.acknowledged(100_000, 0.1);
    // Cut: the resume's HEAD acknowledges nothing more (the broken request's bytes are gone); the next PATCH does.
    sizer.failed();
    sizer.acknowledged(64 * 1024, 0.1);
    // 165 536 bytes carried between failures: two chunks of at most half that.
    expect(sizer.next()).toBe(80 * 1024);
  });

  it('does not bind chunks to the gap between cuts when the server keeps what reached it, and grows back', () => {
    const sizer = new ChunkSizer({ initialBytes: 256 * 1024 });
    expect(sizer.next()).toBe(256 * 1024);
    // Cut after 200 kB: the resume's HEAD shows the server got them; no chunk was ever acknowledged whole.
    sizer.failed();
    sizer.acknowledged(200_000);
    let size = sizer.next();
    expect(size).toBe(256 * 1024);
    // A long run without failures at 1 MB/s: the size grows, at most doubling per chunk.
    for (let i = 0; i < 20; i++) {
      sizer.acknowledged(size, size / 1_000_000);
      const next = sizer.next();
      expect(next).toBeLessThanOrEqual(size * 2);
      size = next;
    }
    expect(size).toBeGreaterThan(1_000_000);
  });

  it('makes a chunk last many round trips on a slow, distant link', () => {
    const steady = (sizer: ChunkSizer) => {
      let size = sizer.next();
      for (let i = 0; i < 10; i++) {
        sizer.acknowledged(size, size / 64_000);
        size = sizer.next();
      }
      return size;
    };
    // 64 kB/s: three seconds' worth while the round trip is unknown or short…
    expect(steady(new ChunkSizer())).toBe(Math.floor((64_000 * 3) / 1024) * 1024);
    // …twenty round trips' worth once the resume HEAD took 0.3 s: the idle time per PATCH stays near 5 %.
    const distant = new ChunkSizer();
    distant.roundTripTook(0.3);
    expect(steady(distant)).toBe(Math.floor((64_000 * 6) / 1024) * 1024);
    // A server slow to answer (2 s HEADs) does not stretch a chunk past ten seconds of link time.
    const slow = new ChunkSizer();
    slow.roundTripTook(2);
    expect(steady(slow)).toBe(Math.floor((64_000 * 10) / 1024) * 1024);
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
