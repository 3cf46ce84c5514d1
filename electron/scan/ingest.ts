import { AppError } from '@shared/errors';
import type { PageInfo, PageSource } from '@shared/scanning/bridge';
import type { ScanConfig } from './config';
import { sniffType } from './magic';
import type { PageStore } from './page-store';
import { splitPdf } from './pdf-import';
import { imagePageCount, rasterPage } from './raster';

export interface IngestInput {
  bytes: Uint8Array;
  source: PageSource;
  /** File name or device, shown beside the page. */
  origin: string;
  /** Known for scanner output. */
  sourceDpi?: number;
  /** Scanner frames: uncompressed and large by nature, so the import size limit does not apply. */
  trusted?: boolean;
  /** Cancels the import between pages (a scanner job's cancel, a closed request); nothing is stored after it. */
  signal?: AbortSignal;
}

/**
 * Any accepted file or scanner frame → normalised pages in the store. All checks run before the first page is
 * stored, so a refused file leaves nothing half-imported.
 */
export async function ingest(input: IngestInput, store: PageStore, config: ScanConfig): Promise<PageInfo[]> {
  const { bytes } = input;
  if (bytes.length === 0) throw new AppError('scanning:file.empty', { name: input.origin });
  if (bytes.length > config.maxFileBytes && !input.trusted)
    throw new AppError('scanning:file.tooLarge', { name: input.origin, maxMb: Math.floor(config.maxFileBytes / 1024 / 1024) });
  const type = sniffType(bytes);
  if (!type) throw new AppError('scanning:file.unsupported', { name: input.origin });
  const base = { source: input.source, origin: input.origin.slice(0, 300) };

  if (type === 'pdf') {
    const pages = await splitPdf(bytes, config);
    const out: PageInfo[] = [];
    for (const [i, p] of pages.entries())
      out.push(await store.put({ ...base, originPage: i + 1, kind: 'pdf', widthPt: p.widthPt, heightPt: p.heightPt, thumbnail: p.thumbnail }, p.pdf, null));
    return out;
  }

  const count = await imagePageCount(bytes, config, input.signal);
  const rasters = [];
  for (let page = 0; page < count; page++) {
    if (input.signal?.aborted) throw new AppError('scanning:job.importCancelled');
    rasters.push(await rasterPage(bytes, page, config, input.sourceDpi));
  }
  if (input.signal?.aborted) throw new AppError('scanning:job.importCancelled');
  const out: PageInfo[] = [];
  for (const [i, r] of rasters.entries())
    out.push(await store.put({ ...base, originPage: i + 1, kind: 'raster', widthPt: r.widthPt, heightPt: r.heightPt, thumbnail: r.thumbnail }, r.png, r.dpi));
  return out;
}
