/**
 * Reads the strips of a single-image TIFF as written by libvips: enough of the format to lift CCITT G4 data
 * out unchanged and put it in a PDF, which decodes G4 natively.
 */
export interface TiffStrips {
  width: number;
  height: number;
  rowsPerStrip: number;
  photometric: number;
  compression: number;
  strips: Uint8Array[];
}

export function readTiffStrips(tiff: Uint8Array): TiffStrips {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const le = tiff[0] === 0x49;
  const u16 = (o: number) => view.getUint16(o, le);
  const u32 = (o: number) => view.getUint32(o, le);
  const ifd = u32(4);
  const tags = new Map<number, number[]>();
  for (let i = 0, n = u16(ifd); i < n; i++) {
    const e = ifd + 2 + i * 12;
    const type = u16(e + 2);
    const count = u32(e + 4);
    const size = type === 3 ? 2 : 4;
    const at = count * size <= 4 ? e + 8 : u32(e + 8);
    const values: number[] = [];
    for (let k = 0; k < count; k++) values.push(size === 2 ? u16(at + k * 2) : u32(at + k * 4));
    tags.set(u16(e), values);
  }
  const one = (tag: number, fallback?: number) => {
    const v = tags.get(tag)?.[0] ?? fallback;
    if (v === undefined) throw new Error(`TIFF tag ${tag} missing`);
    return v;
  };
  const offsets = tags.get(273) ?? [];
  const counts = tags.get(279) ?? [];
  if (offsets.length === 0 || offsets.length !== counts.length) throw new Error('TIFF strips missing');
  const height = one(257);
  return {
    width: one(256),
    height,
    rowsPerStrip: Math.min(one(278, height), height),
    photometric: one(262, 0),
    compression: one(259, 1),
    strips: offsets.map((o, i) => tiff.subarray(o, o + (counts[i] as number))),
  };
}
