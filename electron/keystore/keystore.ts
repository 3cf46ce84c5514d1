import { readFile } from 'node:fs/promises';
import { writePrivateFile } from '../fs/private-files';
import { basename, join } from 'node:path';
import type forge from 'node-forge';
import { AppError } from '../../shared/errors';
import { describeCertificate } from '../../shared/signing/certificate';
import type { CertificateInfo, KeystoreImportArgs, KeystoreStatus } from '../../shared/signing/schemas';
import { systemClock, type Clock } from './clock';
import { chooseSigningPair, openPkcs12 } from './pkcs12';
import type { SecretStore } from './secret-store';

/** What signing needs while the keystore is unlocked. Lives only in main-process memory; never serialised. */
export interface SigningMaterial {
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  certificateDer: Uint8Array;
  /** Other certificates from the container (issuing CA), included in the CMS to help path building. */
  chainDer: Uint8Array[];
  info: CertificateInfo;
}

export interface KeystoreOptions {
  idleLockSeconds?: number;
  clock?: Clock;
  /** Remembers the chosen container path between runs (Electron safeStorage in main.ts). */
  secretStore?: SecretStore;
  /** Where a container imported as bytes is copied (still encrypted) so it can be unlocked after a restart. */
  storeDir?: string;
}

const PATH_KEY = 'keystore.path';
export const DEFAULT_IDLE_LOCK_SECONDS = 300;

export type KeystoreState = Omit<KeystoreStatus, 'crl'>;

/**
 * The operator's certificate store in the main process. The password is used once to open the container and is
 * never kept; the private key stays in this object until lock(), the idle timer, or process exit.
 * (A JS string cannot be wiped; dropping every reference promptly is the best the runtime allows.)
 */
export class Keystore {
  private idleLockMs: number;
  private readonly clock: Clock;
  private container: { bytes: Uint8Array; fileName: string } | null = null;
  private certificate: CertificateInfo | null = null;
  private material: SigningMaterial | null = null;
  private timer: unknown = null;
  private lockAt: number | null = null;
  private readonly listeners = new Set<(state: KeystoreState) => void>();

  constructor(private readonly options: KeystoreOptions = {}) {
    this.idleLockMs = (options.idleLockSeconds ?? DEFAULT_IDLE_LOCK_SECONDS) * 1000;
    this.clock = options.clock ?? systemClock;
  }

  /** Restores the remembered container (locked). A vanished file just leaves the keystore empty. */
  async restore(): Promise<KeystoreState> {
    const path = await this.options.secretStore?.get(PATH_KEY);
    if (path) {
      try {
        this.container = { bytes: new Uint8Array(await readFile(path)), fileName: basename(path) };
      } catch {
        await this.options.secretStore?.delete(PATH_KEY);
      }
    }
    return this.state();
  }

  /** Opens a new container with its password; on success it is remembered and left unlocked. */
  async import(args: Pick<KeystoreImportArgs, 'path' | 'bytesBase64' | 'fileName' | 'password'>): Promise<KeystoreState> {
    let bytes: Uint8Array;
    let fileName: string;
    let path: string | null = null;
    if (args.path !== undefined) {
      try {
        bytes = new Uint8Array(await readFile(args.path));
      } catch {
        throw new AppError('signing:fileNotFound', { file: basename(args.path) });
      }
      path = args.path;
      fileName = args.fileName ?? basename(args.path);
    } else if (args.bytesBase64 !== undefined) {
      bytes = new Uint8Array(Buffer.from(args.bytesBase64, 'base64'));
      fileName = args.fileName ?? 'keystore.p12';
    } else {
      throw new AppError('signing:badFile');
    }
    const material = await this.open(bytes, args.password);
    if (path === null && this.options.storeDir) {
      path = join(this.options.storeDir, 'operator-keystore.p12');
      await writePrivateFile(path, bytes);
    }
    if (path !== null) await this.options.secretStore?.set(PATH_KEY, path);
    this.lock();
    this.container = { bytes, fileName };
    this.becomeUnlocked(material);
    return this.state();
  }

  async unlock(password: string): Promise<KeystoreState> {
    if (!this.container) throw new AppError('signing:noKeystore');
    const material = await this.open(this.container.bytes, password);
    this.becomeUnlocked(material);
    return this.state();
  }

  lock(): KeystoreState {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.lockAt = null;
    const wasUnlocked = this.material !== null;
    this.material = null;
    if (wasUnlocked) this.emit();
    return this.state();
  }

  /** Forgets the container entirely (the operator picks another file). */
  async forget(): Promise<KeystoreState> {
    this.lock();
    this.container = null;
    this.certificate = null;
    await this.options.secretStore?.delete(PATH_KEY);
    return this.state();
  }

  setIdleLockSeconds(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds <= 0) throw new RangeError('idle lock seconds must be a positive integer');
    this.idleLockMs = seconds * 1000;
    if (this.material) this.armTimer();
  }

  state(): KeystoreState {
    return {
      state: this.material ? 'unlocked' : this.container ? 'locked' : 'empty',
      fileName: this.container?.fileName ?? null,
      idleLockSeconds: Math.round(this.idleLockMs / 1000),
      lockAt: this.lockAt === null ? null : new Date(this.lockAt).toISOString(),
      certificate: this.certificate,
    };
  }

  /** The unlocked key for one signature; each use restarts the idle timer. */
  signingMaterial(): SigningMaterial {
    if (!this.material) throw new AppError(this.container ? 'signing:locked' : 'signing:noKeystore');
    this.armTimer();
    return this.material;
  }

  onChange(listener: (state: KeystoreState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async open(bytes: Uint8Array, password: string): Promise<SigningMaterial> {
    const opened = openPkcs12(bytes, password);
    const pair = chooseSigningPair(opened.pairs);
    const others = opened.pairs.filter((p) => p !== pair).map((p) => p.certificateDer);
    return {
      privateKey: pair.privateKey,
      certificate: pair.certificate,
      certificateDer: pair.certificateDer,
      chainDer: opened.otherCertificatesDer.filter((der) => !others.includes(der)),
      info: await describeCertificate(pair.certificateDer),
    };
  }

  private becomeUnlocked(material: SigningMaterial): void {
    this.material = material;
    this.certificate = material.info;
    this.armTimer();
    this.emit();
  }

  private armTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.lockAt = this.clock.now() + this.idleLockMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.lock();
    }, this.idleLockMs);
  }

  private emit(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
