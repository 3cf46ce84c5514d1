import { concatTransformationMatrix, degrees, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import sharp from 'sharp';
import { sha256Hex } from '@shared/crypto/sha256';
import type { BuiltDocument, PageEncoding, Rotation } from '@shared/scanning/bridge';
import type { ScanConfig } from './config';
import type { PageStore, StoredPage } from './page-store';
import { readTiffStrips } from './tiff-strips';

export interface DocumentPage {
  id: string;
  rotation: Rotation;
}

/**
 * One checklist document → one PDF. Text pages go in as CCITT G4 (bilevel), photo pages as grey JPEG; imported
 * PDF pages are copied as they are. No document information dictionary or XMP: nothing about the desk leaks.
 */
export async function buildDocument(pages: DocumentPage[], encoding: PageEncoding, store: PageStore, config: ScanConfig): Promise<BuiltDocument & { pdf: Uint8Array }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const item of pages) {
    const page = await store.get(item.id);
    if (page.info.kind === 'pdf') await addPdfPage(doc, page.body, item.rotation);
    else await addRasterPage(doc, page, item.rotation, encoding, config);
  }
  const pdf = await doc.save({ useObjectStreams: true });
  return { pdf, pdfBase64: Buffer.from(pdf).toString('base64'), sha256: await sha256Hex(pdf), size: pdf.length, pageCount: pages.length };
}

async function addPdfPage(doc: PDFDocument, body: Uint8Array, rotation: Rotation) {
  const source = await PDFDocument.load(body, { updateMetadata: false });
  const [copy] = await doc.copyPages(source, [0]);
  copy!.setRotation(degrees((copy!.getRotation().angle + rotation) % 360));
  doc.addPage(copy!);
}

async function addRasterPage(doc: PDFDocument, page: StoredPage & { body: Uint8Array }, rotation: Rotation, encoding: PageEncoding, config: ScanConfig) {
  const dpi = page.dpi ?? config.dpi;
  const turned = sharp(page.body).rotate(rotation);
  if (encoding === 'photo') {
    const { data, info } = await turned.jpeg({ quality: config.jpegQuality, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const image = await doc.embedJpg(data);
    const w = (info.width / dpi) * 72;
    const h = (info.height / dpi) * 72;
    doc.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
    return;
  }
  const tiff = await turned
    .threshold(config.bilevelThreshold)
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1 })
    .toBuffer();
  const t = readTiffStrips(new Uint8Array(tiff));
  const w = (t.width / dpi) * 72;
  const h = (t.height / dpi) * 72;
  const pdfPage = doc.addPage([w, h]);
  // libvips writes G4 in strips, each coded on its own; each becomes an image band drawn at its place.
  t.strips.forEach((strip, i) => {
    const rows = Math.min(t.rowsPerStrip, t.height - i * t.rowsPerStrip);
    const parms = { K: -1, Columns: t.width, Rows: rows, BlackIs1: t.photometric === 1 };
    const ref = doc.context.register(
      doc.context.stream(strip, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: t.width,
        Height: rows,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 1,
        Filter: 'CCITTFaxDecode',
        DecodeParms: parms,
      }),
    );
    const name = pdfPage.node.newXObject('Strip', ref);
    const bandH = (rows / dpi) * 72;
    const top = h - ((i * t.rowsPerStrip) / dpi) * 72;
    pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, bandH, 0, top - bandH), drawObject(name), popGraphicsState());
  });
}
