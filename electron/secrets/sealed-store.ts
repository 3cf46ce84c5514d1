import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import type { SecretStore } from '../keystore/secret-store';
import { writePrivateFile } from '../fs/private-files';
import { keyFileSealer, safeStorageSealer, safeStorageUsable, type Protection, type SafeStorageLike, type Sealer } from './sealer';

const contentSchema = z.record(z.string(), z.string());

/**
 * The host's secrets as one sealed file: names and values both hidden. Writes are serialised and atomic, so two
 * concurrent `set`s never lose each other's value and a crash leaves the previous file intact.
 */
export class SealedFileSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly sealer: Sealer,
  ) {}

  get protection(): Protection {
    return this.sealer.protection;
  }

  private async readAll(): Promise<Record<string, string>> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let plain: Buffer;
    try {
      plain = await this.sealer.open(sealed);
    } catch (error) {
      // A keychain that changed (another OS account, a reinstalled OS) cannot open it: say so, do not start empty.
      throw new AppError('errors:storage.secretsUnreadable', undefined, error instanceof Error ? error.message : String(error));
    }
    return contentSchema.parse(JSON.parse(plain.toString('utf8')));
  }

  private update(change: (data: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const data = await this.readAll();
      change(data);
      await writePrivateFile(this.file, await this.sealer.seal(Buffer.from(JSON.stringify(data), 'utf8')));
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async get(name: string): Promise<string | null> {
    await this.queue;
    return (await this.readAll())[name] ?? null;
  }

  set(name: string, value: string): Promise<void> {
    return this.update((data) => void (data[name] = value));
  }

  delete(name: string): Promise<void> {
    return this.update((data) => void delete data[name]);
  }
}

export const secretsPaths = (dataDir: string) => ({
  file: join(dataDir, 'secrets', 'secrets.sealed'),
  keyFile: join(dataDir, 'secrets', 'host.key'),
});

/**
 * The desk's secret store: sealed by the OS keychain when Electron's safeStorage has one, otherwise by a 0600 key
 * file — said loudly in the log, because that protects only against other OS accounts and stray copies.
 */
export function openHostSecretStore(options: { dataDir: string; safeStorage?: SafeStorageLike; warn: (message: string) => void }): SealedFileSecretStore {
  const paths = secretsPaths(options.dataDir);
  if (safeStorageUsable(options.safeStorage)) return new SealedFileSecretStore(paths.file, safeStorageSealer(options.safeStorage));
  options.warn(
    `WEAKER SECRET PROTECTION: no OS keychain available; host secrets are sealed with the key file ${paths.keyFile} (mode 0600). ` +
      'Anyone who can read this account’s files can read them. Use the desktop app with an OS keychain at a service centre.',
  );
  return new SealedFileSecretStore(paths.file, keyFileSealer(paths.keyFile));
}
