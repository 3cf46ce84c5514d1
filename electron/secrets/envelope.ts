import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@shared/errors';

/**
 * AES-256-GCM envelope for data at rest: magic "QBE1" | 12-byte nonce | ciphertext | 16-byte tag. The associated
 * data names what the bytes are (e.g. a page id), so a file swapped for another one fails like a tampered one.
 * A random 96-bit nonce per message is safe far beyond the number of files a desk writes under one key.
 */
const MAGIC = Buffer.from('QBE1');
const NONCE = 12;
const TAG = 16;

export function sealBytes(key: Uint8Array, plain: Uint8Array, aad: string): Buffer {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()]);
}

/** Throws `errors:storage.tampered` when the bytes were changed, truncated, swapped or sealed under another key. */
export function openBytes(key: Uint8Array, sealed: Uint8Array, aad: string): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < MAGIC.length + NONCE + TAG || !data.subarray(0, MAGIC.length).equals(MAGIC))
    throw new AppError('errors:storage.tampered', undefined, 'not a sealed envelope');
  const nonce = data.subarray(MAGIC.length, MAGIC.length + NONCE);
  const tag = data.subarray(data.length - TAG);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(MAGIC.length + NONCE, data.length - TAG)), decipher.final()]);
  } catch (error) {
    throw new AppError('errors:storage.tampered', undefined, error instanceof Error ? error.message : String(error));
  }
}

/** What other modules get: a key already bound in, so none of them ever handles the raw key. */
export interface FileCipher {
  seal(plain: Uint8Array, aad: string): Buffer;
  open(sealed: Uint8Array, aad: string): Buffer;
}

export function fileCipher(key: Uint8Array): FileCipher {
  const bound = Buffer.from(key);
  return { seal: (plain, aad) => sealBytes(bound, plain, aad), open: (sealed, aad) => openBytes(bound, sealed, aad) };
}
