/**
 * KZ-style TEST PKI for unit, server and e2e tests and for `npm start` (so the workstation can sign out of the box).
 * Everything here is a TEST key with a published password — never trust this CA outside development.
 *
 * Built with the openssl CLI rather than forge: native RSA key generation keeps the whole run well under the
 * 5-second budget, `openssl ca` gives back-dated validity and a real CRL, and `openssl pkcs12` writes the two
 * container flavours operators actually have (OpenSSL 3 AES/PBKDF2 and the NCA-style `-legacy` 3DES/RC2).
 * Subjects follow НУЦ РК order and string types: CN, SN, serialNumber=IIN…, C=KZ, [O, OU=BIN…], GN, with
 * Cyrillic values as UTF8String — which is exactly what trips node-forge's CMS encoder (see electron/signing).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import { withCheckDigit } from './iin';

const run = promisify(execFile);

export const TEST_PKI_PASSWORD = 'Qwerty12';

export const testCertNames = ['operator', 'legalEntity', 'expired', 'revoked', 'otherIin', 'authOnly'] as const;
export type TestCertName = (typeof testCertNames)[number];

const testCertSchema = z.object({
  description: z.string(),
  iin: z.string().regex(/^\d{12}$/),
  bin: z.string().regex(/^\d{12}$/).optional(),
  organisation: z.string().optional(),
  purpose: z.enum(['sign', 'auth']),
  /** What a verifier must conclude when the operator with `operatorIin` signs with this certificate. */
  expected: z.enum(['valid', 'expired', 'revoked', 'iin-mismatch', 'auth-only']),
  serialHex: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  certPem: z.string(),
  keyPem: z.string(),
  /** OpenSSL 3 default container: PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, SHA-256 MAC. */
  p12: z.string(),
  /** `openssl pkcs12 -legacy`: 3DES key bag, RC2-40 certificates, SHA-1 MAC — the layout НУЦ РК issues. */
  p12Legacy: z.string(),
  password: z.string(),
});

export const testPkiManifestSchema = z.object({
  label: z.literal('QABYLDAU TEST PKI — NOT FOR PRODUCTION'),
  generatedAt: z.string(),
  dir: z.string(),
  /** The ИИН of the signed-in operator the fixtures are built around. */
  operatorIin: z.string().regex(/^\d{12}$/),
  bin: z.string().regex(/^\d{12}$/),
  caCertPem: z.string(),
  caKeyPem: z.string(),
  caSubject: z.string(),
  crlPem: z.string(),
  crlDer: z.string(),
  certs: z.record(z.enum(testCertNames), testCertSchema),
});
export type TestPkiManifest = z.infer<typeof testPkiManifestSchema>;
export type TestCert = z.infer<typeof testCertSchema>;

const OPERATOR_IIN = withCheckDigit('90010130081');
const OTHER_IIN = withCheckDigit('06121160001');
const ORG_BIN = withCheckDigit('94014000038');
const ORG_NAME = 'ТОО "ТЕСТ ҰЙЫМЫ"';
const CA_CN = 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST';

const ROLE_INDIVIDUAL = '1.2.398.3.3.4.1.1';
const ROLE_LEGAL = '1.2.398.3.3.4.1.2';
const ROLE_CEO = '1.2.398.3.3.4.1.2.1';

interface CertPlan {
  name: TestCertName;
  description: string;
  iin: string;
  surname: string;
  givenName: string;
  patronymic: string;
  org?: { name: string; bin: string };
  profile: 'sign_individual' | 'sign_legal' | 'auth_individual';
  validity: 'current' | 'expired';
  revoke: boolean;
  expected: TestCert['expected'];
}

