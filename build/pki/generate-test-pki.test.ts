import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestPki, generateTestPki, readTestPki, testCertNames, type TestPkiManifest } from './generate-test-pki';
import { checkDigit, isValidIinOrBin, withCheckDigit } from './iin';

const run = promisify(execFile);

describe('ИИН/БИН check digit', () => {
  it('matches the published vectors', () => {
    expect(withCheckDigit('90010130081')).toBe('900101300811'); // second weight set
    expect(checkDigit('90010130080')).toBeUndefined(); // double 10: never issued
    expect(isValidIinOrBin('061211600012')).toBe(true);
    expect(isValidIinOrBin('940140000385')).toBe(true);
    expect(isValidIinOrBin('123456789011')).toBe(false); // the НУЦ РК test ИИН is not check-digit valid
  });
});

describe('generateTestPki', () => {
  let dir: string;
  let pki: TestPkiManifest;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pki-'));
    pki = await generateTestPki(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // How long generation takes is measured by `npm run bench pki`, not asserted here.
  it('writes a readable manifest', async () => {
    expect(await readTestPki(dir)).toEqual(pki);
    expect(Object.keys(pki.certs).sort()).toEqual([...testCertNames].sort());
    for (const cert of Object.values(pki.certs)) {
      expect(isValidIinOrBin(cert.iin)).toBe(true);
      if (cert.bin) expect(isValidIinOrBin(cert.bin)).toBe(true);
    }
  });

  it('lets openssl see the revoked, expired and valid certificates as such', async () => {
    const verify = (name: string) =>
      run('openssl', ['verify', '-CAfile', 'ca.pem', '-crl_check', '-CRLfile', 'crl.pem', pki.certs[name as 'operator'].certPem], { cwd: dir }).then(
        () => 'ok',
        (e: { stdout: string; stderr: string }) => `${e.stdout}${e.stderr}`,
      );
    expect(await verify('operator')).toBe('ok');
    expect(await verify('legalEntity')).toBe('ok');
    expect(await verify('revoked')).toMatch(/revoked/);
    expect(await verify('expired')).toMatch(/expired/);
  });

  it('writes NCA-style subjects with UTF8String Cyrillic and IIN/BIN prefixes', async () => {
    const { stdout } = await run('openssl', ['asn1parse', '-in', pki.certs.legalEntity.certPem], { cwd: dir });
    expect(stdout).toMatch(new RegExp(`PRINTABLESTRING\\s*:IIN${pki.operatorIin}`));
    expect(stdout).toMatch(new RegExp(`UTF8STRING\\s*:BIN${pki.bin}`));
    expect(stdout).toMatch(/UTF8STRING\s*:СЕЙТОВА АЙГЕРІМ/);
    expect(stdout).toMatch(/UTF8STRING\s*:ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ \(RSA\) TEST/);
  });

  it('exports both PKCS#12 flavours', async () => {
    const info = async (file: string, legacy: boolean) =>
      (await run('openssl', ['pkcs12', '-in', file, '-info', '-noout', '-passin', `pass:${pki.certs.operator.password}`, ...(legacy ? ['-legacy'] : [])], { cwd: dir })).stderr;
    expect(await info(pki.certs.operator.p12, false)).toMatch(/AES-256-CBC/);
    expect(await info(pki.certs.operator.p12Legacy, true)).toMatch(/3DES|TripleDES|RC2/i);
  });
});

describe('ensureTestPki', () => {
  it('reuses a current test PKI and regenerates a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pki-ensure-'));
    try {
      const first = await ensureTestPki(join(dir, 'pki'));
      const again = await ensureTestPki(join(dir, 'pki'));
      expect(again.generatedAt).toBe(first.generatedAt);
      expect(again.certs.operator.serialHex).toBe(first.certs.operator.serialHex);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
