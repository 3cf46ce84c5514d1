import { join } from 'node:path';
import { z } from 'zod';

/** Scanning limits and encoding; defaults suit A4 paperwork on a weak link (issue 6: text ≤ 150 KB/page at 200 dpi). */
export const scanConfigSchema = z.object({
  dataDir: z.string().min(1),
  dpi: z.number().int().min(72).max(600).default(200),
  jpegQuality: z.number().int().min(1).max(100).default(60),
  /** Grey level (0–255) under which a pixel of a text page becomes black. */
  bilevelThreshold: z.number().int().min(1).max(254).default(170),
  maxFileBytes: z.number().int().positive().default(20 * 1024 * 1024),
  maxPagesPerFile: z.number().int().positive().default(200),
  /** Decoded pixels per image: a 600-dpi A3 page is 70 Mpx; anything far beyond is a decompression bomb. */
  maxPixels: z.number().int().positive().default(120_000_000),
  /**
   * Decoded pixels per file, all pages together, read from the headers before anything is decoded: a 28 KB TIFF
   * can claim 100 pages of 100 Mpx each. 600 Mpx is 70 A4 pages at 300 dpi.
   */
  maxPixelsPerFile: z.number().int().positive().default(600_000_000),
  /** A single page's decode is abandoned after this long (libvips' own timeout), whatever the file claims. */
  pageTimeoutSeconds: z.number().int().positive().default(60),
  /** Largest PDF page side in points (PDF's own limit is 14 400 pt = 200 in). */
  maxPdfPageSidePt: z.number().positive().default(14_400),
  /** How long the hot folder waits with an unchanged size before a file counts as written. */
  hotFolderStableMs: z.number().int().nonnegative().default(1500),
  scanimage: z.string().default('scanimage'),
  pdftoppm: z.string().default('pdftoppm'),
});
export type ScanConfig = z.infer<typeof scanConfigSchema>;
export type ScanConfigInput = z.input<typeof scanConfigSchema>;

export const scanPaths = (dataDir: string) => ({
  inbox: join(dataDir, 'inbox'),
  hotFolder: join(dataDir, 'hot-folder'),
  pages: join(dataDir, 'scan-pages'),
  /** A centre-local SANE configuration (e.g. `net` hosts); when present it is searched before the system one. */
  saneConfig: join(dataDir, 'sane.d'),
});