const plans: CertPlan[] = [
  { name: 'operator', description: 'Operator signing key (individual)', iin: OPERATOR_IIN, surname: 'СЕЙТОВА', givenName: 'АЙГЕРІМ', patronymic: 'ҚАНАТҚЫЗЫ', profile: 'sign_individual', validity: 'current', revoke: false, expected: 'valid' },
  { name: 'legalEntity', description: 'Operator signing key as employee of a legal entity (OU=BIN)', iin: OPERATOR_IIN, surname: 'СЕЙТОВА', givenName: 'АЙГЕРІМ', patronymic: 'ҚАНАТҚЫЗЫ', org: { name: ORG_NAME, bin: ORG_BIN }, profile: 'sign_legal', validity: 'current', revoke: false, expected: 'valid' },
  { name: 'expired', description: 'Operator signing key valid 2020-01-01..2021-01-01', iin: OPERATOR_IIN, surname: 'СЕЙТОВА', givenName: 'АЙГЕРІМ', patronymic: 'ҚАНАТҚЫЗЫ', profile: 'sign_individual', validity: 'expired', revoke: false, expected: 'expired' },
  { name: 'revoked', description: 'Operator signing key listed in crl.pem (keyCompromise)', iin: OPERATOR_IIN, surname: 'СЕЙТОВА', givenName: 'АЙГЕРІМ', patronymic: 'ҚАНАТҚЫЗЫ', profile: 'sign_individual', validity: 'current', revoke: true, expected: 'revoked' },
  { name: 'otherIin', description: 'Signing key of another person (ИИН differs from the operator)', iin: OTHER_IIN, surname: 'ОМАРОВ', givenName: 'ДӘУРЕН', patronymic: 'СЕРІКҰЛЫ', profile: 'sign_individual', validity: 'current', revoke: false, expected: 'iin-mismatch' },
  { name: 'authOnly', description: 'Operator AUTH key (digitalSignature+keyEncipherment, clientAuth)', iin: OPERATOR_IIN, surname: 'СЕЙТОВА', givenName: 'АЙГЕРІМ', patronymic: 'ҚАНАТҚЫЗЫ', profile: 'auth_individual', validity: 'current', revoke: false, expected: 'auth-only' },
];

