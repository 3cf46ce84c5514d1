import sharp from 'sharp';
import { AppError } from '@shared/errors';
import type { ScanConfig } from './config';

/** A page ready for the store: grey, at no more than the configured dpi, EXIF-oriented, metadata gone. */
export interface RasterPage {
  png: Uint8Array;
  thumbnail: string;
  widthPt: number;
  heightPt: number;
  dpi: number;
}

const A4_LONG_INCHES = 297 / 25.4;
/** A source density is believed only if it is a scanning resolution and gives a page no bigger than A3 (+5 %). */
const A3_LONG_INCHES = (420 / 25.4) * 1.05;
const MIN_SCAN_DPI = 100;
const THUMB_WIDTH = 180;

type Metadata = Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;

async function headerOf(bytes: Uint8Array, config: ScanConfig, page: number): Promise<Metadata> {
  try {
    // metadata() reads headers only; nothing is decoded here.
    return await sharp(bytes, { page, limitInputPixels: config.maxPixels }).metadata();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(text)) throw new AppError('scanning:image.tooLarge', { megapixels: Math.round(config.maxPixels / 1e6) }, text);
    throw new AppError('scanning:image.corrupt', undefined, text);
  }
}

/**
 * Pages in an image file (multi-page TIFF has several), refusing bombs before anything is decoded: every page's
 * header is read and checked against the per-page limit, and their sum against the per-file budget.
 */
export async function imagePageCount(bytes: Uint8Array, config: ScanConfig, signal?: AbortSignal): Promise<number> {
  const first = await headerOf(bytes, config, 0);
  const pages = first.pages ?? 1;
  if (pages > config.maxPagesPerFile) throw new AppError('scanning:file.tooManyPages', { pages, max: config.maxPagesPerFile });
  let total = 0;
  for (let page = 0; page < pages; page++) {
    if (signal?.aborted) throw new AppError('scanning:job.importCancelled');
    const meta = page === 0 ? first : await headerOf(bytes, config, page);
    const w = meta.width ?? 0;
    const h = pages > 1 ? (meta.pageHeight ?? meta.height ?? 0) : (meta.height ?? 0);
    if (!w || !h) throw new AppError('scanning:image.corrupt');
    if (w * h > config.maxPixels) throw new AppError('scanning:image.tooLarge', { megapixels: Math.round(config.maxPixels / 1e6) });
    total += w * h;
    if (total > config.maxPixelsPerFile) throw new AppError('scanning:image.fileTooLarge', { megapixels: Math.round(config.maxPixelsPerFile / 1e6) });
  }
  return pages;
}

/**
 * The density a page is drawn at. Scanners report theirs. A file's own density is believed only when it is a
 * scanning resolution and gives at most an A3 page: cameras and phones write 72 dpi into every photo, which would
 * make a 4000-pixel photo a 55-inch page. Otherwise the longest side is taken to be an A4 page, which is what a
 * photo of a document almost always is.
 */
export function pageDensity(widthPx: number, heightPx: number, fileDensity: number | undefined, sourceDpi?: number): number {
  if (sourceDpi) return sourceDpi;
  const longest = Math.max(widthPx, heightPx);
  if (fileDensity && fileDensity >= MIN_SCAN_DPI && fileDensity <= 2400 && longest / fileDensity <= A3_LONG_INCHES) return fileDensity;
  return longest / A4_LONG_INCHES;
}

/** One page, normalised; `sourceDpi` is known for scanner output (see pageDensity for files). */
export async function rasterPage(bytes: Uint8Array, page: number, config: ScanConfig, sourceDpi?: number): Promise<RasterPage> {
  try {
    const input = sharp(bytes, { page, limitInputPixels: config.maxPixels, failOn: 'truncated' }).timeout({ seconds: config.pageTimeoutSeconds });
    const meta = await input.metadata();
    const oriented = meta.orientation && meta.orientation >= 5 ? { w: meta.height, h: meta.width } : { w: meta.width, h: meta.height };
    const pageHeight = meta.pageHeight ?? oriented.h;
    const w = oriented.w ?? 0;
    const h = meta.pages && meta.pages > 1 ? pageHeight : (oriented.h ?? 0);
    if (!w || !h) throw new AppError('scanning:image.corrupt');
    const density = pageDensity(w, h, meta.density, sourceDpi);
    const scale = Math.min(1, config.dpi / density);
    const outW = Math.max(1, Math.round(w * scale));
    const outH = Math.max(1, Math.round(h * scale));
    const dpi = density * scale;
    const grey = await input
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(outW, outH, { fit: 'fill', kernel: 'lanczos3' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: grey.info.width, height: grey.info.height, channels: 1 as const } };
    const [png, thumb] = await Promise.all([
      sharp(grey.data, raw).png({ compressionLevel: 1 }).toBuffer(),
      sharp(grey.data, raw).resize(THUMB_WIDTH).jpeg({ quality: 60 }).toBuffer(),
    ]);
    return {
      png: new Uint8Array(png),
      thumbnail: `data:image/jpeg;base64,${thumb.toString('base64')}`,
      widthPt: (grey.info.width / dpi) * 72,
      heightPt: (grey.info.height / dpi) * 72,
      dpi,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const text = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(text)) throw new AppError('scanning:image.tooLarge', { megapixels: Math.round(config.maxPixels / 1e6) }, text);
    throw new AppError('scanning:image.corrupt', undefined, text);
  }
}
