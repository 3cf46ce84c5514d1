import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EncryptedPDFError, PDFDocument, PDFNumber, PDFName } from 'pdf-lib';
import { AppError } from '@shared/errors';
import type { ScanConfig } from './config';

const run = promisify(execFile);

export interface PdfPage {
  pdf: Uint8Array;
  widthPt: number;
  heightPt: number;
  thumbnail: string | null;
}

/**
 * Splits an imported PDF into one-page PDFs, kept as they are (a born-digital certificate stays sharp and small).
 * Refuses what would hurt the desk or the server later: encrypted files (unreadable by the provider), broken files,
 * and bombs — a page tree claiming thousands of pages or pages kilometres wide.
 */
export async function splitPdf(bytes: Uint8Array, config: ScanConfig): Promise<PdfPage[]> {
  try {
    return await split(bytes, config);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // pdf-lib is lenient when parsing and fails later on what it let through.
    throw new AppError('scanning:pdf.corrupt', undefined, error instanceof Error ? error.message : String(error));
  }
}

async function split(bytes: Uint8Array, config: ScanConfig): Promise<PdfPage[]> {
  // Cheap look at the raw page-tree counts first, so a bomb never reaches the full parser.
  const text = new TextDecoder('latin1').decode(bytes);
  for (const m of text.matchAll(/\/Count\s+(\d{1,12})/g)) {
    const pages = Number(m[1]);
    if (pages > config.maxPagesPerFile) throw new AppError('scanning:file.tooManyPages', { pages, max: config.maxPagesPerFile });
  }
  if (/\/Encrypt\s/.test(text)) throw new AppError('scanning:pdf.encrypted');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw new AppError('scanning:pdf.encrypted');
    throw new AppError('scanning:pdf.corrupt', undefined, error instanceof Error ? error.message : String(error));
  }
  const count = doc.getPageCount();
  if (count === 0) throw new AppError('scanning:pdf.corrupt', undefined, 'no pages');
  if (count > config.maxPagesPerFile) throw new AppError('scanning:file.tooManyPages', { pages: count, max: config.maxPagesPerFile });
  const out: PdfPage[] = [];
  for (let i = 0; i < count; i++) {
    const page = doc.getPage(i);
    const unit = page.node.get(PDFName.of('UserUnit'));
    const scale = unit instanceof PDFNumber ? unit.asNumber() : 1;
    const { width, height } = page.getMediaBox();
    const w = Math.abs(width) * scale;
    const h = Math.abs(height) * scale;
    if (!(w > 0 && h > 0)) throw new AppError('scanning:pdf.corrupt', undefined, 'empty page box');
    if (w > config.maxPdfPageSidePt || h > config.maxPdfPageSidePt) throw new AppError('scanning:pdf.pageTooLarge', { page: i + 1 });
    const single = await PDFDocument.create({ updateMetadata: false });
    const [copy] = await single.copyPages(doc, [i]);
    single.addPage(copy!);
    const pdf = await single.save();
    const turned = page.getRotation().angle % 180 !== 0;
    out.push({ pdf, widthPt: turned ? h : w, heightPt: turned ? w : h, thumbnail: await pdfThumbnail(pdf, config) });
  }
  return out;
}

/** Draws a page with poppler when the desk has it; a bounded run, since a hostile page may be slow to draw. */
export async function pdfThumbnail(pdf: Uint8Array, config: ScanConfig): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'qabyldau-thumb-'));
  try {
    await writeFile(join(dir, 'p.pdf'), pdf, { mode: 0o600 });
    await run(config.pdftoppm, ['-jpeg', '-jpegopt', 'quality=60', '-scale-to', '180', '-singlefile', '-f', '1', '-l', '1', join(dir, 'p.pdf'), join(dir, 't')], {
      timeout: 5000,
    });
    return `data:image/jpeg;base64,${(await readFile(join(dir, 't.jpg'))).toString('base64')}`;
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
