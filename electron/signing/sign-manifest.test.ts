import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { generateTestPki, type TestCertName, type TestPkiManifest } from '../../build/pki/generate-test-pki';
import { AppError } from '../../shared/errors';
import { canonicalManifestBytes, manifestFingerprint, type Manifest } from '../../shared/manifest/manifest';
import { pemBlocks } from '../../shared/signing/certificate';
import { signManifestResultSchema } from '../../shared/signing/schemas';
import { ManualClock } from '../keystore/clock';
import { Keystore } from '../keystore/keystore';
import { MemorySecretStore } from '../keystore/secret-store';
import { createDetachedCms } from './cms';
import { CrlCache } from './crl-cache';
import { createSigningHandlers } from './handlers';
import { OperatorSession } from './operator-session';
import { createSigningService } from './service';
import { signManifest } from './sign-manifest';

const run = promisify(execFile);

let dir: string;
let pki: TestPkiManifest;
let otherPki: TestPkiManifest;
let caDer: Uint8Array[];
const at = (...parts: string[]) => join(dir, ...parts);

const manifest: Manifest = {
  schema: 'qabyldau.application/1',
  applicationId: '0b5f8f5e-9a4e-4c1e-8a0e-2f3b4c5d6e7f',
  centreId: 'ЦОН-АЛМАТЫ-01',
  serviceId: 'birth-registration',
  subOperation: 'primary',
  applicant: { kind: 'individual', id: '061211600012' },
  form: { childName: 'Әлихан', note: 'қазақша/русский' },
  documentsPresented: ['identity-card'],
  attachments: [
    { id: 'a1', documentKey: 'identity-card', fileName: 'id.pdf', mediaType: 'application/pdf', size: 1234, sha256: 'a'.repeat(64) },
  ],
  acceptedAt: '2026-11-25T10:00:00+05:00',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signing-'));
  [pki, otherPki] = await Promise.all([generateTestPki(at('pki')), generateTestPki(at('other-pki'))]);
  caDer = pemBlocks(await readFile(join(pki.dir, pki.caCertPem), 'utf8'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function setup(name: TestCertName, opts: { crlUrl?: string; clock?: ManualClock; maxAgeSeconds?: number } = {}) {
  const clock = opts.clock ?? new ManualClock();
  const keystore = new Keystore({ clock });
  await keystore.import({ path: join(pki.dir, pki.certs[name].p12), password: pki.certs[name].password });
  const crl = new CrlCache({
    url: opts.crlUrl ?? join(pki.dir, pki.crlDer),
    cacheFile: at('cache', `${name}-${Math.random().toString(36).slice(2)}.crl`),
    trustedCasDer: caDer,
    maxAgeSeconds: opts.maxAgeSeconds ?? 24 * 3600,
    clock,
  });
  return { keystore, crl, clock, deps: { keystore, crl, trustedCasDer: caDer, clock } };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function opensslVerify(content: Uint8Array, cms: Uint8Array, caPem = join(pki.dir, pki.caCertPem)): Promise<string> {
  const id = Math.random().toString(36).slice(2);
  await writeFile(at(`${id}.json`), content);
  await writeFile(at(`${id}.p7s`), cms);
  try {
    const { stderr } = await run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', at(`${id}.p7s`), '-content', at(`${id}.json`), '-CAfile', caPem, '-purpose', 'any', '-out', '/dev/null']);
    return stderr.trim();
  } catch (error) {
    return `FAILED: ${(error as { stderr: string }).stderr}`;
  }
}

describe('signManifest', () => {
  it('produces a detached CMS that openssl verifies over the canonical manifest, Cyrillic issuer included', async () => {
    const { deps, keystore } = await setup('operator');
    const result = signManifestResultSchema.parse(await signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin }));
    const cms = new Uint8Array(Buffer.from(result.cmsBase64, 'base64'));
    const content = canonicalManifestBytes(manifest);
    expect(result.fingerprint).toBe(await manifestFingerprint(manifest));
    expect(result.certificate.iin).toBe(pki.operatorIin);
    expect(await opensslVerify(content, cms)).toBe('CMS Verification successful');

    // the signed attributes openssl sees are exactly contentType, messageDigest and signingTime
    await writeFile(at('attrs.p7s'), cms);
    const { stdout } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', at('attrs.p7s')]);
    expect(stdout).toMatch(/contentType/);
    expect(stdout).toMatch(/messageDigest/);
    expect(stdout).toMatch(/signingTime/);
    expect(stdout).toMatch(/sha256/);
    expect(stdout).toMatch(/eContent: <ABSENT>/);

    // one byte changed → openssl refuses
    const tampered = content.slice();
    const i = tampered.length - 3;
    tampered[i] = tampered[i]! ^ 0x01;
    expect(await opensslVerify(tampered, cms)).toMatch(/FAILED/);
    // a different CA of the same Cyrillic name → openssl refuses
    expect(await opensslVerify(content, cms, join(otherPki.dir, otherPki.caCertPem))).toMatch(/FAILED/);
    keystore.lock();
  });

  it('signs a manifest of over 512 KB (no recursion limit on the content), and openssl verifies it', async () => {
    const { deps, keystore } = await setup('operator');
    const big: Manifest = { ...manifest, form: { ...manifest.form, note: 'қ'.repeat(300_000) } };
    const content = canonicalManifestBytes(big);
    expect(content.length).toBeGreaterThan(512 * 1024);
    const result = await signManifest(deps, { manifest: big, expectedSignerIin: pki.operatorIin });
    expect(await opensslVerify(content, new Uint8Array(Buffer.from(result.cmsBase64, 'base64')))).toBe('CMS Verification successful');
    keystore.lock();
  });

  it('guards the forge #847 workaround: forge alone writes an issuer openssl cannot match', async () => {
    const { keystore } = await setup('operator');
    const material = keystore.signingMaterial();
    const content = canonicalManifestBytes(manifest);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(forge.util.binary.raw.encode(content));
    p7.addCertificate(material.certificate);
    p7.addSigner({ key: material.privateKey as unknown as string, certificate: material.certificate, digestAlgorithm: forge.pki.oids.sha256!, authenticatedAttributes: [{ type: forge.pki.oids.contentType!, value: forge.pki.oids.data! }, { type: forge.pki.oids.messageDigest! }, { type: forge.pki.oids.signingTime! }] });
    p7.sign({ detached: true });
    const unpatched = forge.util.binary.raw.decode(forge.asn1.toDer(p7.toAsn1()).getBytes());
    expect(await opensslVerify(content, unpatched)).toMatch(/FAILED/);
    const patched = createDetachedCms({ content, privateKey: material.privateKey, certificate: material.certificate, signingTime: new Date() });
    expect(await opensslVerify(content, patched)).toBe('CMS Verification successful');
    keystore.lock();
  });

  it('signs for a legal entity only when the БИН matches', async () => {
    const { deps, keystore } = await setup('legalEntity');
    const ok = await signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin, expectedBin: pki.bin });
    expect(ok.certificate.bin).toBe(pki.bin);
    expect(await opensslVerify(canonicalManifestBytes(manifest), new Uint8Array(Buffer.from(ok.cmsBase64, 'base64')))).toBe('CMS Verification successful');
    expect(await codeOf(signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin, expectedBin: '990140004654' }))).toBe('signing:binMismatch');
    keystore.lock();
    const individual = await setup('operator');
    expect(await codeOf(signManifest(individual.deps, { manifest, expectedSignerIin: pki.operatorIin, expectedBin: pki.bin }))).toBe('signing:binMissing');
    individual.keystore.lock();
  });

  it.each([
    ['expired', 'signing:expired'],
    ['revoked', 'signing:revoked'],
    ['otherIin', 'signing:iinMismatch'],
    ['authOnly', 'signing:notSigningKey'],
  ] as const)('refuses the %s certificate before signing (%s)', async (name, code) => {
    const { deps, keystore } = await setup(name);
    expect(await codeOf(signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin }))).toBe(code);
    keystore.lock();
  });

  it('refuses when the manifest names another operator', async () => {
    const { deps, keystore } = await setup('operator');
    expect(await codeOf(signManifest(deps, { manifest: { ...manifest, operatorIin: '061211600012' }, expectedSignerIin: pki.operatorIin }))).toBe('signing:iinMismatch');
    keystore.lock();
  });

  it('refuses a certificate from a CA the server does not trust', async () => {
    const clock = new ManualClock();
    const keystore = new Keystore({ clock });
    await keystore.import({ path: join(otherPki.dir, otherPki.certs.operator.p12), password: 'Qwerty12' });
    const crl = new CrlCache({ url: join(pki.dir, pki.crlDer), cacheFile: at('cache', 'foreign.crl'), trustedCasDer: caDer, maxAgeSeconds: 86400, clock });
    expect(await codeOf(signManifest({ keystore, crl, trustedCasDer: caDer, clock }, { manifest, expectedSignerIin: otherPki.operatorIin }))).toBe('signing:untrustedIssuer');
    keystore.lock();
  });

  it('needs the operator signed in at the host as well as an unlocked key', async () => {
    const { deps, keystore, clock } = await setup('operator');
    const operatorSession = new OperatorSession({ clock, maxSeconds: 60 });
    const withSession = { ...deps, operatorSession };
    const sign = () => signManifest(withSession, { manifest, expectedSignerIin: pki.operatorIin });
    expect(await codeOf(sign())).toBe('signing:noOperatorSession');
    operatorSession.signIn('061211600012', 'БАСҚА ОПЕРАТОР');
    expect(await codeOf(sign())).toBe('signing:iinMismatch');
    operatorSession.signIn(pki.operatorIin, 'ТЕСТОВ ОПЕРАТОР');
    await expect(sign()).resolves.toMatchObject({ certificate: { iin: pki.operatorIin } });
    clock.advance(61_000); // the session is over; the key itself is still unlocked
    expect(keystore.state().state).toBe('unlocked');
    expect(await codeOf(sign())).toBe('signing:noOperatorSession');
    operatorSession.signIn(pki.operatorIin, 'ТЕСТОВ ОПЕРАТОР');
    operatorSession.signOut();
    expect(await codeOf(sign())).toBe('signing:noOperatorSession');
    keystore.lock();
  });

  it('refuses while locked', async () => {
    const { deps, keystore } = await setup('operator');
    keystore.lock();
    expect(await codeOf(signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin }))).toBe('signing:locked');
  });
});

