import { children, expectTag, octets, oidText, readTlv, TAG, type Tlv } from './der';

/**
 * The fields of a CMS SignedData (RFC 5652 §5) the verifier judges, as byte slices of the received DER. Shape
 * errors throw (DerError); the caller names them `malformed/unparseable` as the pkijs parse did.
 */
export interface CmsFields {
  contentType: string;
  /** Present only when contentType is signedData. */
  signedData?: {
    hasEContent: boolean;
    /** Every certificate (the X.509 CHOICE, a SEQUENCE) carried in `certificates`. */
    certificates: Tlv[];
    signerInfos: SignerFields[];
  };
}

export interface SignerFields {
  /** null: identified by subjectKeyIdentifier, not by issuer and serial. */
  sid: { issuer: Tlv; serial: Uint8Array } | null;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** The [0] IMPLICIT signedAttrs element as received. */
  signedAttrs: Tlv | null;
  attributes: { type: string; values: Tlv[] }[];
  signature: Uint8Array;
}

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

export function readCms(der: Uint8Array): CmsFields {
  const top = readTlv(der);
  if (top.next !== der.length) throw new Error('trailing bytes');
  const [typeTlv, explicit] = children(expectTag(top, TAG.sequence));
  const contentType = oidText(typeTlv);
  if (contentType !== OID_SIGNED_DATA) return { contentType };
  const [sd] = children(expectTag(explicit, TAG.context0));
  const parts = children(expectTag(sd, TAG.sequence));
  let i = 0;
  expectTag(parts[i++], TAG.integer);
  expectTag(parts[i++], TAG.set);
  const encap = children(expectTag(parts[i++], TAG.sequence));
  oidText(encap[0]);
  const hasEContent = encap[1]?.tag === TAG.context0;
  let certificates: Tlv[] = [];
  if (parts[i]?.tag === TAG.context0)
    certificates = children(parts[i++]!).filter((c) => c.tag === TAG.sequence);
  if (parts[i]?.tag === TAG.context1) i++;
  const signerInfos = children(expectTag(parts[i++], TAG.set)).map(readSignerInfo);
  if (i !== parts.length) throw new Error('unexpected SignedData field');
  return { contentType, signedData: { hasEContent, certificates, signerInfos } };
}

function readSignerInfo(tlv: Tlv): SignerFields {
  const parts = children(expectTag(tlv, TAG.sequence));
  let i = 0;
  expectTag(parts[i++], TAG.integer);
  const sidTlv = parts[i++];
  let sid: SignerFields['sid'] = null;
  if (sidTlv?.tag === TAG.sequence) {
    const [issuer, serial] = children(sidTlv);
    sid = { issuer: expectTag(issuer, TAG.sequence), serial: expectTag(serial, TAG.integer).content };
  } else if (sidTlv?.tag !== TAG.context0Primitive) throw new Error('bad signer identifier');
  const digestAlgorithm = oidText(children(expectTag(parts[i++], TAG.sequence))[0]);
  let signedAttrs: Tlv | null = null;
  let attributes: SignerFields['attributes'] = [];
  if (parts[i]?.tag === TAG.context0) {
    signedAttrs = parts[i++]!;
    attributes = children(signedAttrs).map((a) => {
      const [type, values] = children(expectTag(a, TAG.sequence));
      return { type: oidText(type), values: children(expectTag(values, TAG.set)) };
    });
  }
  const signatureAlgorithm = oidText(children(expectTag(parts[i++], TAG.sequence))[0]);
  const signature = octets(parts[i++]);
  if (parts[i]?.tag === TAG.context1) i++;
  if (i !== parts.length) throw new Error('unexpected SignerInfo field');
  return { sid, digestAlgorithm, signatureAlgorithm, signedAttrs, attributes, signature };
}

/** A certificate's issuer Name and serial INTEGER content, as encoded in it. */
export function certificateIssuerAndSerial(cert: Tlv): { issuer: Tlv; serial: Uint8Array } {
  const [tbs] = children(expectTag(cert, TAG.sequence));
  const fields = children(expectTag(tbs, TAG.sequence));
  let i = fields[0]?.tag === TAG.context0 ? 1 : 0;
  const serial = expectTag(fields[i++], TAG.integer).content;
  expectTag(fields[i++], TAG.sequence);
  return { issuer: expectTag(fields[i], TAG.sequence), serial };
}
