// Scanning: pages per second from a raw 300-dpi scanner frame to a stored PDF, and bytes per page for a text
// page (bilevel G4) and a photo page (grey JPEG), each beside the 500 KB/page grey-JPEG baseline of issue 6.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildDocument } from '../../electron/scan/build-pdf';
import { scanConfigSchema } from '../../electron/scan/config';
import { ingest } from '../../electron/scan/ingest';
import { ephemeralPageStore } from '../../electron/scan/page-store';
import { photoPage, textPage } from '../../electron/scan/testkit/pages';
import type { BenchFigure } from './types';

const BASELINE = { name: 'grey JPEG 200 dpi, 500 KB/page', value: 500 };
const PAGES = 6;

/** What scanimage --format=tiff hands over: uncompressed grey at 300 dpi. */
const rawFrame = async (encoded: Buffer) => sharp(encoded).greyscale().tiff({ compression: 'none' }).toBuffer();

export default async function scanBench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qabyldau-scan-bench-'));
  try {
    const config = scanConfigSchema.parse({ dataDir: dir });
    const store = ephemeralPageStore(join(dir, 'pages'));
    const text = await rawFrame(await textPage(300, 'png'));
    const photo = await rawFrame(await photoPage(300, 'png'));
    const perPage = async (frame: Buffer, encoding: 'text' | 'photo') => {
      const ids = [];
      for (let i = 0; i < PAGES; i++) ids.push(...(await ingest({ bytes: frame, source: 'sane', origin: 'bench', sourceDpi: 300, trusted: true }, store, config)));
      return buildDocument(ids.map((p) => ({ id: p.id, rotation: 0 as const })), encoding, store, config);
    };
    await perPage(text, 'text'); // warm-up: libvips and pdf-lib start-up
    const t0 = performance.now();
    const textDoc = await perPage(text, 'text');
    const textSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const photoDoc = await perPage(photo, 'photo');
    const photoSeconds = (performance.now() - t1) / 1000;
    return [
      { name: `text pages/s, raw 300-dpi frame → stored PDF (${PAGES} pages)`, value: PAGES / textSeconds, unit: 'pages/s' },
      { name: `photo pages/s, raw 300-dpi frame → stored PDF (${PAGES} pages)`, value: PAGES / photoSeconds, unit: 'pages/s' },
      { name: 'text page, bilevel G4 at 200 dpi', value: textDoc.size / PAGES / 1000, unit: 'KB/page', baseline: BASELINE },
      { name: `photo page, grey JPEG q${config.jpegQuality} at 200 dpi`, value: photoDoc.size / PAGES / 1000, unit: 'KB/page', baseline: BASELINE },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
