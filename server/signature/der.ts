/**
 * A minimal reader of DER/BER tag-length-value elements, for the few fixed fields the verifier takes out of a CMS
 * SignedData and a certificate. Why not pkijs here: building pkijs' schema objects and matching them costs
 * ≈6 ms per submission (most of the API's verification time, profiled with `node --cpu-prof`), while the verifier
 * only needs byte slices it then checks with node:crypto. pkijs still parses what is parsed once and memoised
 * (trust anchors, CRLs, each distinct signer certificate) — see server/signature/verify.ts.
 *
 * Every read is bounds-checked and throws `DerError` on anything out of shape; indefinite lengths (BER) are
 * accepted for constructed elements, as pkijs accepted them.
 */
export class DerError extends Error {}

export interface Tlv {
  /** The identifier octet (single-byte tags only: every tag CMS and X.509 use here is below 31). */
  tag: number;
  /** The whole element, header included. */
  raw: Uint8Array;
  /** The content octets (for an indefinite length: without the end-of-contents marker). */
  content: Uint8Array;
}

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
  context1: 0xa1,
  context0Primitive: 0x80,
} as const;

/** Reads the element at `offset`; `end` is where it must finish at the latest. */
export function readTlv(bytes: Uint8Array, offset = 0, end = bytes.length): Tlv & { next: number } {
  if (offset + 2 > end) throw new DerError('truncated');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tag');
  let pos = offset + 1;
  const first = bytes[pos++]!;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new DerError('indefinite primitive');
    const start = pos;
    while (true) {
      if (pos + 2 > end) throw new DerError('missing end-of-contents');
      if (bytes[pos] === 0 && bytes[pos + 1] === 0) break;
      pos = readTlv(bytes, pos, end).next;
    }
    return { tag, raw: bytes.subarray(offset, pos + 2), content: bytes.subarray(start, pos), next: pos + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || pos + count > end) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++]!;
  }
  if (pos + length > end) throw new DerError('truncated');
  return {
    tag,
    raw: bytes.subarray(offset, pos + length),
    content: bytes.subarray(pos, pos + length),
    next: pos + length,
  };
}

/** The children of a constructed element. */
export function children(parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new DerError('not constructed');
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < parent.content.length) {
    const child = readTlv(parent.content, pos);
    out.push(child);
    pos = child.next;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected tag ${tag.toString(16)}`);
  return tlv;
}

/** Dotted OBJECT IDENTIFIER text. */
export function oidText(tlv: Tlv | undefined): string {
  const c = expectTag(tlv, TAG.oid).content;
  if (c.length === 0) throw new DerError('empty oid');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of c) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new DerError('oid arc too large');
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  if (c[c.length - 1]! & 0x80) throw new DerError('truncated oid');
  const head = arcs.shift()!;
  const top = head < 40 ? 0 : head < 80 ? 1 : 2;
  return [top, head - top * 40, ...arcs].join('.');
}

/** The octets of an OCTET STRING, primitive or (BER) constructed of primitive segments. */
export function octets(tlv: Tlv | undefined): Uint8Array {
  if (tlv?.tag === TAG.octetString) return tlv.content;
  if (tlv?.tag === (TAG.octetString | 0x20)) return Buffer.concat(children(tlv).map((c) => octets(c)));
  throw new DerError('expected octet string');
}

/** UTCTime / GeneralizedTime (UTC, "Z") as a Date; null for another tag. */
export function timeValue(tlv: Tlv): Date | null {
  const text = Buffer.from(tlv.content).toString('latin1');
  if (tlv.tag === TAG.utcTime) {
    const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
    if (!m) throw new DerError('bad UTCTime');
    const yy = Number(m[1]);
    return utc(yy >= 50 ? 1900 + yy : 2000 + yy, m[2]!, m[3]!, m[4]!, m[5]!, m[6] ?? '0', '');
  }
  if (tlv.tag === TAG.generalizedTime) {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(text);
    if (!m) throw new DerError('bad GeneralizedTime');
    return utc(Number(m[1]), m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7] ?? '');
  }
  return null;
}

function utc(
  year: number,
  month: string,
  day: string,
  hour: string,
  minute: string,
  second: string,
  fraction: string,
): Date {
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const date = new Date(
    Date.UTC(year, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms),
  );
  if (Number.isNaN(date.getTime())) throw new DerError('bad time');
  return date;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
