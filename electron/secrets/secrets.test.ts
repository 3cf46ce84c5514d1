import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { enrolFromProvisioningFile, enrolledCentre, provisioningFile } from './centre-enrolment';
import { loadOrCreateDataKeys } from './data-key';
import { openBytes, sealBytes } from './envelope';
import { openHostSecretStore, SealedFileSecretStore, secretsPaths } from './sealed-store';
import { keyFileSealer, safeStorageSealer, type SafeStorageLike } from './sealer';
import { MemorySecretStore } from '../keystore/secret-store';

const tempDir = () => mkdtemp(join(tmpdir(), 'qabyldau-secrets-'));

async function codeOf(run: () => unknown): Promise<string> {
  const error = await Promise.resolve().then(run).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

/** A stand-in keychain: real encryption under a key the "OS" holds, as safeStorage does. */
function fakeKeychain(backend = 'gnome_libsecret'): SafeStorageLike & { key: Buffer } {
  const key = randomBytes(32);
  return {
    key,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => sealBytes(key, Buffer.from(plain, 'utf8'), 'os'),
    decryptString: (sealed) => openBytes(key, sealed, 'os').toString('utf8'),
  };
}

describe('AES-256-GCM envelope', () => {
  const key = randomBytes(32);
  const plain = Buffer.from('ИИН 900101300811 — Тестов Тест');

  it('round-trips and hides the plaintext', () => {
    const sealed = sealBytes(key, plain, 'page 1');
    expect(sealed.includes(Buffer.from('900101300811'))).toBe(false);
    expect(openBytes(key, sealed, 'page 1').equals(plain)).toBe(true);
  });

  it('refuses a flipped bit, a truncation, another label, another key or foreign bytes with storage.tampered', async () => {
    const sealed = sealBytes(key, plain, 'page 1');
    const flipped = Buffer.from(sealed);
    flipped[20]! ^= 1;
    expect(await codeOf(() => openBytes(key, flipped, 'page 1'))).toBe('errors:storage.tampered');
    expect(await codeOf(() => openBytes(key, sealed.subarray(0, sealed.length - 1), 'page 1'))).toBe('errors:storage.tampered');
    expect(await codeOf(() => openBytes(key, sealed, 'page 2'))).toBe('errors:storage.tampered');
    expect(await codeOf(() => openBytes(randomBytes(32), sealed, 'page 1'))).toBe('errors:storage.tampered');
    expect(await codeOf(() => openBytes(key, Buffer.from('%PDF-1.7 plain'), 'page 1'))).toBe('errors:storage.tampered');
  });
});

describe('host secret store', () => {
  it('seals names and values with the OS keychain; another keychain cannot read them', async () => {
    const dir = await tempDir();
    const keychain = fakeKeychain();
    const store = openHostSecretStore({ dataDir: dir, safeStorage: keychain, warn: () => expect.fail('no warning with a keychain') });
    expect(store.protection).toBe('os-keychain');
    await Promise.all([store.set('centre.v1', 'secret-key-value-1'), store.set('keystore.path', '/keys/RSA256_abc.p12')]);
    const raw = await readFile(secretsPaths(dir).file);
    expect(raw.toString('latin1')).not.toMatch(/secret-key-value|RSA256_abc|centre\.v1/);
    expect((await stat(secretsPaths(dir).file)).mode & 0o777).toBe(0o600);
    expect(await store.get('centre.v1')).toBe('secret-key-value-1');
    expect(await store.get('keystore.path')).toBe('/keys/RSA256_abc.p12');
    await store.delete('keystore.path');
    expect(await new SealedFileSecretStore(secretsPaths(dir).file, safeStorageSealer(keychain)).get('keystore.path')).toBeNull();
    const stranger = new SealedFileSecretStore(secretsPaths(dir).file, safeStorageSealer(fakeKeychain()));
    expect(await codeOf(() => stranger.get('centre.v1'))).toBe('errors:storage.secretsUnreadable');
  });

  it('falls back to a 0600 key file, loudly, when there is no keychain (loopback mode, Linux basic_text)', async () => {
    for (const safeStorage of [undefined, fakeKeychain('basic_text'), { ...fakeKeychain(), isEncryptionAvailable: () => false }]) {
      const dir = await tempDir();
      const warnings: string[] = [];
      const store = openHostSecretStore({ dataDir: dir, ...(safeStorage ? { safeStorage } : {}), warn: (m) => warnings.push(m) });
      expect(store.protection).toBe('key-file');
      expect(warnings.join('\n')).toMatch(/WEAKER SECRET PROTECTION/);
      await store.set('centre.v1', 'secret-key-value-2');
      expect((await stat(secretsPaths(dir).keyFile)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'secrets'))).mode & 0o777).toBe(0o700);
      expect((await readFile(secretsPaths(dir).file)).toString('latin1')).not.toContain('secret-key-value-2');
      expect(await new SealedFileSecretStore(secretsPaths(dir).file, keyFileSealer(secretsPaths(dir).keyFile)).get('centre.v1')).toBe('secret-key-value-2');
    }
  });
});

describe('centre enrolment', () => {
  it('seals the provisioning file into the store and deletes it; an invalid file is left alone and unused', async () => {
    const dir = await tempDir();
    const secrets = new MemorySecretStore();
    const log: string[] = [];
    expect(await enrolFromProvisioningFile(dir, secrets, (m) => log.push(m))).toBe('none');
    await writeFile(provisioningFile(dir), JSON.stringify({ centreId: 'CON-01', centreKey: 'short' }));
    expect(await enrolFromProvisioningFile(dir, secrets, (m) => log.push(m))).toBe('invalid');
    expect(await enrolledCentre(secrets)).toBeNull();
    await writeFile(provisioningFile(dir), JSON.stringify({ centreId: 'CON-01', centreKey: 'k'.repeat(32) }));
    expect(await enrolFromProvisioningFile(dir, secrets, (m) => log.push(m))).toBe('enrolled');
    await expect(stat(provisioningFile(dir))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await enrolledCentre(secrets)).toEqual({ centreId: 'CON-01', centreKey: 'k'.repeat(32) });
    expect(log.join('\n')).not.toContain('k'.repeat(32));
  });
});

describe('data key', () => {
  it('is made once and kept; the renderer and the host files get different derived keys', async () => {
    const secrets = new MemorySecretStore();
    const first = await loadOrCreateDataKeys(secrets);
    const again = await loadOrCreateDataKeys(secrets);
    expect(again.keyId).toBe(first.keyId);
    expect(again.renderer.encryptionKey.equals(first.renderer.encryptionKey)).toBe(true);
    const root = Buffer.from((await secrets.get('data-key.v1'))!, 'base64');
    const keys = [root, first.renderer.encryptionKey, first.renderer.indexKey];
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(3);
    // A file sealed for the host does not open with the renderer's key.
    const sealed = first.files.seal(Buffer.from('page'), 'p');
    expect(again.files.open(sealed, 'p').toString()).toBe('page');
    expect(await codeOf(() => openBytes(first.renderer.encryptionKey, sealed, 'p'))).toBe('errors:storage.tampered');
    expect(await codeOf(() => openBytes(root, sealed, 'p'))).toBe('errors:storage.tampered');
  });
});
