import sharp from 'sharp';

/**
 * Synthetic paper for tests and the benchmark: a typed A4 page (dark text on off-white, like a scanned form)
 * and a photo-like page (smooth shading plus grain), at any dpi, as raw grey or encoded files.
 */
export function textPageSvg(dpi: number, lines = 48): string {
  const w = Math.round((210 / 25.4) * dpi);
  const h = Math.round((297 / 25.4) * dpi);
  const s = dpi / 200;
  const rows = Array.from({ length: lines }, (_, i) => {
    const y = Math.round((180 + i * 42) * s);
    return `<text x="${Math.round(140 * s)}" y="${y}" font-size="${Math.round(24 * s)}" font-family="DejaVu Sans" fill="#1e1e1e">${i + 1}. Өтініш беруші туралы мәліметтер — Сведения о заявителе, ИИН 900101300126, ${2020 + (i % 5)} ж.</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f2efe6"/><rect x="${Math.round(120 * s)}" y="${Math.round(100 * s)}" width="${Math.round(1400 * s)}" height="${Math.round(2100 * s)}" fill="none" stroke="#333" stroke-width="${Math.max(1, Math.round(3 * s))}"/>${rows}</svg>`;
}

export async function textPage(dpi: number, format: 'png' | 'jpeg' | 'raw' = 'png'): Promise<Buffer> {
  const img = sharp(Buffer.from(textPageSvg(dpi)), { density: 72 }).flatten({ background: '#ffffff' }).greyscale();
  if (format === 'raw') return img.raw().toBuffer();
  return format === 'png' ? img.png().withMetadata({ density: dpi }).toBuffer() : img.jpeg({ quality: 92 }).withMetadata({ density: dpi }).toBuffer();
}

export async function photoPage(dpi: number, format: 'png' | 'jpeg' = 'jpeg'): Promise<Buffer> {
  const w = Math.round((210 / 25.4) * dpi);
  const h = Math.round((297 / 25.4) * dpi);
  const grain = await sharp({ create: { width: Math.round(w / 8), height: Math.round(h / 8), channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .blur(3)
    .resize(w, h)
    .composite([{ input: await sharp({ create: { width: w, height: h, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } } }).png().toBuffer(), blend: 'overlay' }])
    .png()
    .toBuffer();
  const img = sharp(grain).withMetadata({ density: dpi });
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 90 }).toBuffer();
}

/**
 * A TIFF that claims `pages` pages of `width`×`height` 8-bit grey pixels in a few kilobytes: every IFD points at
 * the same tiny deflate strip. Headers are valid; decoding it would be the bomb.
 */
export function claimedPixelTiff(pages: number, width: number, height: number): Buffer {
  const entries = 9;
  const ifdSize = 2 + entries * 12 + 4;
  const strip = Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  const stripOffset = 8;
  const firstIfd = stripOffset + strip.length;
  const out = Buffer.alloc(firstIfd + pages * ifdSize);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(firstIfd, 4);
  strip.copy(out, stripOffset);
  for (let p = 0; p < pages; p++) {
    let at = firstIfd + p * ifdSize;
    out.writeUInt16LE(entries, at);
    at += 2;
    const tag = (id: number, type: 3 | 4, value: number) => {
      out.writeUInt16LE(id, at);
      out.writeUInt16LE(type, at + 2);
      out.writeUInt32LE(1, at + 4);
      if (type === 3) out.writeUInt16LE(value, at + 8);
      else out.writeUInt32LE(value, at + 8);
      at += 12;
    };
    tag(256, 4, width); // ImageWidth
    tag(257, 4, height); // ImageLength
    tag(258, 3, 8); // BitsPerSample
    tag(259, 3, 8); // Compression: deflate
    tag(262, 3, 1); // PhotometricInterpretation: black is zero
    tag(273, 4, stripOffset); // StripOffsets
    tag(277, 3, 1); // SamplesPerPixel
    tag(278, 4, height); // RowsPerStrip
    tag(279, 4, strip.length); // StripByteCounts
    out.writeUInt32LE(p + 1 < pages ? firstIfd + (p + 1) * ifdSize : 0, at);
  }
  return out;
}
