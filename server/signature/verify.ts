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
 *
 * The time rule (README "Signature validation time"). Validation happens at the server's receipt time R, never at
 * the signer's own claim alone, because the signer's clock is not trusted. For an application signed offline at
 * signingTime S and delivered later:
 *   - S ≤ R + clock skew (default 5 min)                   else malformed/signing-time-in-future
 *   - S ≥ R − offline window (default 30 days)             else signing-time-outside-window
 *   - the certificate chains to a trusted CA and is valid at S (validity period, key purpose, ИИН/БИН)
 *   - a CRL by the issuing CA current at R (thisUpdate ≤ R + skew ≤ …, nextUpdate ≥ R) does not list it: any
 *     entry there means revoked at receipt, whatever date the signer claims
 *   - a certificate that expired between S and R (inside the window) is accepted and recorded
 *     (`expiredBeforeReceipt`), but only if the CRL can still speak for it: issued before the expiry, or carrying
 *     ExpiredCertsOnCRL; a CA may drop expired certificates from later CRLs, so otherwise it is revocation-unknown
 * Anything the rule cannot decide is `revocation-unknown`, never valid.
 */
import { createHash, X509Certificate, verify as rsaVerify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from '../../shared/crypto/sha256';
import {
  describeCertificate,
  parseCertificate,
  pemBlocks,
  serialHex,
} from '../../shared/signing/certificate';
import { crlIssuedBy, parseCrl } from '../../shared/signing/crl';
import { signerProblem } from '../../shared/signing/policy';
import type { CertificateInfo } from '../../shared/signing/schemas';
import { readCms, certificateIssuerAndSerial, type CmsFields } from './cms-fields';
import { bytesEqual, oidText, TAG, timeValue, type Tlv } from './der';
import { BoundedMemo } from './memo';

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
  /** signingTime earlier than receipt minus the offline window: too late a delivery, or a backdated signature. */
  'signing-time-outside-window',
  'malformed',
] as const;
export type VerifyFailureReason = (typeof verifyFailureReasons)[number];

/** The decision and every input it was made from, stored with the application. */
export interface SignatureValidation {
  rule: 'receipt-time/1';
  decision: 'valid' | 'valid-expired-before-receipt';
  /** The server's receipt time: revocation and the window are judged here. */
  receivedAt: string;
  /** The signer's signingTime: certificate validity is judged here. */
  signingTime: string;
  offlineWindowDays: number;
  clockSkewSeconds: number;
  certificate: { serialNumber: string; issuer: string; validFrom: string; validTo: string; sha256: string };
  expiredBeforeReceipt: boolean;
  crl: {
    issuer: string;
    thisUpdate: string;
    nextUpdate: string;
    number: string | null;
    expiredCertsOnCrl: boolean;
  };
}

export interface VerifiedSigner {
  certificate: CertificateInfo;
  /** The signingTime signed attribute (ISO). */
  signedAt: string;
  /** The signer certificate DER, base64, so the stored application can be re-verified later. */
  certificateBase64: string;
  validation: SignatureValidation;
}

export type VerifyResult =
  { ok: true; signer: VerifiedSigner } | { ok: false; reason: VerifyFailureReason; detail?: string };

export interface VerifyInput {
  manifestBytes: Uint8Array;
  cmsDer: Uint8Array;
  trustedCaPems: string[];
  /** CRLs (DER or PEM) available to the server; the one signed by the issuing CA is used. */
  crls: Uint8Array[];
  expectedIin: string;
  expectedBin?: string;
  /** The server's receipt time (default: now); see the time rule above. */
  now?: Date;
  maxClockSkewSeconds?: number;
  /** How long an application signed offline may take to arrive (default 30 days). */
  offlineWindowDays?: number;
}

export const DEFAULT_OFFLINE_WINDOW_DAYS = 30;
export const DEFAULT_CLOCK_SKEW_SECONDS = 300;

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_CRL_NUMBER = '2.5.29.20';
const OID_EXPIRED_CERTS_ON_CRL = '2.5.29.60';
const DAY_MS = 86_400_000;
const RSA_SIGNATURE_OIDS = new Set(['1.2.840.113549.1.1.1', '1.2.840.113549.1.1.11']);

const fail = (reason: VerifyFailureReason, detail?: string): VerifyResult => ({
  ok: false,
  reason,
  ...(detail ? { detail } : {}),
});

