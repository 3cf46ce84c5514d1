import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pemBlocks } from '../../shared/signing/certificate';
import { systemClock, type Clock } from '../keystore/clock';
import { DEFAULT_IDLE_LOCK_SECONDS, Keystore } from '../keystore/keystore';
import type { SecretStore } from '../keystore/secret-store';
import { CrlCache } from './crl-cache';
import { createSigningHandlers, type SigningHandlers } from './handlers';
import { OperatorSession } from './operator-session';

/** A week: a CRL is used until its nextUpdate, but never once it is older than this. */
export const DEFAULT_MAX_CRL_AGE_SECONDS = 7 * 24 * 3600;

export interface SigningServiceOptions {
  /** Host data directory; the service keeps `keystore/` and `crl/` under it. */
  dataDir: string;
  /** PEM files (or PEM text) of the CAs the central API trusts (НУЦ РК RSA, or the test CA in development). */
  trustedCaPemFiles: string[];
  /** CRL download location: http(s) URL, file: URL or path. */
  crlUrl?: string;
  /** Ceiling on a CRL's age on top of its nextUpdate (RFC 5280); default 7 days. */
  maxCrlAgeSeconds?: number;
  idleLockSeconds?: number;
  /** The host's sealed secret store; the keystore remembers the chosen certificate's path in it. */
  secretStore?: SecretStore;
  resolveImportPath?: (path: string) => string;
  clock?: Clock;
}

export interface SigningService {
  keystore: Keystore;
  crl: CrlCache;
  operatorSession: OperatorSession;
  handlers: SigningHandlers;
  /** Try to refresh the CRL now (e.g. when the network comes back); failures leave the cache as it was. */
  refreshCrl(): Promise<void>;
}

/** One call for main.ts / the loopback host: builds the keystore and CRL cache, restores state, returns handlers. */
export async function createSigningService(options: SigningServiceOptions): Promise<SigningService> {
  const clock = options.clock ?? systemClock;
  if (options.secretStore) await migrateRememberedPath(join(options.dataDir, 'keystore', 'remembered.json'), options.secretStore);
  const trustedCasDer = (await Promise.all(options.trustedCaPemFiles.map((file) => readFile(file, 'utf8')))).flatMap((pem) => pemBlocks(pem));
  const keystore = new Keystore({
    idleLockSeconds: options.idleLockSeconds ?? DEFAULT_IDLE_LOCK_SECONDS,
    clock,
    ...(options.secretStore ? { secretStore: options.secretStore } : {}),
    storeDir: join(options.dataDir, 'keystore'),
  });
  const crl = new CrlCache({
    ...(options.crlUrl ? { url: options.crlUrl } : {}),
    cacheFile: join(options.dataDir, 'crl', 'current.crl'),
    trustedCasDer,
    maxAgeSeconds: options.maxCrlAgeSeconds ?? DEFAULT_MAX_CRL_AGE_SECONDS,
    clock,
  });
  await keystore.restore();
  await crl.load();
  const refreshCrl = async () => {
    try {
      await crl.refresh();
    } catch {
      // offline or the CA endpoint is down: signing decides against the staleness policy when it happens
    }
  };
  if (!crl.status()?.fresh) await refreshCrl();
  const operatorSession = new OperatorSession({ clock });
  const handlers = createSigningHandlers({ keystore, crl, trustedCasDer, clock, operatorSession, ...(options.resolveImportPath ? { resolveImportPath: options.resolveImportPath } : {}) });
  return { keystore, crl, operatorSession, handlers, refreshCrl };
}

/**
 * Earlier versions kept the remembered certificate path in a plain `keystore/remembered.json`: move a plain value
 * into the sealed store and delete the file (a value sealed by the old scheme is dropped; the operator re-imports).
 */
async function migrateRememberedPath(file: string, secrets: SecretStore): Promise<void> {
  let old: Record<string, { enc?: boolean; value?: unknown }>;
  try {
    old = JSON.parse(await readFile(file, 'utf8')) as typeof old;
  } catch {
    return;
  }
  const entry = old['keystore.path'];
  if (entry && entry.enc === false && typeof entry.value === 'string' && !(await secrets.get('keystore.path'))) await secrets.set('keystore.path', entry.value);
  await rm(file, { force: true });
}
