/**
 * Workstation → server, end to end over the test PKI: what electron/signing produces is what
 * server/signature accepts, and an edit to any signed byte (including an attachment hash) is caught.
 * Lives in build/ because it is the one place allowed to import both the electron and server layers.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/keystore/clock';
import { Keystore } from '../../electron/keystore/keystore';
import { openPkcs12 } from '../../electron/keystore/pkcs12';
import { createDetachedCms } from '../../electron/signing/cms';
import { CrlCache } from '../../electron/signing/crl-cache';
import { signManifest } from '../../electron/signing/sign-manifest';
import { verifyApplicationSignature } from '../../server/signature/verify';
import { canonicalManifestBytes, type Manifest } from '../../shared/manifest/manifest';
import { pemBlocks } from '../../shared/signing/certificate';
import { generateTestPki, type TestCertName, type TestPkiManifest } from './generate-test-pki';

let dir: string;
let pki: TestPkiManifest;
let caPem: string;
let crlDer: Uint8Array;

const manifest: Manifest = {
  schema: 'qabyldau.application/1',
  applicationId: '7d1c2b3a-4e5f-4a6b-9c8d-0e1f2a3b4c5d',
  centreId: 'ЦОН-АСТАНА-02',
  serviceId: 'residence-registration',
  subOperation: 'permanent',
  applicant: { kind: 'individual', id: '061211600012' },
  form: { address: 'Астана, Мәңгілік Ел даңғылы, 1', rooms: 2, urgent: false },
  documentsPresented: ['identity-card', 'title-deed'],
  attachments: [
    { id: 'att-1', documentKey: 'title-deed', fileName: 'deed.pdf', mediaType: 'application/pdf', size: 40211, sha256: '0123456789abcdef'.repeat(4) },
  ],
  acceptedAt: '2026-11-25T11:30:00+05:00',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-'));
  pki = await generateTestPki(join(dir, 'pki'));
  caPem = await readFile(join(pki.dir, pki.caCertPem), 'utf8');
  crlDer = new Uint8Array(await readFile(join(pki.dir, pki.crlDer)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const serverVerify = (bytes: Uint8Array, cmsDer: Uint8Array, expectedBin?: string) =>
  verifyApplicationSignature({ manifestBytes: bytes, cmsDer, trustedCaPems: [caPem], crls: [crlDer], expectedIin: pki.operatorIin, ...(expectedBin ? { expectedBin } : {}) });

describe('workstation signature → server verification', () => {
  it('verifies, and rejects a one-byte change to the manifest or an attachment hash', async () => {
    const clock = new ManualClock();
    const keystore = new Keystore({ clock });
    await keystore.import({ path: join(pki.dir, pki.certs.legalEntity.p12Legacy), password: pki.certs.legalEntity.password });
    const crl = new CrlCache({ url: join(pki.dir, pki.crlDer), cacheFile: join(dir, 'crl.der'), trustedCasDer: pemBlocks(caPem), maxAgeSeconds: 86400, clock });
    const signed = await signManifest({ keystore, crl, trustedCasDer: pemBlocks(caPem), clock }, { manifest, expectedSignerIin: pki.operatorIin, expectedBin: pki.bin });
    keystore.lock();
    const cms = new Uint8Array(Buffer.from(signed.cmsBase64, 'base64'));
    const bytes = canonicalManifestBytes(manifest);

    const ok = await serverVerify(bytes, cms, pki.bin);
    expect(ok).toMatchObject({ ok: true, signer: { signedAt: signed.signedAt, certificate: { sha256: signed.certificate.sha256 } } });

    const oneByte = bytes.slice();
    oneByte[20] = oneByte[20]! ^ 0x01;
    expect(await serverVerify(oneByte, cms, pki.bin)).toEqual({ ok: false, reason: 'digest-mismatch' });

    const att = manifest.attachments[0]!;
    const otherHash = canonicalManifestBytes({ ...manifest, attachments: [{ ...att, sha256: `1${att.sha256.slice(1)}` }] });
    expect(await serverVerify(otherHash, cms, pki.bin)).toEqual({ ok: false, reason: 'digest-mismatch' });
  });

  it.each([
    ['expired', 'expired'],
    ['revoked', 'revoked'],
    ['otherIin', 'iin-mismatch'],
    ['authOnly', 'wrong-key-usage'],
  ] as const)('a %s certificate that bypassed the workstation checks is still rejected (%s)', async (name: TestCertName, reason) => {
    const pair = openPkcs12(new Uint8Array(readFileSync(join(pki.dir, pki.certs[name].p12))), 'Qwerty12').pairs[0]!;
    const bytes = canonicalManifestBytes(manifest);
    const cms = createDetachedCms({ content: bytes, privateKey: pair.privateKey, certificate: pair.certificate, signingTime: new Date() });
    expect(await serverVerify(bytes, cms)).toMatchObject({ ok: false, reason });
  });

  it('rejects forge output without the issuer fix (forge #847) instead of matching the wrong certificate', async () => {
    const pair = openPkcs12(new Uint8Array(readFileSync(join(pki.dir, pki.certs.operator.p12))), 'Qwerty12').pairs[0]!;
    const bytes = canonicalManifestBytes(manifest);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(forge.util.binary.raw.encode(bytes));
    p7.addCertificate(pair.certificate);
    p7.addSigner({ key: pair.privateKey as unknown as string, certificate: pair.certificate, digestAlgorithm: forge.pki.oids.sha256!, authenticatedAttributes: [{ type: forge.pki.oids.contentType!, value: forge.pki.oids.data! }, { type: forge.pki.oids.messageDigest! }, { type: forge.pki.oids.signingTime! }] });
    p7.sign({ detached: true });
    const cms = forge.util.binary.raw.decode(forge.asn1.toDer(p7.toAsn1()).getBytes());
    expect(await serverVerify(bytes, cms)).toEqual({ ok: false, reason: 'malformed', detail: 'signer-certificate-not-found' });
  });
});
