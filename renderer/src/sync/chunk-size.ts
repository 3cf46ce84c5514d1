export interface ChunkSizerOptions {
  initialBytes?: number;
  minBytes?: number;
  maxBytes?: number;
  /** On a steady link, a chunk should take about this long: the bar moves and the per-request wait stays small. */
  targetSeconds?: number;
  /**
   * How many chunks should fit between two failures, so most of what crosses a flaky link is acknowledged.
   * Applies only to a server that loses a broken request's bytes; one that keeps them (tus) needs no such limit.
   */
  chunksPerRun?: number;
  /**
   * A chunk should last at least this many request round trips: each PATCH leaves the link idle for about one
   * (headers, the server's answer), so 20 keeps that wait near 5 % of the link time on a slow, distant link.
   */
  roundTripsPerChunk?: number;
  /** …but never longer than this, so a slow server (long HEADs) cannot leave the progress bar still for long. */
  longestChunkSeconds?: number;
}

/**
 * Chunk size from what the link actually does: its acknowledged throughput (bytes per second over a PATCH,
 * round trip included) and how many bytes it carries between failures. Small on a link cut every few seconds,
 * large on a good one; growth is at most ×2 per chunk (TCP-like slow start) so one fast answer cannot jump it.
 */
export class ChunkSizer {
  private readonly o: Required<ChunkSizerOptions>;
  private rate = 0;
  /** Smoothed bytes acknowledged between consecutive failures; null until the first failure. */
  private gap: number | null = null;
  /** Acknowledged since the last failure. */
  private run = 0;
  /** A failure whose run is still open: the next resume (HEAD) tells how far the broken request got. */
  private failurePending = false;
  /** Halved on each failure with nothing acknowledged since the last one (a server that keeps no partial bytes). */
  private cap = Infinity;
  private last: number;
  /** Smoothed duration of a body-less request (the resume HEAD): the link's round trip, server time included. */
  private roundTrip = 0;
  /**
   * Set once a resume after a failure found bytes of the broken request on the server: a cut then loses only
   * what was in flight, so chunks need not fit between cuts.
   */
  private keepsPartial = false;

  constructor(options: ChunkSizerOptions = {}) {
    this.o = {
      initialBytes: 64 * 1024,
      minBytes: 16 * 1024,
      maxBytes: 8 * 1024 * 1024,
      targetSeconds: 3,
      chunksPerRun: 2,
      roundTripsPerChunk: 20,
      longestChunkSeconds: 10,
      ...options,
    };
    this.last = this.o.initialBytes;
  }

  /** The server acknowledged `bytes` more; `seconds` is how long the request took (omit for a resume's HEAD). */
  acknowledged(bytes: number, seconds?: number): void {
    if (bytes <= 0) return;
    if (seconds !== undefined && seconds > 0) {
      const instant = bytes / seconds;
      this.rate = this.rate === 0 ? instant : 0.6 * this.rate + 0.4 * instant;
    }
    this.run += bytes;
    this.cap = Infinity;
    if (this.failurePending) {
      if (seconds === undefined) this.keepsPartial = true;
      this.closeRun();
    }
  }

  /** A request without a body (the resume HEAD) took `seconds`: the per-request cost every chunk pays. */
  roundTripTook(seconds: number): void {
    if (!(seconds > 0)) return;
    this.roundTrip = this.roundTrip === 0 ? seconds : 0.6 * this.roundTrip + 0.4 * seconds;
  }

  /** A request broke (cut, reset, 5xx, timeout); failures with nothing acknowledged between them end one run. */
  failed(): void {
    if (this.failurePending) this.cap = Math.max(this.o.minBytes, Math.floor(this.last / 2));
    this.failurePending = true;
  }

  private closeRun() {
    this.gap = this.gap === null ? this.run : 0.5 * this.gap + 0.5 * this.run;
    this.run = 0;
    this.failurePending = false;
  }

  /** Bytes for the next PATCH. */
  next(): number {
    const {
      minBytes,
      maxBytes,
      targetSeconds,
      chunksPerRun,
      initialBytes,
      roundTripsPerChunk,
      longestChunkSeconds,
    } = this.o;
    const seconds = Math.max(
      targetSeconds,
      Math.min(longestChunkSeconds, this.roundTrip * roundTripsPerChunk),
    );
    const byRate = this.rate > 0 ? this.rate * seconds : initialBytes;
    // A run longer than the remembered gap means the link got better: trust the longer one.
    const gap = this.gap === null || this.keepsPartial ? Infinity : Math.max(this.gap, this.run);
    const wanted = Math.min(byRate, gap / chunksPerRun, this.last * 2, this.cap);
    const size = Math.max(minBytes, Math.min(maxBytes, Math.floor(wanted / 1024) * 1024));
    this.last = size;
    return size;
  }
}
