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
