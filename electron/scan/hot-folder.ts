import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type AppErrorData } from '@shared/errors';
import type { PageInfo } from '@shared/scanning/bridge';
import { writePrivateFile } from '../fs/private-files';
import type { FileCipher } from '../secrets/envelope';

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
 * across polls (a scanner writing over SMB gives no other sign it has finished). A taken file is kept in `done/`
 * sealed with the host's data key (it is a scan of someone's documents) and its clear copy removed; refused ones
 * move to `refused/` as they are, for the operator to look at (they are not valid scans). The original scan is never
 * lost: `openArchived` gives it back.
 */
export class HotFolder {
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>();
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly take: (bytes: Uint8Array, fileName: string) => Promise<PageInfo[]>,
    private readonly stableMs: number,
    private readonly archive: FileCipher,
    private readonly now: () => number = Date.now,
  ) {}

  /** The original bytes of a file in `done/` (by its archived name); a changed file is refused as tampered. */
  async openArchived(archivedName: string): Promise<Buffer> {
    return this.archive.open(await readFile(join(this.dir, 'done', archivedName)), `qabyldau hot-folder ${archivedName}`);
  }

  poll(): Promise<HotFolderPoll> {
    const next = this.busy.then(() => this.pollOnce());
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async pollOnce(): Promise<HotFolderPoll> {
    // Private when the host creates it; an administrator may open it to a scanner's account afterwards.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
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
      let bytes: Uint8Array | null = null;
      try {
        bytes = new Uint8Array(await readFile(path));
        result.pages.push(...(await this.take(bytes, name)));
      } catch (error) {
        const data = error instanceof AppError ? error.toJSON() : new AppError('scanning:file.unreadable', { name }).toJSON();
        result.rejected.push({ fileName: name, error: data });
        await this.moveTo('refused', name);
        continue;
      }
      await this.archiveDone(name, bytes);
    }
    return result;
  }

  private async archiveDone(name: string, bytes: Uint8Array) {
    // The scanner's file name may itself be personal (scanners are often set to name files by ИИН): not kept in clear.
    const archived = `${this.stamp()}-${randomUUID()}.sealed`;
    await writePrivateFile(join(this.dir, 'done', archived), this.archive.seal(bytes, `qabyldau hot-folder ${archived}`));
    await rm(join(this.dir, name), { force: true });
  }

  private stamp() {
    return new Date(this.now()).toISOString().replace(/[:.]/g, '-');
  }

  private async moveTo(sub: 'refused', name: string) {
    await mkdir(join(this.dir, sub), { recursive: true, mode: 0o700 });
    await rename(join(this.dir, name), join(this.dir, sub, `${this.stamp()}-${name}`)).catch(() => undefined);
  }
}
