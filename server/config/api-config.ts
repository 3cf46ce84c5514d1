/**
 * The reference API's one configuration path: `server/main.ts` (and through it `npm start` and e2e) reads it from
 * environment variables and/or a JSON file, validates it with zod at start, and refuses to start with a one-line
 * reason when it is incomplete. Tests build the same `ServerOptions` in code (server/app.ts), where the only way
 * around trust anchors is the explicit, loudly logged `insecureAcceptUnsigned` test switch — never reachable from
 * here. Every variable is documented in README "Reference API configuration".
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { pemBlocks } from '@shared/signing/certificate';
import type { ServerOptions } from '../app';
import type { SignatureOptions } from '../signature/policy';
import { defaultUploadLimits } from '../uploads/admission';
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_OFFLINE_WINDOW_DAYS } from '../signature/verify';

const seed = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  key: z.string().min(16).max(200),
});

export const apiConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  /** PostgreSQL; absent → the embedded PGlite under `dataDir`. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  dataDir: z.string().min(1).default('.data/server/db'),
  uploadsDir: z.string().min(1).optional(),
  /** Base of the verification link printed (QR) in licensor-signed decisions; absent → http://host:port. */
  publicBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  trust: z.strictObject({
    /** PEM files of the CAs whose certificates may sign applications (bundles allowed). */
    trustedCaFiles: z
      .array(z.string().min(1))
      .min(1, "no trusted CA: set QABYLDAU_TRUSTED_CA to the operators' CA certificate (PEM)"),
    /** CRL files (DER or PEM) of those CAs, re-read on every check. */
    crlFiles: z
      .array(z.string().min(1))
      .min(1, "no CRL source: set QABYLDAU_CRL_FILE to the CA's CRL (DER or PEM)"),
    offlineWindowDays: z.coerce.number().int().min(0).max(365).default(DEFAULT_OFFLINE_WINDOW_DAYS),
    clockSkewSeconds: z.coerce.number().int().min(0).max(3600).default(DEFAULT_CLOCK_SKEW_SECONDS),
  }),
  /** Per-centre upload quotas (server/uploads/admission.ts); a deployment sizes them to its centres' days. */
  uploads: z
    .strictObject({
      maxOpenUploads: z.coerce.number().int().min(1).default(defaultUploadLimits.maxOpenUploads),
      maxOpenBytes: z.coerce.number().int().min(1).default(defaultUploadLimits.maxOpenBytes),
      maxUploadBytes: z.coerce.number().int().min(1).default(defaultUploadLimits.maxUploadBytes),
      expireAfterHours: z.coerce
        .number()
        .positive()
        .max(24 * 30)
        .default(defaultUploadLimits.expireAfterMs / 3_600_000),
    })
    .prefault({}),
  centres: z.array(seed).default([]),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  licensors: z.array(seed).default([]),
  /** PEM files of the licensor's decision-signing certificate and PKCS#8 key; absent → deciding answers 503. */
  licensorSigner: z.strictObject({ certPem: z.string().min(1), keyPem: z.string().min(1) }).optional(),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** Refusal to start; `message` is the one line printed. */
export class ApiConfigError extends Error {
  override name = 'ApiConfigError';
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function json(name: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new ApiConfigError(`${name} is not valid JSON`);
  }
}

/** Drops undefined members so a missing variable never overrides the file (or the default). */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Reads `QABYLDAU_API_CONFIG` (a JSON file of the schema above) when set, then lets each environment variable
 * override its field, then validates. Throws ApiConfigError with one line naming the first problem.
 */
