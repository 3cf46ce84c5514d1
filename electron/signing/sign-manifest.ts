import forge from 'node-forge';
import { AppError } from '../../shared/errors';
import { sha256Hex } from '../../shared/crypto/sha256';
import { canonicalManifestBytes } from '../../shared/manifest/manifest';
import { bytesToBase64, parseCertificate, serialHex } from '../../shared/signing/certificate';
import { KEY_COMPROMISE } from '../../shared/signing/crl';
import { findTrustedIssuer, signerProblem, type SignerProblem } from '../../shared/signing/policy';
import type { SignManifestArgs, SignManifestResult } from '../../shared/signing/schemas';
import type { Clock } from '../keystore/clock';
import { systemClock } from '../keystore/clock';
import type { Keystore } from '../keystore/keystore';
import { createDetachedCms } from './cms';
import type { CrlCache } from './crl-cache';
import type { OperatorSession } from './operator-session';

export interface SignManifestDeps {
  keystore: Keystore;
  /** The host's operator session; when given, a signature also needs the signed-in operator (the host always gives it). */
  operatorSession?: OperatorSession;
  crl: CrlCache;
  /** DER of the CAs the central API trusts; the workstation refuses certificates the server would reject. */
  trustedCasDer: Uint8Array[];
  clock?: Clock;
}

export function problemToError(problem: SignerProblem): AppError {
  switch (problem.reason) {
    case 'wrong-key-usage':
      return new AppError('signing:notSigningKey');
    case 'not-yet-valid':
      return new AppError('signing:notYetValid', { validFrom: problem.validFrom });
    case 'expired':
      return new AppError('signing:expired', { validTo: problem.validTo });
    case 'iin-mismatch':
      return new AppError('signing:iinMismatch', { certificateIin: problem.certificateIin, expectedIin: problem.expectedIin });
    case 'bin-missing':
      return new AppError('signing:binMissing', { expectedBin: problem.expectedBin });
    case 'bin-mismatch':
      return new AppError('signing:binMismatch', { certificateBin: problem.certificateBin, expectedBin: problem.expectedBin });
  }
}

/**
 * Signs the canonical manifest with the unlocked operator key after every check the regulations require
 * (validity, revocation, key purpose, ИИН/БИН). Any failure throws a localised AppError and nothing is signed.
 */
export async function signManifest(deps: SignManifestDeps, args: SignManifestArgs): Promise<SignManifestResult> {
  const clock = deps.clock ?? systemClock;
  deps.operatorSession?.require(args.expectedSignerIin);
  const material = deps.keystore.signingMaterial();
  // CMS signingTime has whole seconds; report the same instant the signature carries
  const now = new Date(Math.floor(clock.now() / 1000) * 1000);
  const info = material.info;

  if (args.manifest.operatorIin !== undefined && args.manifest.operatorIin !== args.expectedSignerIin) {
    throw new AppError('signing:iinMismatch', { certificateIin: info.iin ?? '—', expectedIin: args.manifest.operatorIin });
  }
  const problem = signerProblem(info, { at: now, expectedIin: args.expectedSignerIin, expectedBin: args.expectedBin });
  if (problem) throw problemToError(problem);

  const cert = parseCertificate(material.certificateDer);
  const issuer = await findTrustedIssuer(cert, deps.trustedCasDer.map(parseCertificate), now);
  if (!issuer) throw new AppError('signing:untrustedIssuer', { issuer: info.issuerCommonName ?? info.issuer });

  const revocation = await deps.crl.revocationOf(serialHex(cert), issuer);
  if (revocation && (revocation.revokedAt <= now || revocation.reason === KEY_COMPROMISE)) {
    throw new AppError('signing:revoked', { revokedAt: revocation.revokedAt.toISOString() });
  }

  const content = canonicalManifestBytes(args.manifest);
  const extraCertificates = material.chainDer.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(der))));
  const cms = createDetachedCms({ content, privateKey: material.privateKey, certificate: material.certificate, extraCertificates, signingTime: now });
  return {
    cmsBase64: bytesToBase64(cms),
    signedAt: now.toISOString(),
    certificate: info,
    fingerprint: await sha256Hex(content),
  };
}
