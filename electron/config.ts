import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Host configuration: where the API is, which centre this workstation belongs to, and where data lives. */
export const hostConfigSchema = z.object({
  appName: z.string().default('Qabyldau'),
  appVersion: z.string(),
  apiUrl: z.url(),
  centreId: z.string().min(1),
  /** The centre's provisioned API key: a secret that stays in the host process. */
  centreKey: z.string().min(16),
  dataDir: z.string().min(1),
  rendererDir: z.string().min(1),
});
export type HostConfig = z.infer<typeof hostConfigSchema>;

export function hostConfigFromEnv(env: NodeJS.ProcessEnv, defaults: Partial<HostConfig>): HostConfig {
  const dataDir = resolve(env.QABYLDAU_DATA_DIR ?? defaults.dataDir ?? '.data');
  return hostConfigSchema.parse({
    ...defaults,
    apiUrl: env.QABYLDAU_API_URL ?? defaults.apiUrl,
    centreId: env.QABYLDAU_CENTRE_ID ?? defaults.centreId,
    centreKey: env.QABYLDAU_CENTRE_KEY ?? defaults.centreKey,
    dataDir,
    rendererDir: defaults.rendererDir ?? join(process.cwd(), 'dist', 'renderer'),
  });
}
