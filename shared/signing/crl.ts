import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors';
import { toHex } from '../crypto/sha256';
import { base64ToBytes } from './certificate';

/** CRLs through pkijs: forge has no CRL support at all (digitalbazaar/forge #113, #234). */

export interface Revocation {
  revokedAt: Date;
  /** RFC 5280 CRLReason code when the entry carries one (1 = keyCompromise). */
  reason: number | null;
}

const REASON_CODE = '2.5.29.21';
export const KEY_COMPROMISE = 1;

/** Accepts DER or PEM ("X509 CRL"); a corrupt download must fail here, before it is cached. */
export function parseCrl(bytes: Uint8Array): pkijs.CertificateRevocationList {
  let der = bytes;
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  if (head.includes('-----BEGIN')) {
    const text = new TextDecoder().decode(bytes);
    const m = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
    if (!m) throw new AppError('signing:crlInvalid');
    der = base64ToBytes((m[1] ?? '').replace(/\s+/g, ''));
  }
  try {
    return pkijs.CertificateRevocationList.fromBER(der as Uint8Array<ArrayBuffer>);
  } catch {
    throw new AppError('signing:crlInvalid');
  }
}

/** True when `issuer` named and signed this CRL; an unsigned or foreign CRL must never clear a certificate. */
export async function crlIssuedBy(crl: pkijs.CertificateRevocationList, issuer: pkijs.Certificate): Promise<boolean> {
  if (!crl.issuer.isEqual(issuer.subject)) return false;
  try {
    return await crl.verify({ issuerCertificate: issuer });
  } catch {
    return false;
  }
}

function normaliseSerial(hex: string): string {
  return hex.toLowerCase().replace(/^(00)+(?=[0-9a-f])/, '');
}

export function findRevocation(crl: pkijs.CertificateRevocationList, serialHex: string): Revocation | null {
  const wanted = normaliseSerial(serialHex);
  for (const entry of crl.revokedCertificates ?? []) {
    if (normaliseSerial(toHex(entry.userCertificate.valueBlock.valueHexView)) !== wanted) continue;
    const reasonExt = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === REASON_CODE);
    const reason = reasonExt?.parsedValue instanceof asn1js.Enumerated ? reasonExt.parsedValue.valueBlock.valueDec : null;
    return { revokedAt: entry.revocationDate.value, reason };
  }
  return null;
}