describe('CRL cache', () => {
  it('caches the CRL to disk, reports its age, and keeps working offline within the policy', async () => {
    const clock = new ManualClock();
    const cacheFile = at('cache', 'offline.crl');
    const online = new CrlCache({ url: join(pki.dir, pki.crlDer), cacheFile, trustedCasDer: caDer, maxAgeSeconds: 2 * 3600, clock });
    const status = await online.refresh();
    expect(status.fresh).toBe(true);
    expect(status.ageSeconds).toBeLessThan(120);

    // a new process, network gone: the cached list still answers
    const offline = new CrlCache({ url: at('nowhere.crl'), cacheFile, trustedCasDer: caDer, maxAgeSeconds: 2 * 3600, clock });
    expect((await offline.load())?.thisUpdate).toBe(status.thisUpdate);
    const keystore = new Keystore({ clock, idleLockSeconds: 24 * 3600 });
    await keystore.import({ path: join(pki.dir, pki.certs.operator.p12), password: 'Qwerty12' });
    const deps = { keystore, crl: offline, trustedCasDer: caDer, clock };
    await expect(signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin })).resolves.toBeTruthy();

    // three hours later the cached list is too old for the policy and cannot be refreshed
    clock.advance(3 * 3600_000);
    expect(offline.status()).toMatchObject({ fresh: false, maxAgeSeconds: 7200 });
    expect(await codeOf(signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin }))).toBe('signing:crlStale');
    keystore.lock();
  });

  it('follows RFC 5280: fresh until nextUpdate, under a configurable ceiling', async () => {
    // The TEST CRL promises its successor in 30 days (nextUpdate); a daily age limit would refuse it on day 2.
    const clock = new ManualClock();
    const keystore = new Keystore({ clock, idleLockSeconds: 90 * 24 * 3600 });
    await keystore.import({ path: join(pki.dir, pki.certs.operator.p12), password: 'Qwerty12' });
    const crl = new CrlCache({ url: join(pki.dir, pki.crlDer), cacheFile: at('cache', 'rfc5280.crl'), trustedCasDer: caDer, maxAgeSeconds: 60 * 24 * 3600, clock });
    const deps = { keystore, crl, trustedCasDer: caDer, clock };
    const status = await crl.refresh();
    expect(new Date(status.nextUpdate!).getTime() - new Date(status.thisUpdate).getTime()).toBe(720 * 3600_000);
    expect(status.maxAgeSeconds).toBe(720 * 3600); // the smaller of the ceiling and the CA's promise
    clock.advance(2 * 24 * 3600_000);
    await expect(signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin })).resolves.toBeTruthy();
    // Past nextUpdate the list is stale even though the ceiling (60 days) is far away.
    clock.advance(29 * 24 * 3600_000);
    expect(crl.status()).toMatchObject({ fresh: false, maxAgeSeconds: 720 * 3600 });
    const error = await signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'signing:crlStale', params: { maxHours: 720 } });
    keystore.lock();
  });

  it('eight concurrent first signatures on a fresh host share one download and all succeed', async () => {
    const der = await readFile(join(pki.dir, pki.crlDer));
    let fetches = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fakeFetch = (async () => {
      fetches++;
      await gate;
      return new Response(der, { status: 200 });
    }) as unknown as typeof fetch;
    const clock = new ManualClock();
    const keystore = new Keystore({ clock });
    await keystore.import({ path: join(pki.dir, pki.certs.operator.p12), password: 'Qwerty12' });
    const cacheDir = at('cache-concurrent');
    const crl = new CrlCache({ url: 'http://crl.test/c.crl', cacheFile: join(cacheDir, 'current.crl'), trustedCasDer: caDer, maxAgeSeconds: 86400, fetch: fakeFetch, clock });
    const deps = { keystore, crl, trustedCasDer: caDer, clock };
    const signatures = Promise.allSettled(Array.from({ length: 8 }, () => signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin })));
    await expect.poll(() => fetches).toBe(1);
    release();
    const results = await signatures;
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('fulfilled'));
    expect(fetches).toBe(1);
    expect((await readdir(cacheDir)).sort()).toEqual(['current.crl', 'current.crl.json']);
    expect((await stat(join(cacheDir, 'current.crl'))).mode & 0o777).toBe(0o600);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    keystore.lock();
  });

  it('has no CRL at all → refuses rather than assuming not revoked', async () => {
    const { deps, keystore } = await setup('operator', { crlUrl: at('missing.crl') });
    expect(await codeOf(signManifest(deps, { manifest, expectedSignerIin: pki.operatorIin }))).toBe('signing:crlMissing');
    keystore.lock();
  });

  it('never caches a corrupt or foreign CRL', async () => {
    await writeFile(at('garbage.crl'), Buffer.from('not a crl at all'));
    const cacheFile = at('cache', 'guarded.crl');
    const garbage = new CrlCache({ url: at('garbage.crl'), cacheFile, trustedCasDer: caDer, maxAgeSeconds: 86400 });
    expect(await codeOf(garbage.refresh())).toBe('signing:crlInvalid');
    const foreign = new CrlCache({ url: join(otherPki.dir, otherPki.crlPem), cacheFile, trustedCasDer: caDer, maxAgeSeconds: 86400 });
    expect(await codeOf(foreign.refresh())).toBe('signing:crlUntrusted');
    await expect(readFile(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('downloads over HTTP through the injected fetch', async () => {
    const der = await readFile(join(pki.dir, pki.crlDer));
    const seen: string[] = [];
    const fakeFetch = (async (url: string) => {
      seen.push(url);
      return new Response(der, { status: 200 });
    }) as unknown as typeof fetch;
    const crl = new CrlCache({ url: 'http://crl.test/nca_rsa_test.crl', cacheFile: at('cache', 'http.crl'), trustedCasDer: caDer, maxAgeSeconds: 86400, fetch: fakeFetch });
    expect((await crl.refresh()).source).toBe('http://crl.test/nca_rsa_test.crl');
    expect(seen).toEqual(['http://crl.test/nca_rsa_test.crl']);
    const failing = new CrlCache({ url: 'http://crl.test/x', cacheFile: at('cache', 'http2.crl'), trustedCasDer: caDer, maxAgeSeconds: 86400, fetch: (async () => new Response('', { status: 404 })) as unknown as typeof fetch });
    expect(await codeOf(failing.refresh())).toBe('signing:crlFetchFailed');
  });
});

describe('bridge handlers', () => {
  it('validate arguments and return only contract-shaped results', async () => {
    const { deps } = await setup('operator');
    const handlers = createSigningHandlers(deps);
    await handlers['keystore.lock']({});
    expect((await handlers['keystore.status']({})).state).toBe('locked');
    await expect(handlers['keystore.unlock']({ password: 'bad' })).rejects.toMatchObject({ code: 'signing:wrongPassword' });
    expect((await handlers['keystore.unlock']({ password: 'Qwerty12' })).state).toBe('unlocked');
    const signed = await handlers['sign.manifest']({ manifest, expectedSignerIin: pki.operatorIin });
    expect(Object.keys(signed).sort()).toEqual(['certificate', 'cmsBase64', 'fingerprint', 'signedAt']);
    const status = await handlers['keystore.status']({});
    expect(status.crl?.fresh).toBe(true);
    expect(await handlers['keystore.import']({ path: join(pki.dir, pki.certs.legalEntity.p12), password: 'Qwerty12' })).toMatchObject({ state: 'unlocked', fileName: 'legalEntity.p12' });
    await expect(handlers['keystore.import']({ password: 'x' } as never)).rejects.toThrow(ZodError);
    await handlers['keystore.lock']({});
  });
});

describe('createSigningService', () => {
  it('moves a plain remembered path of an earlier version into the sealed store and deletes the plain file', async () => {
    const dataDir = at('service-migrate');
    const old = join(dataDir, 'keystore', 'remembered.json');
    await mkdir(join(dataDir, 'keystore'), { recursive: true });
    await writeFile(old, JSON.stringify({ 'keystore.path': { enc: false, value: join(pki.dir, pki.certs.operator.p12) } }));
    const secretStore = new MemorySecretStore();
    const service = await createSigningService({ dataDir, trustedCaPemFiles: [join(pki.dir, pki.caCertPem)], crlUrl: join(pki.dir, pki.crlDer), secretStore });
    expect(await secretStore.get('keystore.path')).toBe(join(pki.dir, pki.certs.operator.p12));
    await expect(stat(old)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await service.handlers['keystore.status']({})).state).toBe('locked');
  });

  it('wires keystore, CRL cache and handlers from a data directory, and remembers the key file across restarts', async () => {
    const dataDir = at('service-data');
    const options = { dataDir, trustedCaPemFiles: [join(pki.dir, pki.caCertPem)], crlUrl: join(pki.dir, pki.crlDer), secretStore: new MemorySecretStore() };
    const first = await createSigningService(options);
    expect((await first.handlers['keystore.status']({})).crl?.fresh).toBe(true);
    await first.handlers['keystore.import']({ path: join(pki.dir, pki.certs.operator.p12), password: 'Qwerty12' });
    first.operatorSession.signIn(pki.operatorIin, 'ТЕСТОВ ОПЕРАТОР');
    await first.handlers['sign.manifest']({ manifest, expectedSignerIin: pki.operatorIin });
    first.keystore.lock();

    // restart offline: the file is remembered, the CRL comes from the disk cache
    const second = await createSigningService({ ...options, crlUrl: at('offline.crl') });
    expect(await second.handlers['keystore.status']({})).toMatchObject({ state: 'locked', fileName: 'operator.p12', crl: { fresh: true } });
    await second.handlers['keystore.unlock']({ password: 'Qwerty12' });
    // a new host process: the operator signs in again before anything is signed
    await expect(second.handlers['sign.manifest']({ manifest, expectedSignerIin: pki.operatorIin })).rejects.toMatchObject({ code: 'signing:noOperatorSession' });
    second.operatorSession.signIn(pki.operatorIin, 'ТЕСТОВ ОПЕРАТОР');
    expect((await second.handlers['sign.manifest']({ manifest, expectedSignerIin: pki.operatorIin })).certificate.iin).toBe(pki.operatorIin);
    second.keystore.lock();
  });
});
