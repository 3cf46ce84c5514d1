import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors';
import { sha256Hex, toHex } from '../crypto/sha256';
import { keyUsageNames, type CertificateInfo, type CertificatePurpose, type KeyUsageName } from './schemas';

/**
 * X.509 reading with pkijs on both ends (host and server). forge returns UTF8String DN values as raw UTF-8 bytes
 * and cannot parse non-RSA keys at all; pkijs decodes Cyrillic names correctly and keeps the original DER.
 */

export const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  state: '2.5.4.8',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  email: '1.2.840.113549.1.9.1',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
} as const;

const shortNames: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.surname]: 'SN',
  [OID.serialNumber]: 'SERIALNUMBER',
  [OID.country]: 'C',
  [OID.locality]: 'L',
  [OID.state]: 'S',
  [OID.organisation]: 'O',
  [OID.organisationalUnit]: 'OU',
  [OID.givenName]: 'G',
  [OID.email]: 'E',
};

export interface NameAttribute {
  oid: string;
  value: string;
}

export function nameAttributes(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return name.typesAndValues.map((tv) => ({ oid: tv.type, value: String(tv.value.valueBlock.value) }));
}

export function formatName(attrs: NameAttribute[]): string {
  return attrs.map((a) => `${shortNames[a.oid] ?? a.oid}=${a.value}`).join(', ');
}

const first = (attrs: NameAttribute[], oid: string) => attrs.find((a) => a.oid === oid)?.value ?? null;

/**
 * НУЦ РК subject rules: the person's ИИН is serialNumber "IIN" + 12 digits, an organisation's БИН is OU "BIN" + 12
 * digits. Exact prefix + digits only — a substring search over the DN would let "O=…IIN…" impersonate.
 */
export function subjectIdentity(attrs: NameAttribute[]): { iin: string | null; bin: string | null } {
  let iin: string | null = null;
  let bin: string | null = null;
  for (const a of attrs) {
    const m = /^(IIN|BIN)(\d{12})$/.exec(a.value.trim());
    if (!m) continue;
    if (a.oid === OID.serialNumber && m[1] === 'IIN') iin = m[2] ?? null;
    if ((a.oid === OID.organisationalUnit || a.oid === OID.serialNumber) && m[1] === 'BIN') bin = m[2] ?? null;
  }
  return { iin, bin };
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

export function keyUsageOf(cert: pkijs.Certificate): KeyUsageName[] {
  const ext = extension(cert, OID.keyUsage);
  if (!ext) return [];
  const bits = ext.parsedValue instanceof asn1js.BitString ? ext.parsedValue.valueBlock.valueHexView : new Uint8Array();
  return keyUsageNames.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

export function extKeyUsageOf(cert: pkijs.Certificate): string[] {
  const ext = extension(cert, OID.extKeyUsage);
  return ext?.parsedValue instanceof pkijs.ExtKeyUsage ? [...ext.parsedValue.keyPurposes] : [];
}

/** SIGN key = digitalSignature + nonRepudiation and no clientAuth EKU; anything else is treated as the AUTH key. */
export function purposeOf(keyUsage: readonly KeyUsageName[], extKeyUsage: readonly string[]): CertificatePurpose {
  const signs = keyUsage.includes('digitalSignature') && keyUsage.includes('nonRepudiation');
  return signs && !extKeyUsage.includes(OID.clientAuth) ? 'sign' : 'auth';
}

export function serialHex(cert: pkijs.Certificate): string {
  return toHex(cert.serialNumber.valueBlock.valueHexView);
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
  } catch {
    throw new AppError('signing:badCertificate');
  }
}

export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

/** The public, displayable facts of a certificate; everything the bridge may show about the operator's key. */
export async function describeCertificate(der: Uint8Array): Promise<CertificateInfo> {
  const cert = parseCertificate(der);
  const subject = nameAttributes(cert.subject);
  const issuer = nameAttributes(cert.issuer);
  const keyUsage = keyUsageOf(cert);
  const extendedKeyUsage = extKeyUsageOf(cert);
  const { iin, bin } = subjectIdentity(subject);
  return {
    ownerName: first(subject, OID.commonName) ?? formatName(subject),
    surname: first(subject, OID.surname),
    patronymic: first(subject, OID.givenName),
    iin,
    bin,
    organisation: first(subject, OID.organisation),
    subject: formatName(subject),
    issuer: formatName(issuer),
    issuerCommonName: first(issuer, OID.commonName),
    serialNumber: serialHex(cert),
    validFrom: cert.notBefore.value.toISOString(),
    validTo: cert.notAfter.value.toISOString(),
    keyUsage,
    extendedKeyUsage,
    purpose: purposeOf(keyUsage, extendedKeyUsage),
    sha256: await sha256Hex(der),
  };
}

/** PEM → DER for every block of the given label (certificate bundles carry several). */
export function pemBlocks(pem: string, label = 'CERTIFICATE'): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...pem.matchAll(re)].map((m) => base64ToBytes((m[1] ?? '').replace(/\s+/g, '')));
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