export async function loadApiConfig(env: Record<string, string | undefined>): Promise<ApiConfig> {
  let file: Record<string, unknown> = {};
  if (env.QABYLDAU_API_CONFIG) {
    let text: string;
    try {
      text = await readFile(env.QABYLDAU_API_CONFIG, 'utf8');
    } catch {
      throw new ApiConfigError(`cannot read QABYLDAU_API_CONFIG file ${env.QABYLDAU_API_CONFIG}`);
    }
    const parsed = json('QABYLDAU_API_CONFIG', text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ApiConfigError('QABYLDAU_API_CONFIG must hold a JSON object');
    file = parsed as Record<string, unknown>;
  }
  const fileTrust = (file.trust ?? {}) as Record<string, unknown>;
  const fileUploads = (file.uploads ?? {}) as Record<string, unknown>;
  const merged = {
    ...file,
    ...defined({
      host: env.QABYLDAU_API_HOST,
      port: env.QABYLDAU_API_PORT ?? env.PORT,
      databaseUrl: env.DATABASE_URL,
      dataDir: env.QABYLDAU_SERVER_DATA,
      uploadsDir: env.QABYLDAU_UPLOADS_DIR,
      publicBaseUrl: env.QABYLDAU_PUBLIC_URL,
      logLevel: env.QABYLDAU_API_LOG_LEVEL,
      centres: json('CENTRES_JSON', env.CENTRES_JSON),
      licensors: json('LICENSORS_JSON', env.LICENSORS_JSON),
      licensorSigner:
        env.LICENSOR_CERT || env.LICENSOR_KEY
          ? { certPem: env.LICENSOR_CERT, keyPem: env.LICENSOR_KEY }
          : undefined,
    }),
    uploads: {
      ...fileUploads,
      ...defined({
        maxOpenUploads: env.QABYLDAU_UPLOAD_MAX_OPEN,
        maxOpenBytes: env.QABYLDAU_UPLOAD_MAX_OPEN_BYTES,
        maxUploadBytes: env.QABYLDAU_UPLOAD_MAX_FILE_BYTES,
        expireAfterHours: env.QABYLDAU_UPLOAD_EXPIRE_HOURS,
      }),
    },
    trust: {
      trustedCaFiles: [],
      crlFiles: [],
      ...fileTrust,
      ...defined({
        trustedCaFiles: list(env.QABYLDAU_TRUSTED_CA),
        crlFiles: list(env.QABYLDAU_CRL_FILE),
        offlineWindowDays: env.QABYLDAU_OFFLINE_WINDOW_DAYS,
        clockSkewSeconds: env.QABYLDAU_CLOCK_SKEW_SECONDS,
      }),
    },
  };
  const parsed = apiConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiConfigError(
      `invalid API configuration: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Reads the trust anchors the config names; a file without a certificate is a refusal, not an empty trust list. */
export async function loadTrust(trust: ApiConfig['trust']): Promise<SignatureOptions> {
  const trustedCaPems: string[] = [];
  for (const file of trust.trustedCaFiles) {
    let pem: string;
    try {
      pem = await readFile(file, 'utf8');
    } catch {
      throw new ApiConfigError(`cannot read trusted CA file ${file}`);
    }
    if (pemBlocks(pem).length === 0)
      throw new ApiConfigError(`trusted CA file ${file} holds no PEM certificate`);
    trustedCaPems.push(pem);
  }
  for (const file of trust.crlFiles) {
    try {
      await readFile(file);
    } catch {
      throw new ApiConfigError(`cannot read CRL file ${file}`);
    }
  }
  return {
    trustedCaPems,
    crlFiles: trust.crlFiles,
    offlineWindowDays: trust.offlineWindowDays,
    clockSkewSeconds: trust.clockSkewSeconds,
  };
}

/** The validated configuration as `buildServer` options. */
export async function serverOptionsFromConfig(config: ApiConfig): Promise<ServerOptions> {
  return {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(config.uploadsDir ? { uploadsDir: config.uploadsDir } : {}),
    centres: config.centres,
    uploads: {
      limits: {
        maxOpenUploads: config.uploads.maxOpenUploads,
        maxOpenBytes: config.uploads.maxOpenBytes,
        maxUploadBytes: config.uploads.maxUploadBytes,
        expireAfterMs: config.uploads.expireAfterHours * 3_600_000,
      },
    },
    signatures: await loadTrust(config.trust),
    // port 0 (an ephemeral port) leaves it to buildServer, which takes the address it is bound to
    ...(config.publicBaseUrl || config.port !== 0
      ? {
          publicBaseUrl:
            config.publicBaseUrl ??
            `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
        }
      : {}),
    licensor: {
      licensors: config.licensors,
      ...(config.licensorSigner ? { signer: config.licensorSigner } : {}),
    },
    logger: config.logLevel,
  };
}
