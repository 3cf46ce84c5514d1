import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { PageInfo, ScanJob } from '@shared/scanning/bridge';

export interface JobContext {
  readonly signal: AbortSignal;
  addPage(page: PageInfo): void;
  setProgress(percent: number | null): void;
}

interface Job {
  view: ScanJob;
  abort: AbortController;
  settled: Promise<void>;
}

/**
 * Scanner runs the renderer polls. A job's pages are recorded as each one is stored, so whatever ends the run —
 * a jam, a pulled cable, a cancel — the pages already scanned stay in the job's answer.
 */
export class ScanJobs {
  private readonly jobs = new Map<string, Job>();

  start(run: (ctx: JobContext) => Promise<void>): ScanJob {
    const abort = new AbortController();
    const view: ScanJob = { jobId: randomUUID(), state: 'running', progress: null, pages: [], error: null };
    const ctx: JobContext = {
      signal: abort.signal,
      addPage: (page) => void view.pages.push(page),
      setProgress: (p) => void (view.progress = p === null ? null : Math.max(0, Math.min(100, p))),
    };
    const settled = run(ctx).then(
      () => void (view.state = abort.signal.aborted ? 'cancelled' : 'done'),
      (error: unknown) => {
        if (abort.signal.aborted) view.state = 'cancelled';
        else {
          view.state = 'failed';
          view.error = (error instanceof AppError ? error : new AppError('scanning:scanner.failed', { detail: String(error).slice(0, 200) })).toJSON();
        }
      },
    );
    this.jobs.set(view.jobId, { view, abort, settled: settled.then(() => void (view.progress = null)) });
    return this.status(view.jobId);
  }

  status(jobId: string): ScanJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('scanning:job.unknown');
    return structuredClone(job.view);
  }

  async cancel(jobId: string): Promise<ScanJob> {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('scanning:job.unknown');
    if (job.view.state === 'running') job.abort.abort();
    await job.settled;
    return this.status(jobId);
  }

  /** Waits for the end of a job; tests and the hot paths that need a final answer use it. */
  async settled(jobId: string): Promise<ScanJob> {
    await this.jobs.get(jobId)?.settled;
    return this.status(jobId);
  }
}
