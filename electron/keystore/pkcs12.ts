import forge from 'node-forge';
import { AppError } from '../../shared/errors';
import { extKeyUsageOf, keyUsageOf, parseCertificate, purposeOf } from '../../shared/signing/certificate';
import type { CertificatePurpose } from '../../shared/signing/schemas';

/**
 * PKCS#12 through node-forge: Node/Electron crypto has no PKCS#12 parser, and forge reads both the OpenSSL 3
 * default (PBES2/PBKDF2/AES-256, SHA-256 MAC) and the НУЦ РК legacy layout (3DES key bag, RC2-40 certs, SHA-1 MAC).
 */

export interface KeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** Original DER as stored in the container (forge keeps the parsed TBS, so this is byte-identical). */
  certificateDer: Uint8Array;
  purpose: CertificatePurpose;
}

export interface OpenedPkcs12 {
  pairs: KeyPair[];
  /** Every certificate in the container that is not an end-entity of a pair (usually the issuing CA). */
  otherCertificatesDer: Uint8Array[];
}

const bytesToBinary = (bytes: Uint8Array) => forge.util.binary.raw.encode(bytes);
const binaryToBytes = (binary: string) => forge.util.binary.raw.decode(binary);

function derOf(asn1: forge.asn1.Asn1): Uint8Array {
  return binaryToBytes(forge.asn1.toDer(asn1).getBytes());
}

export function openPkcs12(bytes: Uint8Array, password: string): OpenedPkcs12 {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytesToBinary(bytes)));
  } catch {
    throw new AppError('signing:badFile');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    // forge's only signal for a wrong password is this MAC message; everything else is a damaged/foreign file
    const message = error instanceof Error ? error.message : String(error);
    if (/MAC could not be verified|Invalid password/i.test(message)) throw new AppError('signing:wrongPassword');
    // PBES2 without a MAC (rare): a wrong password surfaces as garbage after decryption
    if (/decrypt|Too few bytes|padding/i.test(message)) throw new AppError('signing:wrongPassword');
    throw new AppError('signing:badFile');
  }

  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];

  const keys = keyBags.map((b) => b.key as forge.pki.rsa.PrivateKey | undefined);
  const certs = certBags.map((b) => b.cert ?? null);
  // forge leaves key/cert empty for GOST containers instead of failing: say so rather than "no key found"
  if (keyBags.length > 0 && keys.every((k) => !k)) throw new AppError('signing:unsupportedKey');
  if (certBags.length > 0 && certs.every((c) => !c)) throw new AppError('signing:unsupportedKey');

  const pairs: KeyPair[] = [];
  const used = new Set<forge.pki.Certificate>();
  for (const key of keys) {
    if (!key) continue;
    // match by modulus/exponent: NCA containers' localKeyId attributes are not reliable across tools
    const cert = certs.find((c): c is forge.pki.Certificate => {
      const pub = c?.publicKey as forge.pki.rsa.PublicKey | undefined;
      return !!pub?.n && pub.n.equals(key.n) && pub.e.equals(key.e);
    });
    if (!cert) continue;
    used.add(cert);
    const certificateDer = derOf(forge.pki.certificateToAsn1(cert));
    const pkijsCert = parseCertificate(certificateDer);
    pairs.push({ privateKey: key, certificate: cert, certificateDer, purpose: purposeOf(keyUsageOf(pkijsCert), extKeyUsageOf(pkijsCert)) });
  }
  if (pairs.length === 0) throw new AppError('signing:noKeyInFile');
  const otherCertificatesDer = certs
    .filter((c): c is forge.pki.Certificate => !!c && !used.has(c))
    .map((c) => derOf(forge.pki.certificateToAsn1(c)));
  return { pairs, otherCertificatesDer };
}

/**
 * НУЦ РК containers and tokens hold a SIGN key and an AUTH key; requests must be signed with SIGN. Prefer a
 * SIGN pair; fall back to whatever is there so the UI can still show whose (auth-only) certificate it is.
 */
export function chooseSigningPair(pairs: readonly KeyPair[]): KeyPair {
  const chosen = pairs.find((p) => p.purpose === 'sign') ?? pairs[0];
  if (!chosen) throw new AppError('signing:noKeyInFile');
  return chosen;
}
