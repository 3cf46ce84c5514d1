import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../fs/private-files';
import { openBytes, sealBytes } from './envelope';

/**
 * What protects the host's secrets file (centre key, data key, remembered certificate path):
 * - `os-keychain`: Electron `safeStorage` — DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux;
 * - `key-file`: a random key in a 0600 file under the data folder — the loopback/development mode, and the
 *   fallback where no keychain exists. Weaker: anyone who can read the desk account's files can read the key.
 */
export type Protection = 'os-keychain' | 'key-file';

export interface Sealer {
  readonly protection: Protection;
  seal(plain: Uint8Array): Promise<Buffer>;
  open(sealed: Uint8Array): Promise<Buffer>;
}

/** The part of Electron's `safeStorage` we use; main.ts passes the real one, so this module never imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means Chromium's hard-coded password, i.e. no keychain at all. */
  getSelectedStorageBackend?(): string;
}

export function safeStorageSealer(safeStorage: SafeStorageLike): Sealer {
  return {
    protection: 'os-keychain',
    seal: async (plain) => safeStorage.encryptString(Buffer.from(plain).toString('base64')),
    open: async (sealed) => Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'),
  };
}

/** Whether safeStorage really is backed by an OS keychain (not Linux's plain-text fallback). */
export function safeStorageUsable(safeStorage: SafeStorageLike | undefined): safeStorage is SafeStorageLike {
  if (!safeStorage?.isEncryptionAvailable()) return false;
  const backend = safeStorage.getSelectedStorageBackend?.();
  return backend === undefined || (backend !== 'basic_text' && backend !== 'unknown');
}

export function keyFileSealer(keyFile: string): Sealer {
  let key: Promise<Buffer> | undefined;
  const load = () => (key ??= readOrCreateKey(keyFile));
  const aad = 'qabyldau secrets file';
  return {
    protection: 'key-file',
    seal: async (plain) => sealBytes(await load(), plain, aad),
    open: async (sealed) => openBytes(await load(), sealed, aad),
  };
}

async function readOrCreateKey(keyFile: string): Promise<Buffer> {
  await ensurePrivateDir(dirname(keyFile));
  try {
    // 'wx': of two processes starting at once, exactly one creates the key and the other reads it.
    const handle = await open(keyFile, 'wx', PRIVATE_FILE_MODE);
    const fresh = randomBytes(32);
    try {
      await handle.writeFile(fresh);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const existing = await readFile(keyFile);
  if (existing.length !== 32) throw new Error(`host key file ${keyFile} is damaged (${existing.length} bytes)`);
  return existing;
}