/**
 * What used to be redone on every submission and depends only on bytes that rarely change (measured in
 * build/bench/api.bench.ts: ≈14 ms of pkijs/asn1js work per request, most of it here). Each memo is keyed by
 * the exact bytes (or a SHA-256 of them) its value is computed from, so a hit gives the same answer a fresh
 * computation would; the time-dependent checks (validity at S, CRL currency at R) are still made per request.
 */
interface TrustedCa {
  cert: pkijs.Certificate;
  sha256: string;
}
const trustedCaMemo = new BoundedMemo<string, TrustedCa[]>(64);
/** certificate SHA-256 + CA SHA-256 → did the CA's key sign this certificate. */
const chainMemo = new BoundedMemo<string, boolean>(10_000);
const describeMemo = new BoundedMemo<string, CertificateInfo>(10_000);
const publicKeyMemo = new BoundedMemo<string, KeyObject | null>(10_000);

interface ParsedCrl {
  crl: pkijs.CertificateRevocationList;
  revokedSerials: Set<string>;
  expiredCertsOnCrl: boolean;
  number: string | null;
  /** CA → did it name and sign this CRL. */
  issuedBy: WeakMap<pkijs.Certificate, boolean>;
}
/**
 * Keyed by the Uint8Array itself: server/signature/crl-files.ts hands back the same array while a file is
 * unchanged, and a caller that builds new arrays simply gets a fresh parse. The arrays are never written to.
 */
const crlMemo = new WeakMap<Uint8Array, ParsedCrl | null>();

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function trustedCasOf(pems: readonly string[]): TrustedCa[] {
  return pems.flatMap((pem) => {
    const hit = trustedCaMemo.get(pem);
    if (hit) return hit;
    return trustedCaMemo.set(
      pem,
      pemBlocks(pem).map((der) => ({ cert: parseCertificate(der), sha256: sha256Hex(der) })),
    );
  });
}

const normaliseSerial = (hex: string) => hex.toLowerCase().replace(/^(00)+(?=[0-9a-f])/, '');

function parsedCrl(raw: Uint8Array): ParsedCrl | null {
  if (crlMemo.has(raw)) return crlMemo.get(raw)!;
  let parsed: ParsedCrl | null = null;
  try {
    const crl = parseCrl(raw);
    const revokedSerials = new Set(
      (crl.revokedCertificates ?? []).map((e) =>
        normaliseSerial(toHex(e.userCertificate.valueBlock.valueHexView)),
      ),
    );
    const numberExt = crl.crlExtensions?.extensions.find((e) => e.extnID === OID_CRL_NUMBER);
    const number =
      numberExt?.parsedValue instanceof asn1js.Integer
        ? BigInt(`0x${toHex(numberExt.parsedValue.valueBlock.valueHexView) || '0'}`).toString()
        : null;
    const expiredCertsOnCrl =
      crl.crlExtensions?.extensions.some((e) => e.extnID === OID_EXPIRED_CERTS_ON_CRL) ?? false;
    parsed = { crl, revokedSerials, expiredCertsOnCrl, number, issuedBy: new WeakMap() };
  } catch {
    parsed = null;
  }
  crlMemo.set(raw, parsed);
  return parsed;
}

async function crlIssuedByMemo(parsed: ParsedCrl, issuer: pkijs.Certificate): Promise<boolean> {
  const hit = parsed.issuedBy.get(issuer);
  if (hit !== undefined) return hit;
  const ok = await crlIssuedBy(parsed.crl, issuer);
  parsed.issuedBy.set(issuer, ok);
  return ok;
}

/** shared/signing/policy.ts findTrustedIssuer, with the signature check (the costly, time-free part) memoised. */
async function trustedIssuerOf(
  cert: pkijs.Certificate,
  certSha256: string,
  trusted: readonly TrustedCa[],
  at: Date,
): Promise<pkijs.Certificate | null> {
  for (const ca of trusted) {
    if (!ca.cert.subject.isEqual(cert.issuer)) continue;
    if (at < ca.cert.notBefore.value || at > ca.cert.notAfter.value) continue;
    const signed = await chainMemo.getOrCompute(`${certSha256}:${ca.sha256}`, async () => {
      try {
        return await cert.verify(ca.cert);
      } catch {
        // a different key under the same name (a rogue CA) throws or returns false; either way not trusted
        return false;
      }
    });
    if (signed) return ca.cert;
  }
  return null;
}

/** Each distinct signer certificate is parsed by pkijs once (chain, CRL and description checks use it). */
const signerCertMemo = new BoundedMemo<string, pkijs.Certificate>(10_000);