function opensslConfig(): string {
  return `[ ca ]
default_ca = CA_default
[ CA_default ]
dir = ./ca-db
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = ./ca.pem
private_key = ./ca.key
default_md = sha256
policy = policy_any
# keep the NCA attribute order and types instead of the policy's re-ordering
preserve = yes
unique_subject = no
email_in_dn = no
default_crl_days = 30
# openssl ca drops every subject field the policy does not name
[ policy_any ]
commonName = optional
surname = optional
serialNumber = optional
countryName = optional
organizationName = optional
organizationalUnitName = optional
givenName = optional
[ req ]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
[ req_dn ]
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
certificatePolicies = 1.2.398.3.3.1.1
[ sign_individual ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection,${ROLE_INDIVIDUAL}
certificatePolicies = 1.2.398.3.3.2.3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ sign_legal ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection,${ROLE_LEGAL},${ROLE_CEO}
certificatePolicies = 1.2.398.3.3.2.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ auth_individual ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth,${ROLE_INDIVIDUAL}
certificatePolicies = 1.2.398.3.3.2.4
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
}

/** `-subj` syntax: '/' separates attributes, so escape it (and '\') inside values. */
function subj(parts: [string, string][]): string {
  return parts.map(([k, v]) => `/${k}=${v.replace(/[\\/]/g, (c) => `\\${c}`)}`).join('');
}

function asnTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

export async function generateTestPki(dirInput: string): Promise<TestPkiManifest> {
  const dir = resolve(dirInput);
  await mkdir(join(dir, 'ca-db', 'newcerts'), { recursive: true });
  await writeFile(join(dir, 'openssl.cnf'), opensslConfig());
  await writeFile(join(dir, 'ca-db', 'index.txt'), '');
  // random starting serial so two test PKIs never hand out the same issuer+serial pair; the first byte stays in
  // 0x10..0x3f: a 0x00 first byte made openssl print the serial without it while the DER (and the certificate
  // screen) kept it whenever the next byte was >= 0x80, which failed keystore tests about once in 128 runs
  await writeFile(join(dir, 'ca-db', 'serial'), `${((randomBytes(1)[0]! & 0x3f) | 0x10).toString(16)}${randomBytes(7).toString('hex')}\n`);
  await writeFile(join(dir, 'ca-db', 'crlnumber'), '1000\n');

  const ossl = (...args: string[]) => run('openssl', args, { cwd: dir, maxBuffer: 1 << 20 });
  const genKey = (file: string) => ossl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file);

  // key generation dominates; do it all at once
  await Promise.all([genKey('ca.key'), ...plans.map((p) => genKey(`${p.name}.key`))]);

  const caSubj = subj([['C', 'KZ'], ['O', 'ТЕСТІЛІК ОРТАЛЫҚ — TEST ONLY'], ['CN', CA_CN]]);
  await ossl('req', '-new', '-config', 'openssl.cnf', '-utf8', '-key', 'ca.key', '-subj', caSubj, '-out', 'ca.csr');
  await ossl('ca', '-batch', '-config', 'openssl.cnf', '-utf8', '-notext', '-selfsign', '-keyfile', 'ca.key', '-in', 'ca.csr',
    '-startdate', '20190101000000Z', '-enddate', '20391231000000Z', '-extensions', 'v3_ca', '-out', 'ca.pem');

  const now = Date.now();
  const current = { start: asnTime(new Date(now - 86_400_000)), end: asnTime(new Date(now + 2 * 365 * 86_400_000)) };
  const expired = { start: '20200101000000Z', end: '20210101000000Z' };

  // `openssl ca` writes the shared serial/index files, so issue one at a time
  for (const p of plans) {
    const parts: [string, string][] = [
      ['CN', `${p.surname} ${p.givenName}`],
      ['SN', p.surname],
      ['serialNumber', `IIN${p.iin}`],
      ['C', 'KZ'],
    ];
    if (p.org) parts.push(['O', p.org.name], ['OU', `BIN${p.org.bin}`]);
    parts.push(['GN', p.patronymic]);
    await ossl('req', '-new', '-config', 'openssl.cnf', '-utf8', '-key', `${p.name}.key`, '-subj', subj(parts), '-out', `${p.name}.csr`);
    const v = p.validity === 'expired' ? expired : current;
    await ossl('ca', '-batch', '-config', 'openssl.cnf', '-utf8', '-notext', '-in', `${p.name}.csr`, '-startdate', v.start, '-enddate', v.end,
      '-extensions', p.profile, '-out', `${p.name}.pem`);
    if (p.revoke) await ossl('ca', '-config', 'openssl.cnf', '-revoke', `${p.name}.pem`, '-crl_reason', 'keyCompromise');
  }
  await ossl('ca', '-config', 'openssl.cnf', '-gencrl', '-crlhours', '720', '-out', 'crl.pem');
  await ossl('crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl.der');

  await Promise.all(
    plans.flatMap((p) => {
      const base = ['pkcs12', '-export', '-inkey', `${p.name}.key`, '-in', `${p.name}.pem`, '-certfile', 'ca.pem', '-name', p.name, '-passout', `pass:${TEST_PKI_PASSWORD}`];
      return [ossl(...base, '-out', `${p.name}.p12`), ossl(...base, '-legacy', '-out', `${p.name}-legacy.p12`)];
    }),
  );

  const certs = {} as Record<TestCertName, TestCert>;
  for (const p of plans) {
    const { stdout } = await ossl('x509', '-in', `${p.name}.pem`, '-noout', '-serial', '-startdate', '-enddate');
    const field = (name: string) => new RegExp(`${name}=(.*)`).exec(stdout)?.[1]?.trim() ?? '';
    certs[p.name] = {
      description: p.description,
      iin: p.iin,
      ...(p.org ? { bin: p.org.bin, organisation: p.org.name } : {}),
      purpose: p.profile.startsWith('auth') ? 'auth' : 'sign',
      expected: p.expected,
      serialHex: field('serial').toLowerCase(),
      notBefore: new Date(field('notBefore')).toISOString(),
      notAfter: new Date(field('notAfter')).toISOString(),
      certPem: `${p.name}.pem`,
      keyPem: `${p.name}.key`,
      p12: `${p.name}.p12`,
      p12Legacy: `${p.name}-legacy.p12`,
      password: TEST_PKI_PASSWORD,
    };
  }

  const manifest: TestPkiManifest = {
    label: 'QABYLDAU TEST PKI — NOT FOR PRODUCTION',
    generatedAt: new Date(now).toISOString(),
    dir,
    operatorIin: OPERATOR_IIN,
    bin: ORG_BIN,
    caCertPem: 'ca.pem',
    caKeyPem: 'ca.key',
    caSubject: `CN=${CA_CN}, C=KZ, O=ТЕСТІЛІК ОРТАЛЫҚ — TEST ONLY`,
    crlPem: 'crl.pem',
    crlDer: 'crl.der',
    certs,
  };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(dir, 'README.txt'), 'TEST PKI generated by build/pki/generate-test-pki.ts. Test keys only; password in manifest.json.\n');
  return manifest;
}

export async function readTestPki(dir: string): Promise<TestPkiManifest> {
  return testPkiManifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
}

/**
 * For `npm start`: reuse an existing test PKI while its CRL is still current (the CRL lives 30 days), otherwise
 * generate a fresh one, so the workstation can sign out of the box.
 */
export async function ensureTestPki(dir: string, minCrlDaysLeft = 2): Promise<TestPkiManifest> {
  try {
    const existing = await readTestPki(dir);
    const generated = Date.parse(existing.generatedAt);
    if (Date.now() < generated + (30 - minCrlDaysLeft) * 86_400_000) return existing;
  } catch {
    // missing or unreadable: generate below
  }
  await rm(dir, { recursive: true, force: true });
  return generateTestPki(dir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: tsx build/pki/generate-test-pki.ts <dir>');
    process.exit(2);
  }
  const started = performance.now();
  const manifest = await generateTestPki(target);
  console.log(`TEST PKI written to ${manifest.dir} in ${Math.round(performance.now() - started)} ms (password ${TEST_PKI_PASSWORD})`);
}
