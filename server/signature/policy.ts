import type { Manifest } from '@shared/manifest/manifest';
import type { Db } from '../db/database';
import { readCrlFiles } from './crl-files';
import { VerifyPool, type PoolTask } from './verify-pool';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_OFFLINE_WINDOW_DAYS,
  verifyApplicationSignature,
  type SignatureValidation,
} from './verify';

/** The server's trust configuration (see server/config): verification is always on when the server runs. */
export interface SignatureOptions {
  /** PEM text of the CAs whose certificates may sign requests. */
  trustedCaPems: string[];
  /** CRL files (DER or PEM), re-read whenever one changes on disk (server/signature/crl-files.ts), so a CRL update needs no restart. */
  crlFiles: string[];
  /** How long an application signed offline may take to arrive (default 30 days). */
  offlineWindowDays?: number;
  /** Allowed difference between the signer's clock and the server's (default 300 s). */
  clockSkewSeconds?: number;
  /** The server's receipt clock; tests inject one to deliver an application days "later". */
  clock?: () => Date;
  /** Verification threads (server/signature/verify-pool.ts); 0 verifies on the event loop. Default: up to 4, one per core. */
  verifyThreads?: number;
}

/** What `buildServer` gets instead of trust anchors in tests that exercise something else than signatures. */
export type InsecureUnsignedMode = 'accept-unsigned-for-tests-only';

/** The current bytes of the CRL files; the arrays are shared with the verifier's cache, so never write to them. */
export async function loadCrls(files: string[]): Promise<Uint8Array[]> {
  return readCrlFiles(files);
}

type StoredValidation =
  SignatureValidation | { rule: 'insecure-unsigned'; decision: 'not-verified'; receivedAt: string };

export type SignatureJudgement =
  | { ok: true; record: StoredValidation }
  | { ok: false; code: string; message: string; params: Record<string, string | number>; status?: number };

const pools = new Map<number | undefined, VerifyPool>();
/** One pool per thread count for the whole process: every server built here shares the verification threads. */
function poolFor(threads: number | undefined): VerifyPool {
  let pool = pools.get(threads);
  if (!pool) pools.set(threads, (pool = new VerifyPool(threads === undefined ? {} : { threads })));
  return pool;
}

/**
 * The one gate every submission passes: the signature must cover exactly the manifest received, by a trusted key
 * of the operator named in it, valid under the receipt-time rule (server/signature/verify.ts). Only the explicit
 * insecure test mode skips it, and the record stored with the application says so.
 */
export async function judgeSubmission(
  trust: SignatureOptions | InsecureUnsignedMode,
  manifest: Manifest,
  manifestBytes: Uint8Array,
  signature: { cmsBase64: string } | undefined,
  stored: { db: Db; centreId: string; fingerprint: string },
): Promise<SignatureJudgement> {
  // A replay of an application already accepted keeps the decision made at its receipt: re-judging it at replay
  // time would turn a registered application into a refusal once the offline window or the CRL has moved on.
  const accepted = await stored.db
    .selectFrom('applications')
    .select('signature_validation')
    .where('id', '=', manifest.applicationId)
    .where('centre_id', '=', stored.centreId)
    .where('fingerprint', '=', stored.fingerprint)
    .executeTakeFirst();
  if (accepted?.signature_validation)
    return { ok: true, record: accepted.signature_validation as StoredValidation };
  if (trust === 'accept-unsigned-for-tests-only')
    return {
      ok: true,
      record: { rule: 'insecure-unsigned', decision: 'not-verified', receivedAt: new Date().toISOString() },
    };
  if (!signature)
    return {
      ok: false,
      code: 'errors:api.signatureMissing',
      message: 'the application is not signed',
      params: {},
    };
  if (!manifest.operatorIin)
    return {
      ok: false,
      code: 'errors:api.operatorMissing',
      message: 'manifest.operatorIin is required',
      params: {},
    };
  const offlineWindowDays = trust.offlineWindowDays ?? DEFAULT_OFFLINE_WINDOW_DAYS;
  const task: PoolTask = {
    manifestBytes,
    cmsDer: new Uint8Array(Buffer.from(signature.cmsBase64, 'base64')),
    trustedCaPems: trust.trustedCaPems,
    crlFiles: trust.crlFiles,
    expectedIin: manifest.operatorIin,
    now: trust.clock?.() ?? new Date(),
    offlineWindowDays,
    maxClockSkewSeconds: trust.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
  };
  const pending =
    trust.verifyThreads === 0
      ? verifyApplicationSignature({ ...task, crls: await loadCrls(task.crlFiles) })
      : poolFor(trust.verifyThreads).verify(task);
  if (!pending)
    return {
      ok: false,
      status: 503,
      code: 'errors:api.serverError',
      message: 'every signature verification thread is busy; retry later',
      params: { status: 503 },
    };
  const verdict = await pending;
  if (!verdict.ok)
    return {
      ok: false,
      code: `signing:reason.${verdict.reason}`,
      message: `signature rejected: ${verdict.reason}${verdict.detail ? ` (${verdict.detail})` : ''}`,
      params: { reason: verdict.reason, days: offlineWindowDays },
    };
  return { ok: true, record: verdict.signer.validation };
}
