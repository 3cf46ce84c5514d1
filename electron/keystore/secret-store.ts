import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where the keystore remembers which .p12 the operator chose. It holds a file path, never a password or key:
 * the container stays encrypted under the operator's password wherever it lives.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** The subset of Electron's `safeStorage` we use, so main.ts can pass it in without this module importing electron. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * A small JSON file of name → value. With a cipher (Electron safeStorage: DPAPI / Keychain / libsecret) values are
 * encrypted at rest; without one (no keyring, tests, the loopback dev host) values are stored as plain text, which
 * is acceptable only because the single value we keep is the path of an encrypted container.
 */
export class FileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher?: StringCipher,
  ) {}

  private encrypts(): boolean {
    return this.cipher?.isEncryptionAvailable() ?? false;
  }

  private async readAll(): Promise<Record<string, { enc: boolean; value: string }>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, { enc: boolean; value: string }>;
    } catch {
      return {};
    }
  }

  private async writeAll(data: Record<string, { enc: boolean; value: string }>): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
    await rename(tmp, this.file);
  }

  async get(name: string): Promise<string | null> {
    const entry = (await this.readAll())[name];
    if (!entry) return null;
    if (!entry.enc) return entry.value;
    if (!this.cipher?.isEncryptionAvailable()) return null;
    try {
      return this.cipher.decryptString(Buffer.from(entry.value, 'base64'));
    } catch {
      return null;
    }
  }

  async set(name: string, value: string): Promise<void> {
    const data = await this.readAll();
    data[name] = this.encrypts()
      ? { enc: true, value: this.cipher!.encryptString(value).toString('base64') }
      : { enc: false, value };
    await this.writeAll(data);
  }

  async delete(name: string): Promise<void> {
    const data = await this.readAll();
    delete data[name];
    await this.writeAll(data);
  }
}

export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }
  async delete(name: string): Promise<void> {
    this.values.delete(name);
  }
}
