import type * as pkijs from 'pkijs';
import type { CertificateInfo } from './schemas';

/**
 * The rules a signing certificate must meet, shared by the workstation (refuse before signing) and the server
 * (refuse on receipt) so both ends can never disagree about what is acceptable.
 */
export type SignerProblem =
  | { reason: 'wrong-key-usage' }
  | { reason: 'not-yet-valid'; validFrom: string }
  | { reason: 'expired'; validTo: string }
  | { reason: 'iin-mismatch'; certificateIin: string; expectedIin: string }
  | { reason: 'bin-missing'; expectedBin: string }
  | { reason: 'bin-mismatch'; certificateBin: string; expectedBin: string };

export interface SignerExpectations {
  /** The moment the signature is (or claims to be) made. */
  at: Date;
  expectedIin: string;
  expectedBin?: string | undefined;
}

export function signerProblem(info: CertificateInfo, expect: SignerExpectations): SignerProblem | null {
  if (info.purpose !== 'sign') return { reason: 'wrong-key-usage' };
  const at = expect.at.getTime();
  if (at < Date.parse(info.validFrom)) return { reason: 'not-yet-valid', validFrom: info.validFrom };
  if (at > Date.parse(info.validTo)) return { reason: 'expired', validTo: info.validTo };
  if (info.iin !== expect.expectedIin) {
    return { reason: 'iin-mismatch', certificateIin: info.iin ?? '—', expectedIin: expect.expectedIin };
  }
  if (expect.expectedBin !== undefined) {
    if (info.bin === null) return { reason: 'bin-missing', expectedBin: expect.expectedBin };
    if (info.bin !== expect.expectedBin) return { reason: 'bin-mismatch', certificateBin: info.bin, expectedBin: expect.expectedBin };
  }
  return null;
}

/**
 * The trusted CA that issued `cert`: same Name and a valid signature by its key, CA valid at `at`. One level is
 * what НУЦ РК issues for end users (the NCA issues directly); intermediates can be added to the trusted list.
 */
export async function findTrustedIssuer(
  cert: pkijs.Certificate,
  trustedCas: readonly pkijs.Certificate[],
  at: Date,
): Promise<pkijs.Certificate | null> {
  for (const ca of trustedCas) {
    if (!ca.subject.isEqual(cert.issuer)) continue;
    if (at < ca.notBefore.value || at > ca.notAfter.value) continue;
    try {
      if (await cert.verify(ca)) return ca;
    } catch {
      // a different key under the same name (a rogue CA) throws or returns false; either way not trusted
    }
  }
  return null;
}
