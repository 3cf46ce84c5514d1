import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { buildDocument } from './build-pdf';
import { scanConfigSchema } from './config';
import { ingest } from './ingest';
import { sniffType } from './magic';
import { ephemeralPageStore } from './page-store';
import { claimedPixelTiff, photoPage, textPage } from './testkit/pages';
import { pageDensity } from './raster';

const dir = mkdtempSync(join(tmpdir(), 'qabyldau-scan-'));
const config = scanConfigSchema.parse({ dataDir: dir, maxPagesPerFile: 50 });
const store = ephemeralPageStore(join(dir, 'pages'));
mkdirSync(store.dir, { recursive: true });
const file = (bytes: Uint8Array, origin: string) => ingest({ bytes, source: 'file', origin }, store, config);

async function refused(p: Promise<unknown>): Promise<string> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('file types by magic bytes', () => {
  it('tells JPEG, PNG, TIFF and PDF apart whatever the name says', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(sniffType(png)).toBe('png');
    expect(sniffType(await sharp(png).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffType(await sharp(png).tiff().toBuffer())).toBe('tiff');
    expect(sniffType(await (await PDFDocument.create()).save())).toBe('pdf');
    expect(sniffType(new TextEncoder().encode('MZ not a document'))).toBeNull();
  });
});

describe('hostile and broken inputs', () => {
  it('refuses a 0-byte file, an unknown type and a file over the limit', async () => {
    expect(await refused(file(new Uint8Array(), 'empty.pdf'))).toBe('scanning:file.empty');
    expect(await refused(file(new TextEncoder().encode('#!/bin/sh\nrm -rf /'), 'scan.jpg'))).toBe('scanning:file.unsupported');
    const small = scanConfigSchema.parse({ dataDir: dir, maxFileBytes: 1000 });
    const code = await refused(ingest({ bytes: await textPage(100, 'png'), source: 'file', origin: 'big.png' }, store, small));
    expect(code).toBe('scanning:file.tooLarge');
  });

  it('refuses a truncated JPEG', async () => {
    const jpeg = await textPage(150, 'jpeg');
    expect(await refused(file(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'cut.jpg'))).toBe('scanning:image.corrupt');
  });

  it('imports a PNG named .pdf as the image it is', async () => {
    const pages = await file(await textPage(150, 'png'), 'actually-a-png.pdf');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.kind).toBe('raster');
    expect(pages[0]!.widthPt).toBeCloseTo(595, -1);
  });

  it('refuses a PDF bomb: a page tree claiming a million pages, and a page miles wide', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([600, 800]);
    const bytes = await doc.save({ useObjectStreams: false });
    const text = new TextDecoder('latin1').decode(bytes).replace(/\/Count 1\b/, '/Count 1000000');
    expect(await refused(file(new Uint8Array(Buffer.from(text, 'latin1')), 'bomb.pdf'))).toBe('scanning:file.tooManyPages');
    const wide = await PDFDocument.create();
    const page = wide.addPage([14_000, 14_000]);
    page.node.set(PDFName.of('UserUnit'), PDFNumber.of(75_000));
    expect(await refused(file(await wide.save(), 'wide.pdf'))).toBe('scanning:pdf.pageTooLarge');
  });

  it('refuses corrupt, encrypted and truncated PDFs', async () => {
    expect(await refused(file(new TextEncoder().encode('%PDF-1.7\n garbage without objects'), 'broken.pdf'))).toBe('scanning:pdf.corrupt');
    const doc = await PDFDocument.create();
    doc.addPage();
    const text = new TextDecoder('latin1').decode(await doc.save({ useObjectStreams: false }));
    const encrypted = text.replace('trailer\n<<', 'trailer\n<<\n/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>');
    expect(await refused(file(new Uint8Array(Buffer.from(encrypted, 'latin1')), 'locked.pdf'))).toBe('scanning:pdf.encrypted');
    const two = await PDFDocument.create();
    two.addPage().drawText('one');
    two.addPage();
    const full = await two.save();
    expect(await refused(file(full.subarray(0, Math.floor(full.length * 0.6)), 'truncated.pdf'))).toBe('scanning:pdf.corrupt');
  });

  it('refuses an image whose pixel count is a decompression bomb', async () => {
    const tight = scanConfigSchema.parse({ dataDir: dir, maxPixels: 1_000_000 });
    const big = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(await refused(ingest({ bytes: big, source: 'file', origin: 'big.png' }, store, tight))).toBe('scanning:image.tooLarge');
  });
});

