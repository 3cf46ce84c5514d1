/**
 * TEST licensor PKI: a CA of its own (distinct from the operators' test CA, so an operator's key can never pass
 * for the licensor's) and one licensor signing certificate. TEST keys only, unencrypted on disk — never trust
 * this CA outside development. The server signs decisions with `licensor.pem`/`licensor.key`; workstations
 * trust `licensor-ca.pem`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

export const licensorPkiSchema = z.object({
  label: z.literal('QABYLDAU TEST LICENSOR PKI — NOT FOR PRODUCTION'),
  generatedAt: z.string(),
  dir: z.string(),
  caCertPem: z.string(),
  certPem: z.string(),
  keyPem: z.string(),
  notAfter: z.string(),
});
export type LicensorPki = z.infer<typeof licensorPkiSchema>;

const config = `[ req ]
distinguished_name = dn
string_mask = utf8only
utf8 = yes
[ dn ]
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ licensor ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export async function generateLicensorPki(dirInput: string): Promise<LicensorPki> {
  const dir = resolve(dirInput);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'openssl.cnf'), config);
  const ossl = (...args: string[]) => run('openssl', args, { cwd: dir });
  const genKey = (file: string) => ossl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file);
  await Promise.all([genKey('licensor-ca.key'), genKey('licensor.key')]);
  await ossl('req', '-x509', '-new', '-config', 'openssl.cnf', '-utf8', '-key', 'licensor-ca.key', '-days', '3650', '-extensions', 'v3_ca',
    '-subj', '/C=KZ/O=ЛИЦЕНЗИАР TEST ONLY/CN=QABYLDAU TEST LICENSOR CA', '-out', 'licensor-ca.pem');
  await ossl('req', '-new', '-config', 'openssl.cnf', '-utf8', '-key', 'licensor.key',
    '-subj', '/C=KZ/O=ЛИЦЕНЗИАР TEST ONLY/CN=ЛИЦЕНЗИАР (TEST)', '-out', 'licensor.csr');
  await ossl('x509', '-req', '-in', 'licensor.csr', '-CA', 'licensor-ca.pem', '-CAkey', 'licensor-ca.key', '-CAcreateserial',
    '-days', '730', '-sha256', '-extfile', 'openssl.cnf', '-extensions', 'licensor', '-out', 'licensor.pem');
  const { stdout } = await ossl('x509', '-in', 'licensor.pem', '-noout', '-enddate');
  const pki: LicensorPki = {
    label: 'QABYLDAU TEST LICENSOR PKI — NOT FOR PRODUCTION',
    generatedAt: new Date().toISOString(),
    dir,
    caCertPem: 'licensor-ca.pem',
    certPem: 'licensor.pem',
    keyPem: 'licensor.key',
    notAfter: new Date(stdout.replace('notAfter=', '').trim()).toISOString(),
  };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(pki, null, 2)}\n`);
  return pki;
}

/** For `npm start`: reuse the licensor key while its certificate has a month left, otherwise make a new one. */
export async function ensureLicensorPki(dir: string): Promise<LicensorPki> {
  try {
    const existing = licensorPkiSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    if (Date.parse(existing.notAfter) - Date.now() > 30 * 86_400_000) return existing;
  } catch {
    // missing or unreadable: generate below
  }
  await rm(dir, { recursive: true, force: true });
  return generateLicensorPki(dir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: tsx build/pki/licensor-test-pki.ts <dir>');
    process.exit(2);
  }
  const pki = await generateLicensorPki(target);
  console.log(`TEST licensor PKI written to ${pki.dir}`);
}

/**
 * The development licensor and its API key, created once per data folder (like the dev centre's key): the
 * embedded API is provisioned with it, and the licensor CLI and e2e tests read it from this file.
 */
export function devLicensorCredentials(file: string): { id: string; name: string; key: string } {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const credentials = { id: 'LICENSOR-DEV', name: 'Лицензиар (әзірлеу, TEST)', key: randomBytes(32).toString('base64url') };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
