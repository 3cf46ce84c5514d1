/**
 * Verification of a licensor's detached CMS signature over a decision, with pkijs over WebCrypto only, so the
 * workstation (browser) and the server run the same code. Each step names its own failure, as
 * server/signature/verify.ts does for applications, so the print centre can say why it refuses to print.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from '../crypto/sha256';
import { base64ToBytes, parseCertificate, pemBlocks } from '../signing/certificate';
import { findTrustedIssuer } from '../signing/policy';

export const decisionVerifyFailures = ['malformed', 'digest-mismatch', 'bad-signature', 'untrusted-chain', 'expired', 'no-trust-anchor'] as const;
export type DecisionVerifyFailure = (typeof decisionVerifyFailures)[number];

export type DecisionVerification =
  | { ok: true; signer: { subject: string; serialHex: string; signedAt: string } }
  | { ok: false; reason: DecisionVerifyFailure; detail?: string };

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_COMMON_NAME = '2.5.4.3';

const fail = (reason: DecisionVerifyFailure, detail?: string): DecisionVerification => ({ ok: false, reason, ...(detail ? { detail } : {}) });
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

export interface DecisionVerifyInput {
  /** The exact signed bytes (the document JSON as received). */
  content: Uint8Array;
  cmsBase64: string;
  /** PEM bundle(s) of the licensor CA(s) this workstation trusts. */
  trustedCaPems: string[];
}

export async function verifyDecisionSignature(input: DecisionVerifyInput): Promise<DecisionVerification> {
  const anchors = input.trustedCaPems.flatMap((pem) => pemBlocks(pem));
  if (anchors.length === 0) return fail('no-trust-anchor');
  let signedData: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(base64ToBytes(input.cmsBase64) as Uint8Array<ArrayBuffer>);
    if (info.contentType !== OID_SIGNED_DATA) return fail('malformed', 'not-signed-data');
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch {
    return fail('malformed', 'unparseable');
  }
  if (signedData.signerInfos.length !== 1 || signedData.encapContentInfo.eContent) return fail('malformed', 'shape');
  const signerInfo = signedData.signerInfos[0]!;
  const attrs = signerInfo.signedAttrs;
  if (!attrs || signerInfo.digestAlgorithm.algorithmId !== OID_SHA256) return fail('malformed', 'attributes');
  const one = (oid: string) => {
    const found = attrs.attributes.filter((a) => a.type === oid);
    return found.length === 1 ? (found[0]!.values[0] as unknown) : undefined;
  };
  const digest = one(OID_MESSAGE_DIGEST);
  const time = one(OID_SIGNING_TIME);
  if (!one(OID_CONTENT_TYPE) || !(digest instanceof asn1js.OctetString)) return fail('malformed', 'message-digest');
  if (!(time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime)) return fail('malformed', 'signing-time');
  const signedAt = time.toDate();

  const sid = signerInfo.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return fail('malformed', 'signer-identifier');
  const signer = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate && c.issuer.isEqual(sid.issuer) && toHex(c.serialNumber.valueBlock.valueHexView) === toHex(sid.serialNumber.valueBlock.valueHexView),
  );
  if (!signer) return fail('malformed', 'signer-certificate-not-found');

  const actual = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input.content as Uint8Array<ArrayBuffer>));
  if (!equal(actual, digest.valueBlock.valueHexView)) return fail('digest-mismatch');

  // RFC 5652 §5.4: the signature covers the DER SET OF the signed attributes, not the [0] IMPLICIT tagging
  const signedBytes = new Uint8Array(attrs.encodedValue.slice(0));
  signedBytes[0] = 0x31;
  let ok = false;
  try {
    const key = await globalThis.crypto.subtle.importKey(
      'spki',
      signer.subjectPublicKeyInfo.toSchema().toBER(false),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    ok = await globalThis.crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signerInfo.signature.valueBlock.valueHexView as Uint8Array<ArrayBuffer>, signedBytes);
  } catch {
    ok = false;
  }
  if (!ok) return fail('bad-signature');

  const issuer = await findTrustedIssuer(signer, anchors.map(parseCertificate), signedAt);
  if (!issuer) return fail('untrusted-chain');
  if (signedAt < signer.notBefore.value || signedAt > signer.notAfter.value) return fail('expired');

  const cn = signer.subject.typesAndValues.find((t) => t.type === OID_COMMON_NAME)?.value.valueBlock.value;
  return { ok: true, signer: { subject: typeof cn === 'string' ? cn : '', serialHex: toHex(signer.serialNumber.valueBlock.valueHexView), signedAt: signedAt.toISOString() } };
}
