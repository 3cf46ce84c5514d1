import { z } from 'zod';
import { appErrorSchema } from '../errors';
import { signingBridgeMethods } from '../signing/schemas';
import { decisionsBridgeMethods } from '../decisions/bridge';
import { scanningBridgeMethods } from '../scanning/bridge';

/**
 * Every call the renderer may make to the host (Electron main process, or the loopback host in development).
 * Arguments and results are validated on the host side against these schemas, whichever transport carried them.
 * Nothing here may ever carry private-key material or long-lived credentials — with one deliberate exception,
 * `storage.keys`, documented there.
 */
const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });

const operatorStatus = z.object({
  operator: z.object({ iin: z.string().regex(/^\d{12}$/), name: z.string(), since: z.iso.datetime() }).strict().nullable(),
});

export const hostContract = {
  'app.info': method(
    z.object({}).strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(['ipc', 'loopback']),
      platform: z.string(),
      dataDir: z.string(),
      /** Not secrets: where the central API is and which centre this desk belongs to. */
      apiUrl: z.url(),
      centreId: z.string(),
    }),
  ),
  'app.ping': method(
    z.object({ nonce: z.string().min(1).max(64) }).strict(),
    z.object({ nonce: z.string(), receivedAt: z.iso.datetime() }),
  ),
  /** A renderer failure (uncaught error, unhandled rejection, error boundary) for the host's log file. */
  'app.reportError': method(
    z
      .object({
        kind: z.enum(['error', 'unhandledrejection', 'render']),
        message: z.string().max(2_000),
        stack: z.string().max(8_000).optional(),
        source: z.string().max(500).optional(),
      })
      .strict(),
    z.object({ logged: z.literal(true) }),
  ),
  /** Where the central API is and a short-lived session for it; the centre's own key never leaves the host. */
  'api.session': method(
    z.object({}).strict(),
    z.object({
      apiUrl: z.url(),
      centreId: z.string(),
      token: z.string().min(16),
      expiresAt: z.iso.datetime(),
    }),
  ),
  /** Stand-in for a native open-file dialog: lists importable files in the host's inbox folder. */
  'files.pick': method(
    z.object({ extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(20) }).strict(),
    z.object({ files: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative() })) }),
  ),
  /**
   * The renderer's keys for data at rest in IndexedDB, derived (HKDF) from the desk's data key, which itself never
   * leaves the host and is sealed by the OS keychain (a 0600 key file in loopback mode). `encryptionKey` is for
   * AES-256-GCM over personal fields, form data and attachments; `indexKey` for HMAC-SHA-256 blind indexes (exact
   * ИИН/БИН lookup without storing the number). The renderer imports both as non-extractable CryptoKeys, forgets
   * the base64 and never persists them; it asks again after every start. They cannot open the host's own files.
   * `keyId` (not secret) names the key generation so records can say which key sealed them.
   */
  'storage.keys': method(
    z.object({}).strict(),
    z.object({
      keyId: z.string().regex(/^[0-9a-f]{16}$/),
      encryptionKeyBase64: z.base64().length(44),
      indexKeyBase64: z.base64().length(44),
    }),
  ),
  /**
   * The operator's session at this desk, held by the host: `sign.manifest` needs it (for the signer's ИИН) as well
   * as an unlocked key. Signing out ends it and locks the key.
   */
  'operator.signIn': method(z.object({ iin: z.string().regex(/^\d{12}$/), name: z.string().trim().min(2).max(200) }).strict(), operatorStatus),
  'operator.signOut': method(z.object({}).strict(), operatorStatus),
  'operator.status': method(z.object({}).strict(), operatorStatus),
  /** Operator certificate: import, unlock, lock, status and signing. No result ever carries key material. */
  ...signingBridgeMethods,
  /** Scanning and attaching paper documents: imports, hot folder, SANE, eSCL, pages → PDF. */
  ...scanningBridgeMethods,
  /** Licensor trust anchors for decisions and host printing (print centre). */
  ...decisionsBridgeMethods,
} as const;

export type HostContract = typeof hostContract;
export type HostMethod = keyof HostContract;
export type HostArgs<M extends HostMethod> = z.input<HostContract[M]['args']>;
export type HostResult<M extends HostMethod> = z.output<HostContract[M]['result']>;

export const hostMethods = Object.keys(hostContract) as HostMethod[];

export function isHostMethod(name: string): name is HostMethod {
  return Object.prototype.hasOwnProperty.call(hostContract, name);
}

/** The envelope both transports carry, so a host failure arrives as a localisable AppError, not a stack trace. */
export const hostResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);
export type HostResponse = z.infer<typeof hostResponseSchema>;

/** What the renderer sees, whichever transport is underneath. */
export interface HostBridge {
  readonly transport: 'ipc' | 'loopback';
  call<M extends HostMethod>(method: M, args: HostArgs<M>): Promise<HostResult<M>>;
}

/** The name under which preload exposes the raw IPC invoker in the renderer's main world. */
export const preloadGlobalName = 'qabyldauHost';
/** IPC channel prefix; one channel per method keeps ipcMain.handle registrations explicit. */
export const ipcChannel = (m: HostMethod) => `host:${m}`;
/**
 * Loopback transport: calls are `POST /__host/<method>`, authorised by an HttpOnly session cookie the browser got by
 * opening the one-time bootstrap link (`/__bootstrap?code=…`); the page itself never sees a credential.
 */
export const loopbackPathPrefix = '/__host/';
export const loopbackBootstrapPath = '/__bootstrap';
