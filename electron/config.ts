import { delimiter, join, resolve } from 'node:path';
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
  /** PEM files of the CAs whose certificates may sign requests (НУЦ РК; the test CA in development). */
  trustedCaPemFiles: z.array(z.string()).default([]),
  /** Where the CRL is published (http(s), file: URL or path); cached for offline use. */
  crlUrl: z.string().optional(),
  /** Idle seconds after which an unlocked key locks itself. */
  idleLockSeconds: z.coerce.number().int().min(30).default(300),
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
    trustedCaPemFiles: env.QABYLDAU_TRUSTED_CA ? env.QABYLDAU_TRUSTED_CA.split(delimiter) : (defaults.trustedCaPemFiles ?? []),
    crlUrl: env.QABYLDAU_CRL_URL ?? defaults.crlUrl,
    idleLockSeconds: env.QABYLDAU_IDLE_LOCK_SECONDS ?? defaults.idleLockSeconds,
  });
}
