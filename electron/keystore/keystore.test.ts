import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestPkiManifest } from '../../build/pki/generate-test-pki';
import { AppError } from '../../shared/errors';
import { keystoreStatusSchema } from '../../shared/signing/schemas';
import { ManualClock } from './clock';
import { Keystore } from './keystore';
import { chooseSigningPair, openPkcs12 } from './pkcs12';
import { MemorySecretStore } from './secret-store';

let dir: string;
let pki: TestPkiManifest;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keystore-'));
  pki = await generateTestPki(join(dir, 'pki'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('PKCS#12 import', () => {
  it('opens the OpenSSL 3 default container by path and shows the certificate', async () => {
    const secretStore = new MemorySecretStore();
    const keystore = new Keystore({ secretStore });
    const state = await keystore.import({ path: join(pki.dir, pki.certs.operator.p12), password: pki.certs.operator.password });
    expect(state.state).toBe('unlocked');
    expect(state.fileName).toBe('operator.p12');
    expect(state.certificate).toMatchObject({
      ownerName: 'СЕЙТОВА АЙГЕРІМ',
      iin: pki.operatorIin,
      bin: null,
      purpose: 'sign',
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      issuerCommonName: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST',
      serialNumber: pki.certs.operator.serialHex,
    });
    expect([...secretStore.values.values()]).toEqual([join(pki.dir, 'operator.p12')]);
    keystore.lock();
  });

  it('opens the legacy 3DES container given as bytes and keeps an encrypted copy to unlock after restart', async () => {
    const secretStore = new MemorySecretStore();
    const storeDir = file('store');
    const bytes = await readFile(join(pki.dir, pki.certs.legalEntity.p12Legacy));
    const keystore = new Keystore({ secretStore, storeDir });
    const state = await keystore.import({ bytesBase64: bytes.toString('base64'), fileName: 'ceo.p12', password: pki.certs.legalEntity.password });
    expect(state.certificate).toMatchObject({ bin: pki.bin, organisation: 'ТОО "ТЕСТ ҰЙЫМЫ"', iin: pki.operatorIin, purpose: 'sign' });
    expect(await readFile(join(storeDir, 'operator-keystore.p12'))).toEqual(bytes);

    const afterRestart = new Keystore({ secretStore });
    expect((await afterRestart.restore()).state).toBe('locked');
    expect(await codeOf(() => afterRestart.signingMaterial())).toBe('signing:locked');
    expect((await afterRestart.unlock(pki.certs.legalEntity.password)).state).toBe('unlocked');
    afterRestart.lock();
    keystore.lock();
  });

  it('refuses a wrong password for both container flavours without changing state', async () => {
    const keystore = new Keystore();
    for (const p12 of [pki.certs.operator.p12, pki.certs.operator.p12Legacy]) {
      expect(await codeOf(keystore.import({ path: join(pki.dir, p12), password: 'wrong-password' }))).toBe('signing:wrongPassword');
    }
    expect(keystore.state().state).toBe('empty');
  });

  it('refuses corrupt and foreign files as bad files', async () => {
    const keystore = new Keystore();
    const good = await readFile(join(pki.dir, pki.certs.operator.p12));
    await writeFile(file('truncated.p12'), good.subarray(0, good.length >> 1));
    await writeFile(file('noise.p12'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) & 0xff)));
    expect(await codeOf(keystore.import({ path: file('truncated.p12'), password: 'Qwerty12' }))).toBe('signing:badFile');
    expect(await codeOf(keystore.import({ path: file('noise.p12'), password: 'Qwerty12' }))).toBe('signing:badFile');
    expect(await codeOf(keystore.import({ path: join(pki.dir, pki.caCertPem), password: 'Qwerty12' }))).toBe('signing:badFile');
    expect(await codeOf(keystore.import({ path: file('missing.p12'), password: 'Qwerty12' }))).toBe('signing:fileNotFound');
  });

  it('prefers the SIGN key over the AUTH key when a container holds both', () => {
    const auth = openPkcs12(new Uint8Array(readFileSync(join(pki.dir, pki.certs.authOnly.p12))), 'Qwerty12').pairs;
    const sign = openPkcs12(new Uint8Array(readFileSync(join(pki.dir, pki.certs.operator.p12))), 'Qwerty12').pairs;
    expect(auth.map((p) => p.purpose)).toEqual(['auth']);
    expect(chooseSigningPair([...auth, ...sign])).toBe(sign[0]);
    // an auth-only container still opens, so the UI can say whose key it is and why it cannot sign
    expect(chooseSigningPair(auth).purpose).toBe('auth');
  });
});

describe('locking', () => {
  it('locks after the idle time, and each use restarts the timer', async () => {
    const clock = new ManualClock(new Date());
    const keystore = new Keystore({ clock, idleLockSeconds: 60 });
    const changes: string[] = [];
    keystore.onChange((s) => changes.push(s.state));
    await keystore.import({ path: join(pki.dir, pki.certs.operator.p12), password: 'Qwerty12' });
    expect(keystore.state().lockAt).toBe(new Date(clock.now() + 60_000).toISOString());
    clock.advance(59_000);
    expect(keystore.signingMaterial().info.iin).toBe(pki.operatorIin);
    clock.advance(59_000);
    expect(keystore.state().state).toBe('unlocked');
    clock.advance(1_000);
    expect(keystore.state()).toMatchObject({ state: 'locked', lockAt: null });
    expect(await codeOf(() => keystore.signingMaterial())).toBe('signing:locked');
    expect(changes).toEqual(['unlocked', 'locked']);
    // the certificate (public) stays visible while locked
    expect(keystore.state().certificate?.iin).toBe(pki.operatorIin);
  });

  it('locks on demand and unlocks again only with the right password', async () => {
    const keystore = new Keystore({ clock: new ManualClock() });
    await keystore.import({ path: join(pki.dir, pki.certs.operator.p12Legacy), password: 'Qwerty12' });
    expect(keystore.lock().state).toBe('locked');
    expect(await codeOf(keystore.unlock('nope'))).toBe('signing:wrongPassword');
    expect(keystore.state().state).toBe('locked');
    expect((await keystore.unlock('Qwerty12')).state).toBe('unlocked');
    keystore.setIdleLockSeconds(5);
    expect(keystore.state().idleLockSeconds).toBe(5);
    expect((await keystore.forget()).state).toBe('empty');
  });

  it('status carries public data only and passes the strict bridge schema', async () => {
    const keystore = new Keystore({ clock: new ManualClock() });
    await keystore.import({ path: join(pki.dir, pki.certs.operator.p12), password: 'Qwerty12' });
    const status = keystoreStatusSchema.parse({ ...keystore.state(), crl: null });
    const text = JSON.stringify(status);
    expect(text).not.toMatch(/PRIVATE|Qwerty12/);
    const key = keystore.signingMaterial().privateKey;
    expect(text).not.toContain(key.d.toString(16).slice(0, 32));
    expect(() => keystoreStatusSchema.parse({ ...status, privateKeyPem: 'x' })).toThrow(/privateKeyPem/);
  });
});
