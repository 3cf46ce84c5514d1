import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError } from '@shared/errors';
import { createScanningServices } from '../scan/services';
import { createSigningService, type SigningService } from '../signing/service';
import type { HostConfig } from '../config';
import { createPrintServices, licensorCaFilesFromEnv, type PrintFileUrl } from '../print/services';
import type { SecretStore } from '../keystore/secret-store';
import { enrolFromProvisioningFile, enrolledCentre } from '../secrets/centre-enrolment';
import { loadOrCreateDataKeys, type HostDataKeys } from '../secrets/data-key';
import { openHostSecretStore } from '../secrets/sealed-store';
import type { SafeStorageLike } from '../secrets/sealer';
import { createApiSessionSource } from './api-session';
import type { HostServices } from './dispatch';

export interface Host {
  services: HostServices;
  signing: SigningService;
  secrets: SecretStore;
  keys: HostDataKeys;
}

export interface HostOptions {
  /** Electron's safeStorage (main.ts); without a usable one, secrets are sealed with a 0600 key file, loudly. */
  safeStorage?: SafeStorageLike;
  /** Tests pass their own store. */
  secrets?: SecretStore;
  printFileUrl?: PrintFileUrl;
  log?: (message: string) => void;
  /** Where renderer failures are written: the host log file under Electron, stderr on the loopback host. */
  reportLog?: (message: string) => void;
}

/** The host services behind the bridge: plain Node, the same whether IPC or the loopback transport calls them. */
export async function createHost(
  config: HostConfig,
  transport: 'ipc' | 'loopback',
  options: HostOptions = {},
): Promise<Host> {
  const log = options.log ?? ((message: string) => console.warn(`[host] ${message}`));
  const secrets = options.secrets ?? openHostSecretStore({ dataDir: config.dataDir, ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}), warn: log });
  await enrolFromProvisioningFile(config.dataDir, secrets, log);
  const keys = await loadOrCreateDataKeys(secrets);
  const apiSession = createApiSessionSource({ apiUrl: config.apiUrl, credentials: () => enrolledCentre(secrets) });
  const inbox = join(config.dataDir, 'inbox');
  const signing = await createSigningService({
    secretStore: secrets,
    dataDir: config.dataDir,
    trustedCaPemFiles: config.trustedCaPemFiles,
    ...(config.crlUrl ? { crlUrl: config.crlUrl } : {}),
    idleLockSeconds: config.idleLockSeconds,
    maxCrlAgeSeconds: Math.round(config.crlMaxAgeHours * 3600),
    // The renderer names a file in the host's inbox folder; it can never point the host at any other path.
    resolveImportPath: (name) => {
      if (basename(name) !== name || name.startsWith('.')) throw new AppError('signing:outsideInbox', { file: name });
      return join(inbox, name);
    },
  });

  const services: HostServices = {
    ...signing.handlers,
    ...createPrintServices({ dataDir: config.dataDir, licensorCaFiles: licensorCaFilesFromEnv(process.env), ...(options.printFileUrl ? { printFileUrl: options.printFileUrl } : {}) }),
    ...createScanningServices({ dataDir: config.dataDir, cipher: keys.files }),
    async 'app.info'() {
      const centre = await enrolledCentre(secrets);
      return { name: config.appName, version: config.appVersion, transport, platform: process.platform, dataDir: config.dataDir, apiUrl: config.apiUrl, centreId: centre?.centreId ?? '' };
    },
    async 'app.reportError'({ kind, message, stack, source }) {
      // Newlines are flattened so one report stays one log line, whatever the renderer sent.
      const line = [`renderer ${kind}: ${message}`, source && `at ${source}`, stack].filter(Boolean).join(' | ');
      (options.reportLog ?? ((m: string) => console.error(m)))(line.replace(/\s*\n\s*/g, ' \u21b5 '));
      return { logged: true as const };
    },
    async 'app.ping'({ nonce }) {
      return { nonce, receivedAt: new Date().toISOString() };
    },
    async 'operator.signIn'({ iin, name }) {
      return { operator: signing.operatorSession.signIn(iin, name) };
    },
    async 'operator.signOut'() {
      signing.operatorSession.signOut();
      signing.keystore.lock();
      return { operator: null };
    },
    async 'operator.status'() {
      return { operator: signing.operatorSession.view() };
    },
    async 'storage.keys'() {
      return { keyId: keys.keyId, encryptionKeyBase64: keys.renderer.encryptionKey.toString('base64'), indexKeyBase64: keys.renderer.indexKey.toString('base64') };
    },
    async 'api.session'() {
      const s = await apiSession();
      return { apiUrl: config.apiUrl, centreId: s.centreId, token: s.token, expiresAt: new Date(s.expiresAt).toISOString() };
    },
    async 'files.pick'({ extensions }) {
      await mkdir(inbox, { recursive: true, mode: 0o700 });
      const wanted = new Set(extensions.map((e) => `.${e}`));
      const files = [];
      for (const name of (await readdir(inbox)).sort()) {
        if (wanted.size && !wanted.has(extname(name).toLowerCase())) continue;
        const info = await stat(join(inbox, name));
        if (info.isFile()) files.push({ name, size: info.size });
      }
      return { files };
    },
  };
  return { services, signing, secrets, keys };
}
