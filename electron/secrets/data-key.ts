import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretStore } from '../keystore/secret-store';
import { fileCipher, type FileCipher } from './envelope';

const SECRET_NAME = 'data-key.v1';

/**
 * The desk's data key: 32 random bytes made on first start and kept only in the sealed secret store. Nothing uses
 * it directly; each consumer gets its own HKDF-derived key, so a key handed to the renderer can never open the
 * host's files, and vice versa.
 *
 * - `files`: the host's page store and hot-folder archive (AES-256-GCM envelopes, see envelope.ts);
 * - `renderer`: what the `storage.keys` bridge method hands the renderer for IndexedDB — an AES-256-GCM key for
 *   personal fields, form data and attachments, and an HMAC-SHA-256 key for blind indexes (a keyed hash of the
 *   ИИН/БИН gives exact offline lookup without storing the number). The renderer imports them as
 *   non-extractable WebCrypto keys and never persists them; it asks again after each start.
 * `keyId` names the key generation (not secret), so stored records can say which key sealed them.
 */
export interface HostDataKeys {
  keyId: string;
  files: FileCipher;
  renderer: { encryptionKey: Buffer; indexKey: Buffer };
}

const derive = (root: Buffer, info: string) => Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), Buffer.from(info, 'utf8'), 32));

export async function loadOrCreateDataKeys(secrets: SecretStore): Promise<HostDataKeys> {
  let encoded = await secrets.get(SECRET_NAME);
  if (!encoded) {
    encoded = randomBytes(32).toString('base64');
    await secrets.set(SECRET_NAME, encoded);
  }
  const root = Buffer.from(encoded, 'base64');
  if (root.length !== 32) throw new Error('the stored data key is damaged');
  return {
    keyId: createHash('sha256').update(derive(root, 'qabyldau key id v1')).digest('hex').slice(0, 16),
    files: fileCipher(derive(root, 'qabyldau host files v1')),
    renderer: { encryptionKey: derive(root, 'qabyldau renderer records v1'), indexKey: derive(root, 'qabyldau renderer blind index v1') },
  };
}
