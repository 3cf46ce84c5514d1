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
const THUMB_WIDTH = 180;

/** Pages in an image file (multi-page TIFF has several), refusing bombs before anything is decoded. */
export async function imagePageCount(bytes: Uint8Array, config: ScanConfig): Promise<number> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: config.maxPixels }).metadata();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(text)) throw new AppError('scanning:image.tooLarge', { megapixels: Math.round(config.maxPixels / 1e6) }, text);
    throw new AppError('scanning:image.corrupt', undefined, text);
  }
  if (!meta.width || !meta.height) throw new AppError('scanning:image.corrupt');
  if (meta.width * meta.height > config.maxPixels) throw new AppError('scanning:image.tooLarge', { megapixels: Math.round((meta.width * meta.height) / 1e6) });
  const pages = meta.pages ?? 1;
  if (pages > config.maxPagesPerFile) throw new AppError('scanning:file.tooManyPages', { pages, max: config.maxPagesPerFile });
  return pages;
}

/**
 * `sourceDpi` is known for scanner output; for files it comes from the image's density or, failing that, from
 * assuming the longest side is an A4 page, which is what a phone photo of a document almost always is.
 */
export async function rasterPage(bytes: Uint8Array, page: number, config: ScanConfig, sourceDpi?: number): Promise<RasterPage> {
  try {
    const input = sharp(bytes, { page, limitInputPixels: config.maxPixels, failOn: 'truncated' });
    const meta = await input.metadata();
    const oriented = meta.orientation && meta.orientation >= 5 ? { w: meta.height, h: meta.width } : { w: meta.width, h: meta.height };
    const pageHeight = meta.pageHeight ?? oriented.h;
    const w = oriented.w ?? 0;
    const h = meta.pages && meta.pages > 1 ? pageHeight : (oriented.h ?? 0);
    if (!w || !h) throw new AppError('scanning:image.corrupt');
    const density = sourceDpi ?? (meta.density && meta.density >= 50 && meta.density <= 2400 ? meta.density : Math.max(w, h) / A4_LONG_INCHES);
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
