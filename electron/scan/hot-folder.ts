import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type AppErrorData } from '@shared/errors';
import type { PageInfo } from '@shared/scanning/bridge';

/** Names scanners and copy tools use while a file is still being written; the final rename makes it visible. */
const temporaryName = /^[.~]|\.(part|partial|tmp|temp|crdownload|download|lock)$/i;

export interface HotFolderPoll {
  folder: string;
  pages: PageInfo[];
  rejected: { fileName: string; error: AppErrorData }[];
  waiting: number;
}

/**
 * The folder a scanner saves into. A file is taken once its size and mtime have stayed the same for `stableMs`
 * across polls (a scanner writing over SMB gives no other sign it has finished). Taken files move to `done/`,
 * refused ones to `refused/`: the original scan is never deleted.
 */
export class HotFolder {
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>();
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly take: (bytes: Uint8Array, fileName: string) => Promise<PageInfo[]>,
    private readonly stableMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  poll(): Promise<HotFolderPoll> {
    const next = this.busy.then(() => this.pollOnce());
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async pollOnce(): Promise<HotFolderPoll> {
    await mkdir(this.dir, { recursive: true });
    const result: HotFolderPoll = { folder: this.dir, pages: [], rejected: [], waiting: 0 };
    const names = (await readdir(this.dir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name).sort();
    const present = new Set(names);
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    for (const name of names) {
      if (temporaryName.test(name)) {
        result.waiting++;
        continue;
      }
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      const before = this.seen.get(name);
      const now = this.now();
      if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
        this.seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
        result.waiting++;
        continue;
      }
      if (now - before.since < this.stableMs) {
        result.waiting++;
        continue;
      }
      this.seen.delete(name);
      try {
        result.pages.push(...(await this.take(new Uint8Array(await readFile(path)), name)));
        await this.moveTo('done', name);
      } catch (error) {
        const data = error instanceof AppError ? error.toJSON() : new AppError('scanning:file.unreadable', { name }).toJSON();
        result.rejected.push({ fileName: name, error: data });
        await this.moveTo('refused', name);
      }
    }
    return result;
  }

  private async moveTo(sub: 'done' | 'refused', name: string) {
    await mkdir(join(this.dir, sub), { recursive: true });
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    await rename(join(this.dir, name), join(this.dir, sub, `${stamp}-${name}`)).catch(() => undefined);
  }
}
