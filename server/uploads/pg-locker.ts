import { createHash } from 'node:crypto';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import pg from 'pg';

/** The channel on which a node asks whichever node holds an upload's lock to let go of it. */
const releaseChannel = 'qabyldau_tus_lock_release';

export interface PostgresLockerOptions {
  connectionString: string;
  /** How long a request waits for an upload's lock before tus answers 500 (default 30 s, as @tus/server's). */
  acquireLockTimeoutMs?: number;
  /** Connections for held locks: one per upload request in flight on this node (default 20). */
  maxConnections?: number;
  /** How often a waiting request repeats its release request to the holder (default 1 s). */
  renotifyEveryMs?: number;
  onError?: (error: unknown) => void;
}

/** Session advisory locks take one bigint; the upload id's SHA-256 prefix keeps unrelated uploads apart. */
export function advisoryKey(uploadId: string): string {
  return createHash('sha256').update(`tus:${uploadId}`).digest().readBigInt64BE(0).toString();
}

const lockNotAvailable = '55P03';

/**
 * @tus/server's Locker across API nodes: an upload's lock is a PostgreSQL session advisory lock held on a
 * connection of its own for as long as the request (a PATCH, HEAD, DELETE) runs. A node that dies drops its
 * connections, so PostgreSQL frees its locks at once — no lease to expire, no stale lock file on the shared volume.
 *
 * tus's "request release" (a newer request for the same upload asks the holder to give up, so a half-open
 * connection cannot keep a resuming client out) crosses nodes by NOTIFY: every node LISTENs, and the holder's
 * node cancels the holding request, which then unlocks. PGlite is one process: it keeps tus's MemoryLocker.
 */
export class PostgresLocker implements Locker {
  readonly pool: pg.Pool;
  readonly timeoutMs: number;
  readonly renotifyEveryMs: number;
  /** Requests on this node holding an upload's lock, by upload id: what to call when another request wants it. */
  readonly held = new Map<string, RequestRelease>();
  private listener: Promise<pg.Client> | undefined;
  private closed = false;

  constructor(private readonly options: PostgresLockerOptions) {
    this.timeoutMs = options.acquireLockTimeoutMs ?? 30_000;
    this.renotifyEveryMs = options.renotifyEveryMs ?? 1000;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 20,
      connectionTimeoutMillis: this.timeoutMs,
      application_name: 'qabyldau-tus-locks',
    });
    // An idle pooled connection that PostgreSQL drops must not take the process down.
    this.pool.on('error', (error) => options.onError?.(error));
  }

  private readonly watched = new WeakSet<pg.PoolClient>();
  /** A held lock's connection can die (PostgreSQL restarts, the node is cut off): report it, never crash on it. */
  watch(client: pg.PoolClient): void {
    if (this.watched.has(client)) return;
    this.watched.add(client);
    client.on('error', (error) => this.options.onError?.(error));
  }

  newLock(id: string): Lock {
    return new PostgresLock(id, this);
  }

  /** Resolves once this node receives release requests (before it first holds a lock, so none is missed). */
  listening(): Promise<pg.Client> {
    this.listener ??= (async () => {
      const client = new pg.Client({
        connectionString: this.options.connectionString,
        application_name: 'qabyldau-tus-locks-listen',
      });
      client.on('notification', (message) => {
        if (message.channel !== releaseChannel || !message.payload) return;
        void Promise.resolve(this.held.get(message.payload)?.()).catch((error: unknown) =>
          this.options.onError?.(error),
        );
      });
      client.on('error', (error) => {
        // The next lock reconnects; meanwhile a holder here only misses release requests, never exclusion.
        this.listener = undefined;
        this.options.onError?.(error);
      });
      await client.connect();
      await client.query(`listen ${releaseChannel}`);
      return client;
    })().catch((error: unknown) => {
      this.listener = undefined;
      throw error;
    });
    return this.listener;
  }

  /** Asks the node holding `uploadId`'s lock (possibly this one) to release it. */
  async requestRelease(uploadId: string): Promise<void> {
    await this.pool.query('select pg_notify($1, $2)', [releaseChannel, uploadId]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const listener = await this.listener?.catch(() => undefined);
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

class PostgresLock implements Lock {
  private client: pg.PoolClient | undefined;
  private readonly key: string;

  constructor(
    private readonly id: string,
    private readonly locker: PostgresLocker,
  ) {
    this.key = advisoryKey(id);
  }

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    if (signal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
    await this.locker.listening();
    const client = await this.locker.pool.connect();
    this.locker.watch(client);
    try {
      if (!(await this.acquire(client, signal))) throw ERRORS.ERR_LOCK_TIMEOUT;
    } catch (error) {
      // A cancelled or timed-out wait leaves the connection usable, but a connection that failed is not reused.
      client.release(error === ERRORS.ERR_LOCK_TIMEOUT ? undefined : (error as Error));
      throw error === ERRORS.ERR_LOCK_TIMEOUT ? error : ERRORS.ERR_LOCK_TIMEOUT;
    }
    this.client = client;
    this.locker.held.set(this.id, requestRelease);
  }

  /** True once held; false when the wait timed out or `signal` aborted it (then nothing is held). */
  private async acquire(client: pg.PoolClient, signal: AbortSignal): Promise<boolean> {
    const tried = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [
      this.key,
    ]);
    if (tried.rows[0]!.ok) return true;
    const deadline = Date.now() + this.locker.timeoutMs;
    // Cancels the blocked statement when the request goes away: PostgreSQL answers 57014 and the loop ends.
    const cancel = () =>
      void this.locker.pool
        .query('select pg_cancel_backend($1)', [(client as unknown as { processID: number }).processID])
        .catch(() => undefined);
    signal.addEventListener('abort', cancel);
    try {
      while (!signal.aborted) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        // The holder may be a request whose client vanished: ask it to let go, then wait for PostgreSQL to hand
        // the lock over the moment it is free. The wait is sliced so the request repeats while the holder lingers.
        await this.locker.requestRelease(this.id);
        await client.query(`set lock_timeout = ${Math.max(1, Math.min(left, this.locker.renotifyEveryMs))}`);
        try {
          await client.query('select pg_advisory_lock($1::bigint)', [this.key]);
        } catch (error) {
          if ((error as { code?: string }).code === lockNotAvailable) continue;
          if (signal.aborted) return false;
          throw error;
        }
        if (!signal.aborted) return true;
        // Won the race against our own cancellation: give the lock straight back.
        await client.query('select pg_advisory_unlock($1::bigint)', [this.key]);
      }
      return false;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  async unlock(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('Releasing an unlocked lock!');
    this.client = undefined;
    if (this.locker.held.get(this.id)) this.locker.held.delete(this.id);
    try {
      await client.query('select pg_advisory_unlock($1::bigint)', [this.key]);
      client.release();
    } catch (error) {
      // Destroying the connection frees its advisory locks too.
      client.release(error as Error);
    }
  }
}
