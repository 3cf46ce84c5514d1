import type { HostBridge } from '@shared/bridge/contract';

/**
 * One AES-256-GCM ciphertext as stored in IndexedDB. `keyId` names the key generation that sealed it (not secret);
 * the 12-byte IV is random per seal. The associated data (never stored) binds the ciphertext to its table, row and
 * field, so a sealed value copied into another row does not open there.
 */
export interface Sealed {
  v: 1;
  keyId: string;
  iv: Uint8Array;
  ct: ArrayBuffer;
}

export const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' &&
  value !== null &&
  (value as Sealed).v === 1 &&
  (value as Sealed).ct instanceof ArrayBuffer;

const utf8 = new TextEncoder();
const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The renderer's keys for citizens' personal data at rest in IndexedDB: an AES-GCM key that seals personal fields
 * and attachment bytes, and an HMAC-SHA-256 key for blind indexes (exact ИИН/БИН lookup without storing the
 * number). Both are non-extractable WebCrypto keys held in memory only; the host derives them from the desk's
 * sealed data key and hands them over on every start (`storage.keys`). Nothing here is ever persisted.
 */
export class RecordVault {
  private constructor(
    readonly keyId: string,
    private readonly encryptionKey: CryptoKey,
    private readonly indexKey: CryptoKey,
  ) {}

  /** Imports raw key bytes as non-extractable keys; the caller should drop its copy of the bytes afterwards. */
  static async fromRaw(keyId: string, encryptionKey: Uint8Array, indexKey: Uint8Array): Promise<RecordVault> {
    const enc = await crypto.subtle.importKey(
      'raw',
      encryptionKey as BufferSource,
      { name: 'AES-GCM' },
      false,
      ['encrypt', 'decrypt'],
    );
    const idx = await crypto.subtle.importKey(
      'raw',
      indexKey as BufferSource,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    encryptionKey.fill(0);
    indexKey.fill(0);
    return new RecordVault(keyId, enc, idx);
  }

  /** Asks the host for this desk's keys (after every start: they are never stored in the renderer). */
  static async fromHost(bridge: HostBridge): Promise<RecordVault> {
    const keys = await bridge.call('storage.keys', {});
    return RecordVault.fromRaw(
      keys.keyId,
      fromBase64(keys.encryptionKeyBase64),
      fromBase64(keys.indexKeyBase64),
    );
  }

  /** The key handles (non-extractable: usable, never readable) for the loopback fallback in key-handles.ts. */
  handles(): { keyId: string; encryptionKey: CryptoKey; indexKey: CryptoKey } {
    return { keyId: this.keyId, encryptionKey: this.encryptionKey, indexKey: this.indexKey };
  }

  static fromHandles(h: { keyId: string; encryptionKey: CryptoKey; indexKey: CryptoKey }): RecordVault {
    if (h.encryptionKey.extractable || h.indexKey.extractable)
      throw new Error('record keys must be non-extractable');
    return new RecordVault(h.keyId, h.encryptionKey, h.indexKey);
  }

  async sealBytes(bytes: Uint8Array, context: string): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: utf8.encode(context) },
      this.encryptionKey,
      bytes as BufferSource,
    );
    return { v: 1, keyId: this.keyId, iv, ct };
  }

  /** Throws when the ciphertext was altered, moved to another row, or sealed under another desk's key. */
  async openBytes(sealed: Sealed, context: string): Promise<Uint8Array> {
    if (sealed.keyId !== this.keyId)
      throw new Error(`record sealed under key ${sealed.keyId}, this desk holds ${this.keyId}`);
    const iv = new Uint8Array(sealed.iv);
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: utf8.encode(context) },
        this.encryptionKey,
        sealed.ct,
      ),
    );
  }

  /** JSON in, JSON out: strings (a signed document's exact text among them) come back character for character. */
  sealJson(value: unknown, context: string): Promise<Sealed> {
    return this.sealBytes(utf8.encode(JSON.stringify(value)), context);
  }

  async openJson<T>(sealed: Sealed, context: string): Promise<T> {
    return JSON.parse(new TextDecoder().decode(await this.openBytes(sealed, context))) as T;
  }

  /**
   * Keyed HMAC-SHA-256 of a normalised identifier: equal inputs give equal indexes (exact-match search), but
   * without the key the 12-digit ИИН/БИН cannot be recovered by trying every number.
   */
  async blindIndex(kind: 'party' | 'receipt', value: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', this.indexKey, utf8.encode(`${kind}:${value.trim()}`));
    return hex(mac);
  }
}
