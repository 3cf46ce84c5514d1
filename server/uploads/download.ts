import contentDisposition from 'content-disposition';

/** Types a downloaded attachment may keep; anything else is served as opaque bytes (never rendered as HTML/SVG). */
const keptTypes = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/webp']);

export const downloadType = (declared: string | null | undefined) =>
  declared && keptTypes.has(declared) ? declared : 'application/octet-stream';

/**
 * A file name safe to put in a header and to save under: no control or line-break characters, no path
 * separators, at most 200 characters; Kazakh and Russian names survive (RFC 5987 `filename*`).
 */
export function safeFileName(name: string | null | undefined): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/[\\/]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const short = [...cleaned].slice(0, 200).join('');
  return short.replace(/^\.+$/, '') || 'attachment';
}

/** `attachment; filename="<latin-1 fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 + RFC 5987). */
export const attachmentDisposition = (name: string | null | undefined) =>
  contentDisposition(safeFileName(name), { type: 'attachment' });
