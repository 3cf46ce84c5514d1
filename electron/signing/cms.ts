import forge from 'node-forge';

/**
 * Detached CMS SignedData (RSA PKCS#1 v1.5, SHA-256) with signed attributes contentType, messageDigest and
 * signingTime, the signer certificate embedded. forge builds it; we only fix the one thing forge gets wrong.
 *
 * forge #847: when it writes SignerInfo.issuerAndSerialNumber it re-encodes the issuer Name from its parsed
 * attributes, and for UTF8String values (every Cyrillic НУЦ РК issuer) it UTF-8-encodes bytes that are already
 * UTF-8. The issuer then no longer matches the certificate and every verifier (openssl, pkijs) reports
 * "signer certificate not found". The research's workaround decodes the values first; we go one step further and
 * splice in the issuer Name exactly as the certificate carries it, which also survives multi-valued RDNs and
 * string types forge would otherwise normalise. The issuer is outside the signed attributes, so the signature is
 * unaffected by the splice.
 */

export interface CmsSignInput {
  content: Uint8Array;
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** Extra certificates to embed (issuing CA); optional. */
  extraCertificates?: forge.pki.Certificate[];
  signingTime: Date;
}

// forge's own converter (binary.raw.encode) spreads every byte into one String.fromCharCode call and overflows the
// stack somewhere above 100 KB; latin1 through Buffer maps bytes 1:1 to forge's "binary string" with no recursion.
const toBinary = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const fromBinary = (binary: string) => new Uint8Array(Buffer.from(binary, 'latin1'));

export function createDetachedCms(input: CmsSignInput): Uint8Array {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(toBinary(input.content));
  p7.addCertificate(input.certificate);
  for (const extra of input.extraCertificates ?? []) p7.addCertificate(extra);
  p7.addSigner({
    key: input.privateKey as unknown as string,
    certificate: input.certificate,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.messageDigest! },
      // forge's typings want a string, but its encoder takes the Date and writes UTCTime/GeneralizedTime itself
      { type: forge.pki.oids.signingTime!, value: input.signingTime as unknown as string },
    ],
  });
  p7.sign({ detached: true });

  const contentInfo = p7.toAsn1();
  spliceSignerIssuer(contentInfo, input.certificate);
  return fromBinary(forge.asn1.toDer(contentInfo).getBytes());
}

type Node = forge.asn1.Asn1 & { value: forge.asn1.Asn1[] };

/** ContentInfo → [0] → SignedData → signerInfos (last SET) → each SignerInfo → issuerAndSerialNumber → issuer. */
function spliceSignerIssuer(contentInfo: forge.asn1.Asn1, certificate: forge.pki.Certificate): void {
  const tbs = (certificate as unknown as { tbsCertificate?: Node }).tbsCertificate ?? ((forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): Node }).getTBSCertificate(certificate));
  // TBSCertificate: [0] version (explicit, optional), serialNumber, signature, issuer, ...
  const hasVersion = tbs.value[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC;
  const issuer = tbs.value[hasVersion ? 3 : 2];
  const signedData = (contentInfo as Node).value[1]?.value[0] as Node | undefined;
  const signerInfos = signedData?.value[signedData.value.length - 1] as Node | undefined;
  if (!issuer || !signerInfos) throw new Error('unexpected CMS structure from forge');
  for (const signerInfo of signerInfos.value as Node[]) {
    const sid = signerInfo.value[1] as Node;
    sid.value[0] = issuer;
  }
}
