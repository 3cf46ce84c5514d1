/** File types the import accepts, told apart by their first bytes: a name or extension proves nothing. */
export type FileType = 'jpeg' | 'png' | 'tiff' | 'pdf';

export function sniffType(bytes: Uint8Array): FileType | null {
  const b = (i: number) => bytes[i];
  if (bytes.length >= 3 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b(i) === v)) return 'png';
  if (bytes.length >= 4 && ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)))
    return 'tiff';
  // PDF readers accept the header anywhere in the first KiB; so do we, but nowhere else.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  return null;
}
