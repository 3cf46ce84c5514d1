import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestCertName, type TestPkiManifest } from '../../build/pki/generate-test-pki';
import { verifyApplicationSignature, type VerifyInput } from './verify';

/**
 * The signatures here are made by `openssl cms -sign`, an implementation independent of ours, so the verifier is
 * shown to accept standard CMS and not just what our own signer writes (build/pki/signing-roundtrip.test.ts
 * covers the workstation → server path).
 */
const run = promisify(execFile);

let dir: string;
let pki: TestPkiManifest;
let otherPki: TestPkiManifest;
let caPem: string;
let crl: Uint8Array;
const manifestBytes = new TextEncoder().encode('{"applicant":{"id":"061211600012","kind":"individual"},"form":{"name":"Әлихан"}}');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-'));
  [pki, otherPki] = await Promise.all([generateTestPki(join(dir, 'pki')), generateTestPki(join(dir, 'other'))]);
  caPem = await readFile(join(pki.dir, pki.caCertPem), 'utf8');
  crl = new Uint8Array(await readFile(join(pki.dir, pki.crlDer)));
  await writeFile(join(dir, 'manifest.json'), manifestBytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function opensslSign(name: TestCertName, extra: string[] = [], from = () => pki): Promise<Uint8Array> {
  const p = from();
  const out = join(dir, `${name}-${Math.random().toString(36).slice(2)}.p7s`);
  await run('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-nosmimecap', '-outform', 'DER', '-in', join(dir, 'manifest.json'),
    '-signer', join(p.dir, p.certs[name].certPem), '-inkey', join(p.dir, p.certs[name].keyPem), '-out', out, ...extra]);
  return new Uint8Array(await readFile(out));
}

const verify = (cmsDer: Uint8Array, over: Partial<VerifyInput> = {}) =>
  verifyApplicationSignature({ manifestBytes, cmsDer, trustedCaPems: [caPem], crls: [crl], expectedIin: pki.operatorIin, ...over });

describe('verifyApplicationSignature', () => {
  it('accepts a valid operator signature and names the signer', async () => {
    const result = await verify(await opensslSign('operator'));
    expect(result).toMatchObject({ ok: true, signer: { certificate: { iin: pki.operatorIin, ownerName: 'СЕЙТОВА АЙГЕРІМ', purpose: 'sign' } } });
    if (!result.ok) throw new Error('unreachable');
    expect(Date.now() - Date.parse(result.signer.signedAt)).toBeLessThan(120_000);
  });

  it('rejects a one-byte change to the manifest as digest-mismatch', async () => {
    const cms = await opensslSign('operator');
    for (const index of [0, manifestBytes.length >> 1, manifestBytes.length - 1]) {
      const tampered = manifestBytes.slice();
      tampered[index] = tampered[index]! ^ 0x20;
      expect(await verify(cms, { manifestBytes: tampered })).toEqual({ ok: false, reason: 'digest-mismatch' });
    }
  });

  it('rejects a flipped signature byte as bad-signature', async () => {
    const cms = await opensslSign('operator');
    // the SignerInfo signature OCTET STRING is the last element of the DER (no unsigned attributes)
    cms[cms.length - 1] = cms[cms.length - 1]! ^ 0x01;
    expect(await verify(cms)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['expired', 'expired'],
    ['revoked', 'revoked'],
    ['otherIin', 'iin-mismatch'],
    ['authOnly', 'wrong-key-usage'],
  ] as const)('rejects the %s certificate as %s', async (name, reason) => {
    expect(await verify(await opensslSign(name))).toMatchObject({ ok: false, reason });
  });

  it('checks the БИН for legal-entity requests', async () => {
    const cms = await opensslSign('legalEntity');
    expect(await verify(cms, { expectedBin: pki.bin })).toMatchObject({ ok: true, signer: { certificate: { bin: pki.bin } } });
    expect(await verify(cms, { expectedBin: '990140004654' })).toMatchObject({ ok: false, reason: 'bin-mismatch' });
    expect(await verify(await opensslSign('operator'), { expectedBin: pki.bin })).toMatchObject({ ok: false, reason: 'bin-mismatch' });
  });

  it('rejects a chain to an untrusted CA, even one with the same Cyrillic name', async () => {
    const cms = await opensslSign('operator', [], () => otherPki);
    expect(await verify(cms)).toMatchObject({ ok: false, reason: 'untrusted-chain' });
    expect(await verify(await opensslSign('operator'), { trustedCaPems: [] })).toMatchObject({ ok: false, reason: 'untrusted-chain' });
  });

  it('never treats unknown revocation status as good', async () => {
    const cms = await opensslSign('operator');
    expect(await verify(cms, { crls: [] })).toMatchObject({ ok: false, reason: 'revocation-unknown' });
    // another CA's CRL does not speak for ours
    const foreignCrl = new Uint8Array(await readFile(join(otherPki.dir, otherPki.crlPem)));
    expect(await verify(cms, { crls: [foreignCrl] })).toMatchObject({ ok: false, reason: 'revocation-unknown' });
    // a CRL past its nextUpdate is stale (inside a longer offline window, so the CRL is what fails)
    const later = new Date(Date.now() + 40 * 86_400_000);
    expect(await verify(cms, { now: later, offlineWindowDays: 60 })).toMatchObject({ ok: false, reason: 'revocation-unknown' });
    // the PEM form of the right CRL works as well as DER
    const pem = new Uint8Array(await readFile(join(pki.dir, pki.crlPem)));
    expect(await verify(cms, { crls: [foreignCrl, pem] })).toMatchObject({ ok: true });
  });

  it('rejects malformed input with a reason instead of throwing', async () => {
    expect(await verify(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await verify(manifestBytes)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await verify(await opensslSign('operator', ['-noattr']))).toMatchObject({ ok: false, reason: 'malformed', detail: 'no-signed-attributes' });
    expect(await verify(await opensslSign('operator', ['-nodetach']))).toMatchObject({ ok: false, reason: 'malformed', detail: 'attached-content' });
    // a signing time in the future relative to the verifier's clock
    expect(await verify(await opensslSign('operator'), { now: new Date(Date.now() - 3600_000) })).toMatchObject({ ok: false, reason: 'malformed', detail: 'signing-time-in-future' });
  });
});
