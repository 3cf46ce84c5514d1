import { mkdir, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { HostConfig } from '../config';
import { createApiSessionSource } from './api-session';
import type { HostServices } from './dispatch';

/** The host services behind the bridge: plain Node, the same whether IPC or the loopback transport calls them. */
export function createHostServices(config: HostConfig, transport: 'ipc' | 'loopback'): HostServices {
  const apiSession = createApiSessionSource(config);
  const inbox = join(config.dataDir, 'inbox');

  return {
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
}
