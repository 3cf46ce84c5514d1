import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError } from '@shared/errors';
import { createScanningServices } from '../scan/services';
import { createSigningService, type SigningService } from '../signing/service';
import type { HostConfig } from '../config';
import { createPrintServices, licensorCaFilesFromEnv, type PrintFileUrl } from '../print/services';
import { createApiSessionSource } from './api-session';
import type { HostServices } from './dispatch';

export interface Host {
  services: HostServices;
  signing: SigningService;
}

/** The host services behind the bridge: plain Node, the same whether IPC or the loopback transport calls them. */
export async function createHost(
  config: HostConfig,
  transport: 'ipc' | 'loopback',
  options: { cipher?: Parameters<typeof createSigningService>[0]['cipher']; printFileUrl?: PrintFileUrl } = {},
): Promise<Host> {
  const apiSession = createApiSessionSource(config);
  const inbox = join(config.dataDir, 'inbox');
  const signing = await createSigningService({
    dataDir: config.dataDir,
    trustedCaPemFiles: config.trustedCaPemFiles,
    ...(config.crlUrl ? { crlUrl: config.crlUrl } : {}),
    idleLockSeconds: config.idleLockSeconds,
    ...(options.cipher ? { cipher: options.cipher } : {}),
    // The renderer names a file in the host's inbox folder; it can never point the host at any other path.
    resolveImportPath: (name) => {
      if (basename(name) !== name || name.startsWith('.')) throw new AppError('signing:badFile');
      return join(inbox, name);
    },
  });

  const services: HostServices = {
    ...signing.handlers,
    ...createPrintServices({ dataDir: config.dataDir, licensorCaFiles: licensorCaFilesFromEnv(process.env), ...(options.printFileUrl ? { printFileUrl: options.printFileUrl } : {}) }),
    ...createScanningServices(config),
    async 'app.info'() {
      return { name: config.appName, version: config.appVersion, transport, platform: process.platform, dataDir: config.dataDir, apiUrl: config.apiUrl, centreId: config.centreId };
    },
    async 'app.ping'({ nonce }) {
      return { nonce, receivedAt: new Date().toISOString() };
    },
    async 'api.session'() {
      const s = await apiSession();
      return { apiUrl: config.apiUrl, centreId: s.centreId, token: s.token, expiresAt: new Date(s.expiresAt).toISOString() };
    },
    async 'files.pick'({ extensions }) {
      await mkdir(inbox, { recursive: true });
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
  return { services, signing };
}