/**
 * The certificate the SignerInfo names. Byte-equal issuer Names (what every signer writes) are matched without
 * parsing; otherwise pkijs' Name comparison decides, exactly as before (it compares string values after
 * stringprep, so an issuer re-encoded as another string type still matches, and a garbled one does not).
 */
async function findSignerCertificate(
  certificates: readonly Tlv[],
  sid: { issuer: Tlv; serial: Uint8Array },
): Promise<{ der: Uint8Array; sha256: string; cert: pkijs.Certificate } | undefined> {
  const candidates = certificates
    .map((c) => ({ tlv: c, ...certificateIssuerAndSerial(c) }))
    .filter((c) => bytesEqual(c.serial, sid.serial));
  let match = candidates.find((c) => bytesEqual(c.issuer.raw, sid.issuer.raw));
  if (!match && candidates.length > 0) {
    const sidIssuer = pkijs.RelativeDistinguishedNames.fromBER(sid.issuer.raw as Uint8Array<ArrayBuffer>);
    match = candidates.find((c) =>
      pkijs.RelativeDistinguishedNames.fromBER(c.issuer.raw as Uint8Array<ArrayBuffer>).isEqual(sidIssuer),
    );
  }
  if (!match) return undefined;
  const der = new Uint8Array(match.tlv.raw);
  const sha256 = sha256Hex(der);
  const cert = await signerCertMemo.getOrCompute(sha256, () => parseCertificate(der));
  return { der, sha256, cert };
}