describe('pixel budget, cancellation and page size', () => {
  it('refuses a few-KB TIFF claiming 100 pages of 100 Mpx from its headers, before decoding anything', async () => {
    const bomb = claimedPixelTiff(100, 10_000, 10_000);
    expect(bomb.length).toBeLessThan(16 * 1024);
    const before = readdirSync(store.dir).length;
    const defaults = scanConfigSchema.parse({ dataDir: dir });
    expect(await refused(ingest({ bytes: bomb, source: 'file', origin: 'bomb.tif' }, store, defaults))).toBe('scanning:image.fileTooLarge');
    // one page over the per-page limit is refused as such
    expect(await refused(file(claimedPixelTiff(1, 20_000, 10_000), 'one.tif'))).toBe('scanning:image.tooLarge');
    expect(readdirSync(store.dir)).toHaveLength(before);
  });

  it('stops an import that was cancelled and stores none of its pages', async () => {
    const abort = new AbortController();
    abort.abort();
    const before = readdirSync(store.dir).length;
    const code = await refused(ingest({ bytes: await textPage(100, 'png'), source: 'file', origin: 'x.png', signal: abort.signal }, store, config));
    expect(code).toBe('scanning:job.importCancelled');
    expect(readdirSync(store.dir)).toHaveLength(before);
  });

  it('fits a 72-dpi phone photo to A4 instead of a 42-inch page, and keeps a real scanning resolution', async () => {
    const photo = await sharp({ create: { width: 1512, height: 2016, channels: 3, background: '#ddd' } }).jpeg().withMetadata({ density: 72 }).toBuffer();
    const [page] = await file(photo, 'phone.jpg');
    expect(Math.round(page!.heightPt)).toBe(842);
    expect(Math.abs(page!.widthPt - (841.9 * 1512) / 2016)).toBeLessThan(1);
    expect(pageDensity(1512, 2016, 72)).toBeCloseTo(2016 / (297 / 25.4), 3);
    expect(pageDensity(2480, 3508, 300)).toBe(300);
    expect(pageDensity(1000, 1000, 300, 150)).toBe(150);
  });
});

describe('pages to documents', () => {
  it('splits a multi-page TIFF and a PDF into pages and keeps PDF pages as vectors', async () => {
    const a = await sharp(await textPage(100, 'png')).toBuffer();
    const tiff = await sharp([a, a, a], { join: { animated: true } }).tiff().toBuffer().catch(async () => {
      // Older libvips: build the multi-page TIFF from a tall strip with pageHeight.
      const meta = await sharp(a).metadata();
      const tall = await sharp(a).extend({ bottom: meta.height! * 2, extendWith: 'repeat' }).raw().toBuffer({ resolveWithObject: true });
      return sharp(tall.data, { raw: { ...tall.info, pageHeight: meta.height! } as never }).tiff().toBuffer();
    });
    const tiffPages = await file(tiff, 'three.tif');
    expect(tiffPages).toHaveLength(3);
    expect(tiffPages.map((p) => p.originPage)).toEqual([1, 2, 3]);

    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]).drawText('one');
    pdf.addPage([842, 595]).drawText('two');
    const pdfPages = await file(await pdf.save(), 'two.pdf');
    expect(pdfPages.map((p) => [p.kind, Math.round(p.widthPt)])).toEqual([['pdf', 595], ['pdf', 842]]);
    expect(pdfPages[0]!.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('stores a 200-dpi text page at ≤ 150 KB as bilevel and a photo page as grey JPEG, in one PDF with its SHA-256', async () => {
    const [text] = await file(await textPage(300, 'png'), 'text.png');
    const [photo] = await file(await photoPage(300), 'photo.jpg');
    const textDoc = await buildDocument([{ id: text!.id, rotation: 0 }], 'text', store, config);
    expect(textDoc.size).toBeLessThanOrEqual(150 * 1024);
    const photoDoc = await buildDocument([{ id: photo!.id, rotation: 90 }], 'photo', store, config);
    expect(photoDoc.size).toBeGreaterThan(textDoc.size);
    const parsed = await PDFDocument.load(photoDoc.pdf);
    const { width, height } = parsed.getPage(0).getSize();
    expect(width).toBeGreaterThan(height); // rotated a quarter turn
    const digest = createHash('sha256').update(photoDoc.pdf).digest('hex');
    expect(photoDoc.sha256).toBe(digest);
    expect(new TextDecoder('latin1').decode(textDoc.pdf)).toContain('/CCITTFaxDecode');
    expect(new TextDecoder('latin1').decode(textDoc.pdf)).not.toMatch(/\/Producer|\/Creator/);

    const both = await buildDocument([{ id: text!.id, rotation: 0 }, { id: photo!.id, rotation: 180 }], 'photo', store, config);
    expect((await PDFDocument.load(both.pdf)).getPageCount()).toBe(2);
  });
});
