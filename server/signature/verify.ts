/**
 * Server-side verification of an application's detached CMS signature.
 *
 * Library choice: node-forge cannot verify CMS (`verify()` throws "not yet implemented", forge #1088) and has no
 * CRL support, so parsing goes through pkijs/asn1js (PeculiarVentures, actively maintained, keeps the original
 * bytes of signed attributes and Names, decodes Cyrillic UTF8String DNs correctly). We deliberately do NOT use
 * pkijs' all-in-one `SignedData.verify`: it folds every failure into one boolean/exception, while the API must
 * answer with a precise machine-readable reason. So each step is done explicitly — the digest with WebCrypto
 * SHA-256, the RSA PKCS#1 v1.5 signature with Node's own crypto (OpenSSL underneath, the same primitive
 * `openssl cms -verify` uses), the chain and CRL signatures with pkijs — in an order that names the first failure.
 */
import { X509Certificate, verify as rsaVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from '../../shared/crypto/sha256';
import { describeCertificate, parseCertificate, pemBlocks, serialHex } from '../../shared/signing/certificate';
import { crlIssuedBy, findRevocation, KEY_COMPROMISE, parseCrl } from '../../shared/signing/crl';
import { findTrustedIssuer, signerProblem } from '../../shared/signing/policy';
import type { CertificateInfo } from '../../shared/signing/schemas';

export const verifyFailureReasons = [
  'bad-signature',
  'digest-mismatch',
  'untrusted-chain',
  'revoked',
  'expired',
  'iin-mismatch',
  'bin-mismatch',
  /** Signed with the AUTH key (clientAuth / no nonRepudiation) instead of the SIGN key. */
  'wrong-key-usage',
  /** No current CRL from the issuing CA: unknown is never treated as "not revoked". */
  'revocation-unknown',
  'malformed',
] as const;
export type VerifyFailureReason = (typeof verifyFailureReasons)[number];

export interface VerifiedSigner {
  certificate: CertificateInfo;
  /** The signingTime signed attribute (ISO); the moment validity and revocation were judged at. */
  signedAt: string;
  /** The signer certificate DER, base64, so the stored application can be re-verified later. */
  certificateBase64: string;
}

export type VerifyResult = { ok: true; signer: VerifiedSigner } | { ok: false; reason: VerifyFailureReason; detail?: string };

export interface VerifyInput {
  manifestBytes: Uint8Array;
  cmsDer: Uint8Array;
  trustedCaPems: string[];
  /** CRLs (DER or PEM) available to the server; the one signed by the issuing CA is used. */
  crls: Uint8Array[];
  expectedIin: string;
  expectedBin?: string;
  /** Verification time (default: now); a signingTime later than this plus skew is rejected. */
  now?: Date;
  maxClockSkewSeconds?: number;
}

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_DATA = '1.2.840.113549.1.7.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const RSA_SIGNATURE_OIDS = new Set(['1.2.840.113549.1.1.1', '1.2.840.113549.1.1.11']);

const fail = (reason: VerifyFailureReason, detail?: string): VerifyResult => ({ ok: false, reason, ...(detail ? { detail } : {}) });

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export async function verifyApplicationSignature(input: VerifyInput): Promise<VerifyResult> {
  const now = input.now ?? new Date();

  // 1. structure
  let signedData: pkijs.SignedData;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(input.cmsDer as Uint8Array<ArrayBuffer>);
    if (contentInfo.contentType !== OID_SIGNED_DATA) return fail('malformed', 'not-signed-data');
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return fail('malformed', 'unparseable');
  }
  if (signedData.signerInfos.length !== 1) return fail('malformed', 'signer-count');
  // detached only: the manifest the server received is the content, never something carried inside the CMS
  if (signedData.encapContentInfo.eContent) return fail('malformed', 'attached-content');
  const signerInfo = signedData.signerInfos[0]!;
  if (signerInfo.digestAlgorithm.algorithmId !== OID_SHA256) return fail('malformed', 'digest-algorithm');
  if (!RSA_SIGNATURE_OIDS.has(signerInfo.signatureAlgorithm.algorithmId)) return fail('malformed', 'signature-algorithm');
  const signedAttrs = signerInfo.signedAttrs;
  if (!signedAttrs) return fail('malformed', 'no-signed-attributes');
  const attr = (oid: string) => signedAttrs.attributes.filter((a) => a.type === oid);
  const [contentType, messageDigest, signingTime] = [attr(OID_CONTENT_TYPE), attr(OID_MESSAGE_DIGEST), attr(OID_SIGNING_TIME)];
  if (contentType.length !== 1 || messageDigest.length !== 1 || signingTime.length !== 1) return fail('malformed', 'signed-attributes');
  const contentTypeValue = contentType[0]!.values[0] as unknown;
  if (!(contentTypeValue instanceof asn1js.ObjectIdentifier) || contentTypeValue.getValue() !== OID_DATA) {
    return fail('malformed', 'content-type');
  }
  const digestValue = messageDigest[0]!.values[0] as unknown;
  if (!(digestValue instanceof asn1js.OctetString)) return fail('malformed', 'message-digest');
  const timeValue = signingTime[0]!.values[0] as unknown;
  if (!(timeValue instanceof asn1js.UTCTime || timeValue instanceof asn1js.GeneralizedTime)) return fail('malformed', 'signing-time');
  const signedAt = timeValue.toDate();
  if (signedAt.getTime() > now.getTime() + (input.maxClockSkewSeconds ?? 300) * 1000) return fail('malformed', 'signing-time-in-future');

  // 2. the signer certificate, by exact issuer Name + serial (a mis-encoded issuer, forge #847, fails here)
  if (!(signerInfo.sid instanceof pkijs.IssuerAndSerialNumber)) return fail('malformed', 'signer-identifier');
  const sid = signerInfo.sid;
  const signer = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate && c.issuer.isEqual(sid.issuer) && toHex(c.serialNumber.valueBlock.valueHexView) === toHex(sid.serialNumber.valueBlock.valueHexView),
  );
  if (!signer) return fail('malformed', 'signer-certificate-not-found');
  const signerDer = new Uint8Array(signer.toSchema().toBER(false));

  // 3. the content: messageDigest must be SHA-256 of exactly the received manifest bytes
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input.manifestBytes as Uint8Array<ArrayBuffer>));
  if (!bytesEqual(digest, digestValue.valueBlock.valueHexView)) return fail('digest-mismatch');

  // 4. the signature over the DER SET OF signed attributes (RFC 5652 §5.4: re-tag [0] IMPLICIT as SET)
  const signedBytes = new Uint8Array(signedAttrs.encodedValue.slice(0));
  signedBytes[0] = 0x31;
  let signatureOk = false;
  try {
    const publicKey = new X509Certificate(signerDer).publicKey;
    signatureOk = rsaVerify('sha256', signedBytes, publicKey, signerInfo.signature.valueBlock.valueHexView);
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return fail('bad-signature');

  // 5. chain to a configured trusted CA, judged at signing time
  const trustedCas = input.trustedCaPems.flatMap((pem) => pemBlocks(pem)).map(parseCertificate);
  const issuer = await findTrustedIssuer(signer, trustedCas, signedAt);
  if (!issuer) return fail('untrusted-chain');

  // 6. validity period, key purpose, ИИН/БИН — the same rules the workstation applied before signing
  const info = await describeCertificate(signerDer);
  const problem = signerProblem(info, { at: signedAt, expectedIin: input.expectedIin, expectedBin: input.expectedBin });
  if (problem?.reason === 'expired' || problem?.reason === 'not-yet-valid') return fail('expired');
  if (problem?.reason === 'wrong-key-usage') return fail('wrong-key-usage');

  // 7. revocation: a current CRL signed by the issuing CA must exist; listed before signing (or ever, for a
  //    key compromise — signingTime is only the signer's claim) means revoked
  let sawCrl = false;
  for (const raw of input.crls) {
    let crl: pkijs.CertificateRevocationList;
    try {
      crl = parseCrl(raw);
    } catch {
      continue;
    }
    if (!(await crlIssuedBy(crl, issuer))) continue;
    const nextUpdate = crl.nextUpdate?.value;
    if (nextUpdate && nextUpdate < now) continue;
    sawCrl = true;
    const revocation = findRevocation(crl, serialHex(signer));
    if (revocation && (revocation.revokedAt <= signedAt || revocation.reason === KEY_COMPROMISE)) return fail('revoked');
  }
  if (!sawCrl) return fail('revocation-unknown');

  if (problem?.reason === 'iin-mismatch') return fail('iin-mismatch');
  if (problem?.reason === 'bin-mismatch' || problem?.reason === 'bin-missing') return fail('bin-mismatch');

  return { ok: true, signer: { certificate: info, signedAt: signedAt.toISOString(), certificateBase64: Buffer.from(signerDer).toString('base64') } };
}
