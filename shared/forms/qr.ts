import QRCode from 'qrcode';
import type { PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';

// The QR code carries what a verifier needs and nothing personal: the form kind, the document number and the
// verification reference. Written as a query string so any scanner shows readable text and a parser needs no
// custom escaping; "QBL1" versions the format.
const PREFIX = 'QBL1?';

export interface QrContent {
  kind: string;
  number: string;
  ref: string;
}

export function qrPayload(content: QrContent): string {
  const q = new URLSearchParams({ k: content.kind, n: content.number, r: content.ref });
  return PREFIX + q.toString();
}

/** Inverse of `qrPayload`; `null` for text that is not one of ours. */
export function parseQrPayload(payload: string): QrContent | null {
  if (!payload.startsWith(PREFIX)) return null;
  const q = new URLSearchParams(payload.slice(PREFIX.length));
  const kind = q.get('k');
  const number = q.get('n');
  const ref = q.get('r');
  return kind && number && ref ? { kind, number, ref } : null;
}

/** The module matrix (true = dark), row-major, without the quiet zone. */
export function qrMatrix(payload: string): boolean[][] {
  // Level M survives a crease or a stamp over a corner and keeps the symbol small enough for a 3 cm print.
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, r) =>
    Array.from({ length: modules.size }, (_, c) => modules.get(r, c) === 1),
  );
}

/**
 * Draws the symbol as vector squares (isomorphic: no canvas), with the 4-module quiet zone the standard requires.
 * Horizontal runs are merged into one rectangle to keep the content stream short.
 */
export function drawQr(page: PDFPage, matrix: boolean[][], x: number, y: number, side: number): void {
  const n = matrix.length;
  const cell = side / (n + 8);
  const black = rgb(0, 0, 0);
  matrix.forEach((row, r) => {
    let c = 0;
    while (c < n) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && row[c]) c++;
      page.drawRectangle({
        x: x + (start + 4) * cell,
        y: y + side - (r + 5) * cell,
        width: (c - start) * cell,
        height: cell,
        color: black,
      });
    }
  });
}
