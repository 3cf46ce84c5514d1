import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCAN_RETENTION_DAYS, sweepScanFiles } from './retention';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scan-retention-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const day = 24 * 60 * 60 * 1000;
async function file(path: string, writtenAt: number) {
  await writeFile(path, 'sealed bytes');
  await utimes(path, writtenAt / 1000, writtenAt / 1000);
}

describe('scan retention', () => {
  it('deletes scanned pages and archived hot-folder scans older than the retention, nothing else', async () => {
    const now = Date.parse('2026-06-30T12:00:00Z');
    const pages = join(dir, 'scan-pages');
    const hot = join(dir, 'hot-folder');
    await mkdir(pages, { recursive: true });
    await mkdir(join(hot, 'done'), { recursive: true });
    await mkdir(join(hot, 'refused'), { recursive: true });
    const old = now - (SCAN_RETENTION_DAYS + 1) * day;
    const fresh = now - (SCAN_RETENTION_DAYS - 1) * day;
    await file(join(pages, 'a.page'), old);
    await file(join(pages, 'b.page'), fresh);
    await file(join(pages, 'notes.txt'), old);
    await file(join(hot, 'done', 'x.sealed'), old);
    await file(join(hot, 'done', 'y.sealed'), fresh);
    await file(join(hot, 'refused', 'z.pdf'), old);

    expect(await sweepScanFiles({ pagesDir: pages, hotFolderDir: hot, now })).toEqual({
      pages: 1,
      archived: 1,
    });
    expect((await readdir(pages)).sort()).toEqual(['b.page', 'notes.txt']);
    expect(await readdir(join(hot, 'done'))).toEqual(['y.sealed']);
    expect(await readdir(join(hot, 'refused'))).toEqual(['z.pdf']);
    // the clock moves on: the fresh ones go too
    expect(await sweepScanFiles({ pagesDir: pages, hotFolderDir: hot, now: now + 2 * day })).toEqual({
      pages: 1,
      archived: 1,
    });
  });

  it('is a no-op before anything was scanned', async () => {
    expect(
      await sweepScanFiles({
        pagesDir: join(dir, 'none'),
        hotFolderDir: join(dir, 'none2'),
        now: Date.now(),
      }),
    ).toEqual({ pages: 0, archived: 0 });
  });
});
