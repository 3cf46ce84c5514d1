import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Purpose limitation for scans on the desk: a scanned page exists to become an attachment of an application, and
 * the hot folder's `done/` archive only to recover a scan the operator mis-filed. Once the application is queued
 * the renderer holds its own sealed copy (and deletes it after the API verified it), so the host's copies have no
 * purpose left after a few days; they are identity documents and are deleted then.
 */
export const SCAN_RETENTION_DAYS = 7;

const dayMs = 24 * 60 * 60 * 1000;

export interface ScanSweepResult {
  pages: number;
  archived: number;
}

/** Deletes files in `dir` whose last write is older than `maxAgeMs` at `now`; returns how many went. */
async function sweepDir(
  dir: string,
  now: number,
  maxAgeMs: number,
  isOurs: (name: string) => boolean,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0; // nothing scanned yet
  }
  let removed = 0;
  for (const name of names) {
    if (!isOurs(name)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < maxAgeMs) continue;
    await rm(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}

/**
 * One retention pass over the page store and the hot folder's `done/` archive (only files the host itself wrote:
 * `*.page`, `*.sealed`; `refused/` and the inbox are the operator's and stay as they were put there).
 */
export async function sweepScanFiles(o: {
  pagesDir: string;
  hotFolderDir: string;
  now: number;
  retentionDays?: number;
}): Promise<ScanSweepResult> {
  const maxAgeMs = (o.retentionDays ?? SCAN_RETENTION_DAYS) * dayMs;
  return {
    pages: await sweepDir(o.pagesDir, o.now, maxAgeMs, (n) => n.endsWith('.page')),
    archived: await sweepDir(join(o.hotFolderDir, 'done'), o.now, maxAgeMs, (n) => n.endsWith('.sealed')),
  };
}

/** Runs the sweep now and then every six hours for the host's lifetime (the timer does not keep the process up). */
export function scheduleScanSweep(o: {
  pagesDir: string;
  hotFolderDir: string;
  retentionDays?: number;
  now?: () => number;
  log?: (line: string) => void;
}): () => void {
  const run = () =>
    void sweepScanFiles({ ...o, now: (o.now ?? Date.now)() })
      .then(
        (r) =>
          r.pages + r.archived > 0 &&
          o.log?.(`scan retention: removed ${r.pages} page(s), ${r.archived} archived scan(s)`),
      )
      .catch((e: unknown) => o.log?.(`scan retention failed: ${String(e)}`));
  run();
  const timer = setInterval(run, 6 * 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
