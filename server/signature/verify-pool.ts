import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { VerifyInput, VerifyResult } from './verify';

/**
 * CMS verification on worker threads, so a busy API uses every core: the event loop keeps parsing requests and
 * talking to the database while signatures are checked beside it (issue #18 item 2: one core could not reach
 * 200 verified submissions/s). A hand-written pool rather than piscina: the task is one message type, the pool
 * is ~100 lines, and it adds no dependency to the server's runtime.
 *
 * Backpressure: at most `maxQueued` checks wait per thread; beyond that `verify` answers `null` at once and the
 * route answers 503, which the workstation's sync engine retries with backoff, instead of letting latency grow
 * without bound. Threads are unref'd (they never keep the process alive) and stop after `idleMs` without work.
 */
export type PoolTask = Omit<VerifyInput, 'crls'> & { crlFiles: string[] };

interface Pending {
  resolve: (r: VerifyResult) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  idle?: NodeJS.Timeout;
}

export interface VerifyPoolOptions {
  threads?: number;
  maxQueued?: number;
  idleMs?: number;
}

export class VerifyPool {
  readonly #threads: (Thread | undefined)[];
  readonly #maxQueued: number;
  readonly #idleMs: number;
  #nextId = 0;

  constructor(options: VerifyPoolOptions = {}) {
    this.#threads = new Array<Thread | undefined>(
      Math.max(1, options.threads ?? Math.min(4, availableParallelism())),
    ).fill(undefined);
    this.#maxQueued = options.maxQueued ?? 64;
    this.#idleMs = options.idleMs ?? 30_000;
  }

  /** The verdict, or null when every thread already has `maxQueued` checks waiting. */
  verify(task: PoolTask): Promise<VerifyResult> | null {
    let best = -1;
    for (let i = 0; i < this.#threads.length; i++) {
      const load = this.#threads[i]?.pending.size ?? 0;
      if (best === -1 || load < (this.#threads[best]?.pending.size ?? 0)) best = i;
    }
    const thread = this.#threads[best] ?? this.#start(best);
    if (thread.pending.size >= this.#maxQueued) return null;
    if (thread.idle) clearTimeout(thread.idle);
    thread.idle = undefined;
    const id = this.#nextId++;
    return new Promise<VerifyResult>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, task });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((t, i) => t && this.#stop(i, t)));
  }

  #start(index: number): Thread {
    // The server runs under tsx (package.json scripts); the thread registers tsx itself before loading the
    // TypeScript verifier (on Node 20 a worker's `--import tsx` does not reach its own entry module).
    const entry = new URL('./verify-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true });
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; result?: VerifyResult; error?: string }) => {
      const p = thread.pending.get(m.id);
      thread.pending.delete(m.id);
      if (m.result) p?.resolve(m.result);
      else p?.reject(new Error(`signature verification failed: ${m.error}`));
      if (thread.pending.size === 0)
        thread.idle = setTimeout(() => void this.#stop(index, thread), this.#idleMs).unref();
    });
    const fail = (error: Error) => {
      if (this.#threads[index] === thread) this.#threads[index] = undefined;
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`verification thread exited (${code})`)));
    this.#threads[index] = thread;
    return thread;
  }

  async #stop(index: number, thread: Thread): Promise<void> {
    if (thread.pending.size > 0) return;
    if (this.#threads[index] === thread) this.#threads[index] = undefined;
    if (thread.idle) clearTimeout(thread.idle);
    await thread.worker.terminate();
  }
}
