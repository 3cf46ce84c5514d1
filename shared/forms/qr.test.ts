import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { rasterise, writeTempPdf } from './poppler.testkit';
import { parseQrPayload, qrMatrix, qrPayload } from './qr';
import { renderForm } from './render';
import { sampleForms } from './samples';

const font = new Uint8Array(readFileSync(new URL('./fonts/DejaVuSans.ttf', import.meta.url)));

describe('QR payload', () => {
  it('round-trips kind, number and reference, including Cyrillic and separators', () => {
    const content = {
      kind: 'refusal',
      number: 'ҚР-2024/0417 & №5',
      ref: 'https://verify.qabyldau.kz/r/0b91?x=1&y=ә',
    };
    const payload = qrPayload(content);
    expect(payload.startsWith('QBL1?')).toBe(true);
    expect(parseQrPayload(payload)).toEqual(content);
  });

  it('does not mistake foreign text for a payload', () => {
    expect(parseQrPayload('https://example.kz/?k=licence&n=1&r=2')).toBeNull();
    expect(parseQrPayload('QBL1?k=licence&n=1')).toBeNull();
  });
});

/** Finds a QR finder pattern (7×7 ring, 3×3 core) whose top-left corner is at (x, y) with side `side`. */
function isFinder(dark: (x: number, y: number) => boolean, x: number, y: number, side: number): boolean {
  const m = side / 7;
  const at = (cx: number, cy: number) => dark(Math.round(x + cx * m), Math.round(y + cy * m));
  // Outer ring dark, white ring light, core dark: sampled at module centres.
  for (let i = 0; i < 7; i++) {
    if (!at(i + 0.5, 0.5) || !at(i + 0.5, 6.5) || !at(0.5, i + 0.5) || !at(6.5, i + 0.5)) return false;
  }
  for (let i = 1; i < 6; i++) {
    if (at(i + 0.5, 1.5) || at(i + 0.5, 5.5) || at(1.5, i + 0.5) || at(5.5, i + 0.5)) return false;
  }
  return at(3.5, 3.5) && at(2.5, 2.5) && at(4.5, 4.5);
}

/** Reads the module grid of the QR symbol on a rendered page, located by its top finder patterns. */
async function readQrGrid(png: string, size: number): Promise<boolean[][]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const dark = (x: number, y: number) => (data[y * info.width + x] ?? 255) < 128;
  const finders: { x: number; y: number; side: number }[] = [];
  for (let y = 0; y < info.height && finders.length < 2; y++) {
    let x = 0;
    while (x < info.width && finders.length < 2) {
      if (!dark(x, y) || (x > 0 && dark(x - 1, y))) {
        x++;
        continue;
      }
      let end = x;
      while (end < info.width && dark(end, y)) end++;
      const side = end - x;
      if (side >= 14 && isFinder(dark, x, y, side)) finders.push({ x, y, side });
      x = end;
    }
  }
  if (finders.length < 2) throw new Error('QR finder patterns not found');
  const [tl, tr] = finders as [
    { x: number; y: number; side: number },
    { x: number; y: number; side: number },
  ];
  // Top-left and top-right finders share their top edge.
  if (Math.abs(tl.y - tr.y) > 1 || tr.x <= tl.x) throw new Error('QR finder patterns misplaced');
  const m = (tr.x + tr.side - tl.x) / size;
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) =>
      dark(Math.round(tl.x + (c + 0.5) * m), Math.round(tl.y + (r + 0.5) * m)),
    ),
  );
}

describe('QR on the printed form', () => {
  it.each(['licence', 'queue-notification'] as const)(
    'the %s symbol matches the payload module for module',
    async (kind) => {
      const data = sampleForms[kind];
      const pdf = await renderForm(kind, data, { lang: 'kk', font });
      const png = rasterise(writeTempPdf(pdf, `qr-${kind}`), 200);
      const expected = qrMatrix(qrPayload({ kind, number: data.number, ref: data.verificationRef }));
      const grid = await readQrGrid(png, expected.length);
      const wrong = grid.flatMap((row, r) => row.filter((v, c) => v !== expected[r]![c])).length;
      expect(wrong).toBe(0);
      // Control: the same reading against another number's symbol of the same size disagrees.
      const other = qrMatrix(qrPayload({ kind, number: `${data.number}9`, ref: data.verificationRef }));
      if (other.length === expected.length) {
        expect(grid.flatMap((row, r) => row.filter((v, c) => v !== other[r]![c])).length).toBeGreaterThan(20);
      }
    },
  );
});
