import { delimiter, join, resolve } from 'node:path';
import { z } from 'zod';
import { createI18n } from '@shared/i18n/translate';

/**
 * Host configuration: where the API is and where data lives. The centre's identity and API key are not
 * configuration: they are enrolled once from a provisioning file and kept sealed (secrets/centre-enrolment.ts).
 */
export const hostConfigSchema = z.object({
  appName: z.string().default('Qabyldau'),
  appVersion: z.string(),
  apiUrl: z.url(),
  dataDir: z.string().min(1),
  rendererDir: z.string().min(1),
  /** PEM files of the CAs whose certificates may sign requests (НУЦ РК; the test CA in development). */
  trustedCaPemFiles: z.array(z.string()).default([]),
  /** Where the CRL is published (http(s), file: URL or path); cached for offline use. */
  crlUrl: z.string().optional(),
  /** Ceiling on a CRL's age (hours since thisUpdate); within it, a CRL is fresh until its nextUpdate. */
  crlMaxAgeHours: z.coerce.number().positive().max(24 * 90).default(7 * 24),
  /** Idle seconds after which an unlocked key locks itself. */
  idleLockSeconds: z.coerce.number().int().min(30).default(300),
});
export type HostConfig = z.infer<typeof hostConfigSchema>;

export function hostConfigFromEnv(env: NodeJS.ProcessEnv, defaults: Partial<HostConfig>): HostConfig {
  const dataDir = resolve(env.QABYLDAU_DATA_DIR ?? defaults.dataDir ?? '.data');
  return hostConfigSchema.parse({
    ...defaults,
    apiUrl: env.QABYLDAU_API_URL ?? defaults.apiUrl,
    dataDir,
    rendererDir: defaults.rendererDir ?? join(process.cwd(), 'dist', 'renderer'),
    trustedCaPemFiles: env.QABYLDAU_TRUSTED_CA ? env.QABYLDAU_TRUSTED_CA.split(delimiter) : (defaults.trustedCaPemFiles ?? []),
    crlUrl: env.QABYLDAU_CRL_URL ?? defaults.crlUrl,
    idleLockSeconds: env.QABYLDAU_IDLE_LOCK_SECONDS ?? defaults.idleLockSeconds,
    crlMaxAgeHours: env.QABYLDAU_CRL_MAX_AGE_HOURS ?? defaults.crlMaxAgeHours,
  });
}

const variableOf: Partial<Record<keyof HostConfig, string>> = {
  apiUrl: 'QABYLDAU_API_URL',
  dataDir: 'QABYLDAU_DATA_DIR',
  trustedCaPemFiles: 'QABYLDAU_TRUSTED_CA',
  crlUrl: 'QABYLDAU_CRL_URL',
  idleLockSeconds: 'QABYLDAU_IDLE_LOCK_SECONDS',
};

/** What to tell the operator (Kazakh, then Russian) when the host cannot start: which variables to set. */
export async function misconfigurationMessage(error: unknown): Promise<{ title: string; body: string; log: string }> {
  const fields = error instanceof z.ZodError ? error.issues.map((i) => String(i.path[0] ?? '')) : [];
  const variables = [...new Set(fields.map((f) => variableOf[f as keyof HostConfig] ?? f))].join(', ') || '?';
  const [kk, ru] = await Promise.all([createI18n('kk'), createI18n('ru')]);
  return {
    title: `${kk.t('errors:host.misconfiguredTitle')} / ${ru.t('errors:host.misconfiguredTitle')}`,
    body: `${kk.t('errors:host.misconfigured', { variables })}\n\n${ru.t('errors:host.misconfigured', { variables })}`,
    log: `missing or invalid ${variables}: ${error instanceof Error ? error.message : String(error)}`,
  };
}