export async function verifyApplicationSignature(input: VerifyInput): Promise<VerifyResult> {
  const now = input.now ?? new Date();
  const skewSeconds = input.maxClockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const windowDays = input.offlineWindowDays ?? DEFAULT_OFFLINE_WINDOW_DAYS;

  // 1. structure (server/signature/cms-fields.ts reads the fields as slices of the received bytes)
  let cms: CmsFields;
  try {
    cms = readCms(input.cmsDer);
  } catch {
    return fail('malformed', 'unparseable');
  }
  if (!cms.signedData) return fail('malformed', 'not-signed-data');
  const signedData = cms.signedData;
  if (signedData.signerInfos.length !== 1) return fail('malformed', 'signer-count');
  // detached only: the manifest the server received is the content, never something carried inside the CMS
  if (signedData.hasEContent) return fail('malformed', 'attached-content');
  const signerInfo = signedData.signerInfos[0]!;
  if (signerInfo.digestAlgorithm !== OID_SHA256) return fail('malformed', 'digest-algorithm');
  if (!RSA_SIGNATURE_OIDS.has(signerInfo.signatureAlgorithm)) return fail('malformed', 'signature-algorithm');
  const signedAttrs = signerInfo.signedAttrs;
  if (!signedAttrs) return fail('malformed', 'no-signed-attributes');
  const attr = (oid: string) => signerInfo.attributes.filter((a) => a.type === oid);
  const [contentType, messageDigest, signingTime] = [
    attr(OID_CONTENT_TYPE),
    attr(OID_MESSAGE_DIGEST),
    attr(OID_SIGNING_TIME),
  ];
  if (contentType.length !== 1 || messageDigest.length !== 1 || signingTime.length !== 1)
    return fail('malformed', 'signed-attributes');
  const contentTypeValue = contentType[0]!.values[0];
  if (contentTypeValue?.tag !== TAG.oid || oidText(contentTypeValue) !== OID_DATA)
    return fail('malformed', 'content-type');
  const digestValue = messageDigest[0]!.values[0];
  if (digestValue?.tag !== TAG.octetString) return fail('malformed', 'message-digest');
  const timeTlv = signingTime[0]!.values[0];
  let signedAt: Date | null = null;
  try {
    signedAt = timeTlv ? timeValue(timeTlv) : null;
  } catch {
    signedAt = null;
  }
  if (!signedAt) return fail('malformed', 'signing-time');
  if (signedAt.getTime() > now.getTime() + skewSeconds * 1000)
    return fail('malformed', 'signing-time-in-future');
  if (signedAt.getTime() < now.getTime() - windowDays * DAY_MS)
    return fail(
      'signing-time-outside-window',
      `signed ${signedAt.toISOString()}, received ${now.toISOString()}, window ${windowDays} days`,
    );

  // 2. the signer certificate, by exact issuer Name + serial (a mis-encoded issuer, forge #847, fails here)
  const sid = signerInfo.sid;
  if (!sid) return fail('malformed', 'signer-identifier');
  let found: { der: Uint8Array; sha256: string; cert: pkijs.Certificate } | undefined;
  try {
    found = await findSignerCertificate(signedData.certificates, sid);
  } catch {
    return fail('malformed', 'unparseable');
  }
  if (!found) return fail('malformed', 'signer-certificate-not-found');
  const { der: signerDer, sha256: signerSha256, cert: signer } = found;

  // 3. the content: messageDigest must be SHA-256 of exactly the received manifest bytes
  const digest = createHash('sha256').update(input.manifestBytes).digest();
  if (!bytesEqual(digest, digestValue.content)) return fail('digest-mismatch');

  // 4. the signature over the DER SET OF signed attributes (RFC 5652 §5.4: re-tag [0] IMPLICIT as SET)
  const signedBytes = new Uint8Array(signedAttrs.raw);
  signedBytes[0] = 0x31;
  let signatureOk = false;
  try {
    const publicKey = await publicKeyMemo.getOrCompute(signerSha256, () => {
      try {
        return new X509Certificate(signerDer).publicKey;
      } catch {
        return null;
      }
    });
    signatureOk = publicKey !== null && rsaVerify('sha256', signedBytes, publicKey, signerInfo.signature);
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return fail('bad-signature');

  // 5. chain to a configured trusted CA, judged at signing time
  const issuer = await trustedIssuerOf(signer, signerSha256, trustedCasOf(input.trustedCaPems), signedAt);
  if (!issuer) return fail('untrusted-chain');

  // 6. validity period, key purpose, ИИН/БИН — the same rules the workstation applied before signing
  const info = await describeMemo.getOrCompute(signerSha256, () => describeCertificate(signerDer));
  const problem = signerProblem(info, {
    at: signedAt,
    expectedIin: input.expectedIin,
    expectedBin: input.expectedBin,
  });
  if (problem?.reason === 'expired' || problem?.reason === 'not-yet-valid') return fail('expired');
  if (problem?.reason === 'wrong-key-usage') return fail('wrong-key-usage');

  // 7. revocation at receipt time: a CRL signed by the issuing CA and current at R must exist; any entry for the
  //    certificate means revoked (the signer's signingTime cannot move a revocation into the "after" side)
  const expiredBeforeReceipt = signer.notAfter.value < now;
  let current: SignatureValidation['crl'] | null = null;
  for (const raw of input.crls) {
    const parsed = parsedCrl(raw);
    if (!parsed) continue;
    const crl = parsed.crl;
    if (!(await crlIssuedByMemo(parsed, issuer))) continue;
    const thisUpdate = crl.thisUpdate.value;
    const nextUpdate = crl.nextUpdate?.value;
    if (!nextUpdate || nextUpdate < now || thisUpdate.getTime() > now.getTime() + skewSeconds * 1000)
      continue;
    const expiredCertsOnCrl = parsed.expiredCertsOnCrl;
    // a CA may drop a certificate from CRLs issued after its expiry, so such a CRL cannot clear an expired one
    if (expiredBeforeReceipt && thisUpdate > signer.notAfter.value && !expiredCertsOnCrl) continue;
    if (parsed.revokedSerials.has(normaliseSerial(serialHex(signer)))) return fail('revoked');
    current = {
      issuer: info.issuer,
      thisUpdate: thisUpdate.toISOString(),
      nextUpdate: nextUpdate.toISOString(),
      number: parsed.number,
      expiredCertsOnCrl,
    };
  }
  if (!current)
    return fail(
      'revocation-unknown',
      expiredBeforeReceipt
        ? 'no CRL issued before the certificate expired is current'
        : 'no current CRL from the issuing CA',
    );

  if (problem?.reason === 'iin-mismatch') return fail('iin-mismatch');
  if (problem?.reason === 'bin-mismatch' || problem?.reason === 'bin-missing') return fail('bin-mismatch');

  const validation: SignatureValidation = {
    rule: 'receipt-time/1',
    decision: expiredBeforeReceipt ? 'valid-expired-before-receipt' : 'valid',
    receivedAt: now.toISOString(),
    signingTime: signedAt.toISOString(),
    offlineWindowDays: windowDays,
    clockSkewSeconds: skewSeconds,
    certificate: {
      serialNumber: info.serialNumber,
      issuer: info.issuer,
      validFrom: info.validFrom,
      validTo: info.validTo,
      sha256: info.sha256,
    },
    expiredBeforeReceipt,
    crl: current,
  };
  return {
    ok: true,
    signer: {
      certificate: info,
      signedAt: signedAt.toISOString(),
      certificateBase64: Buffer.from(signerDer).toString('base64'),
      validation,
    },
  };
}
