import type { FeedItem } from '@shared/api/schemas';
import type { QabyldauDb } from '../db/database';
import type { Outbox } from '../outbox/outbox';
import { allowedTransitions, type LocalApplication, type OutboxStatus } from '../outbox/schema';
import { ApiError, type ApiClient } from '../api/client';
import { openAttachment, sealApplication, type StoredApplication } from '../privacy/records';
import { purgeVerifiedAttachments } from '../privacy/retention';
import {
  defaultRetryPolicy,
  nextPassDelayMs,
  retryDelayAfterProgressMs,
  retryDelayMs,
  type RetryPolicy,
} from './backoff';
import type { TusUploader } from './uploader';

export type Connectivity = 'unknown' | 'online' | 'offline';

export interface SyncState {
  connectivity: Connectivity;
  lastContactAt: string | null;
  lastProgressAt: string | null;
  pending: number;
  /** Online with work pending, yet nothing moved for `stallAfterMs`: something is wrong that retries hide. */
  stalled: boolean;
  authProblem: boolean;
  /** When the engine will try again on its own (the next pass); null while a pass runs or when stopped. */
  nextPassAt: string | null;
}

export interface SyncEngineOptions {
  db: QabyldauDb;
  outbox: Outbox;
  api: ApiClient;
  probe: () => Promise<boolean>;
  now?: () => Date;
  random?: () => number;
  intervalMs?: number;
  stallAfterMs?: number;
  /** Retry delays; the defaults keep online retries within tens of seconds. */
  retryPolicy?: RetryPolicy;
  /** Called when the server refuses the session, so the next attempt asks the host for a fresh one. */
  onAuthFailure?: () => void;
  /** Uploads attachment blobs (tus); without one, applications with attachments wait for the server forever. */
  uploader?: TusUploader;
  /** Further feeds to pull on every online pass (decisions, register results…); each one fails on its own. */
  extraPulls?: Array<() => Promise<void>>;
}

const feedCursorKey = 'feed.cursor';

/**
 * Pushes due applications and pulls the centre's feed. Each application is handled on its own, so one that
 * fails (even permanently) never holds up the others; transient failures are retried with backoff forever.
 */
export class SyncEngine {
  private state: SyncState = {
    connectivity: 'unknown',
    lastContactAt: null,
    lastProgressAt: null,
    pending: 0,
    stalled: false,
    authProblem: false,
    nextPassAt: null,
  };
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private rerun = false;
  /** When the engine, online, last had pending work and no progress; offline time does not count. */
  private waitingSince: number | null = null;
  /** Consecutive passes whose probe found the API away; drives the (only) long waits. */
  private offlinePasses = 0;
  /** Set when an acknowledgement arrives during the application being pushed: its next retry starts short. */
  private movedThisTry = false;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;

  constructor(private readonly o: SyncEngineOptions) {
    this.now = o.now ?? (() => new Date());
    this.random = o.random ?? Math.random;
    this.policy = o.retryPolicy ?? defaultRetryPolicy;
  }

  getState = (): SyncState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SyncState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.set({ nextPassAt: null });
  }

  /**
   * The operator's "retry now": makes one application (or every pending one) due at once with a fresh delay, and
   * runs a pass; also re-probes at once when the API was away.
   */
  async retryNow(id?: string): Promise<void> {
    const at = this.now().toISOString();
    const pending = this.o.db.applications.where('status').anyOf('ready', 'uploading');
    await (id ? pending.filter((a) => a.id === id) : pending).modify({ nextAttemptAt: at, attempts: 0 });
    this.kick();
  }

  /**
   * Runs a pass now (e.g. right after the operator queues something), then resumes the regular interval. A kick
   * during a pass asks for one more pass right after it, so what was just queued never waits for the interval.
   */
  kick(): void {
    clearTimeout(this.timer);
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.set({ nextPassAt: null });
    void this.runOnce()
      .catch(() => undefined)
      .then(() => (this.rerun || this.stopped ? 0 : this.delayUntilNextPass()))
      .then((delay) => {
        if (this.rerun) {
          this.rerun = false;
          this.kick();
        } else if (!this.stopped) {
          this.timer = setTimeout(() => this.kick(), delay);
          this.set({ nextPassAt: new Date(this.now().getTime() + delay).toISOString() });
        }
      });
  }

  /** The next pass comes when the earliest retry falls due (within the interval), or after the offline wait. */
  async delayUntilNextPass(): Promise<number> {
    const now = this.now().getTime();
    let earliest: number | null = null;
    for (const a of await this.o.db.applications.where('status').anyOf('ready', 'uploading').toArray()) {
      const due = a.nextAttemptAt ? new Date(a.nextAttemptAt).getTime() : now;
      earliest = earliest === null ? due : Math.min(earliest, due);
    }
    return nextPassDelayMs({
      now,
      intervalMs: this.o.intervalMs ?? 5_000,
      earliestDueAt: earliest,
      offlinePasses: this.offlinePasses,
      random: this.random,
      policy: this.policy,
    });
  }

  /** One pass; concurrent callers share the pass in flight. */
  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    const online = await this.o.probe();
    const pending = await this.o.outbox.pendingCount();
    if (!online) {
      this.offlinePasses++;
      this.waitingSince = null;
      this.set({ connectivity: 'offline', pending, stalled: false });
      return;
    }
    // The API answers again after an outage: everything pending is tried at once, whatever its scheduled delay.
    const cameBack = this.offlinePasses > 0;
    this.offlinePasses = 0;
    const nowIso = this.now().toISOString();
    this.set({ connectivity: 'online', lastContactAt: nowIso, pending });
    const due = await this.o.outbox.due(this.now(), { ignoreSchedule: cameBack });
    for (const application of due) {
      const outcome = await this.push(application);
      if (outcome === 'auth') break;
    }
    await this.pull().catch((error: unknown) => {
      if (error instanceof ApiError && error.kind === 'auth') {
        this.o.onAuthFailure?.();
        this.set({ authProblem: true });
      }
    });
    for (const pull of this.o.extraPulls ?? []) await pull().catch(() => undefined);
    const stillPending = await this.o.outbox.pendingCount();
    if (stillPending === 0) this.waitingSince = null;
    else this.waitingSince ??= this.now().getTime();
    this.set({
      pending: stillPending,
      stalled:
        this.waitingSince !== null &&
        this.now().getTime() - this.waitingSince > (this.o.stallAfterMs ?? 10 * 60_000),
    });
  }

  /** Something was acknowledged by the server (bytes, an attachment, a registration). */
  private progressed() {
    this.movedThisTry = true;
    this.waitingSince = null;
    this.set({ lastProgressAt: this.now().toISOString(), stalled: false, authProblem: false });
  }

  private async push(application: LocalApplication): Promise<'ok' | 'retry' | 'attention' | 'auth'> {
    const { outbox } = this.o;
    if (!application.manifest) return 'attention';
    if (application.status === 'ready')
      await outbox.transition(application.id, 'uploading', 'upload-started');
    this.movedThisTry = false;
    try {
      const body = {
        manifest: application.manifest,
        ...(application.signature ? { signature: { cmsBase64: application.signature.cmsBase64 } } : {}),
      };
      // Manifest first (idempotent), then only the blobs the server still lacks, then the manifest again to commit.
      // The application UUID is the Idempotency-Key: a replay gets the original receipt.
      const submit = () =>
        this.o.api.call('submitApplication', {
          body,
          headers: { 'idempotency-key': body.manifest.applicationId },
        });
      let receipt = await submit();
      if (receipt.status === 'received' && receipt.missingAttachments.length > 0) {
        const uploaded = await this.uploadMissing(application.id, receipt.missingAttachments);
        receipt = await submit();
        if (receipt.status === 'received' && receipt.missingAttachments.length > 0) {
          await this.forgetUnacceptedUploads(receipt.missingAttachments, uploaded);
          throw new ApiError({
            status: 0,
            kind: 'transient',
            code: 'errors:sync.attachmentsPending',
            params: { count: receipt.missingAttachments.length },
          });
        }
      }
      if (receipt.fingerprint !== application.fingerprint) {
        await outbox.transition(
          application.id,
          'needs-attention',
          'fingerprint-mismatch',
          {},
          { code: 'errors:sync.fingerprintMismatch' },
        );
        return 'attention';
      }
      const to: OutboxStatus =
        receipt.status === 'registered'
          ? 'registered'
          : receipt.status === 'decided'
            ? 'decided'
            : 'submitted';
      await outbox.transition(application.id, to, 'server-acknowledged', {
        registrationNumber: receipt.registrationNumber,
        serverStatus: receipt.status,
        lastError: undefined,
      });
      // the API verified every blob's hash before registering: the desk's copies have served their purpose
      if (to !== 'submitted') await purgeVerifiedAttachments(this.o.db, application.id, this.now());
      this.progressed();
      return 'ok';
    } catch (error) {
      const failure =
        error instanceof ApiError
          ? error
          : new ApiError({
              status: 0,
              kind: 'transient',
              code: 'errors:sync.unexpected',
              message: String(error),
            });
      if (failure.kind === 'transient' || failure.kind === 'auth') {
        // A try that moved anything proves the link works: the next one comes at once (small jitter); only
        // consecutive tries that moved nothing make the delay grow.
        const delay = this.movedThisTry
          ? retryDelayAfterProgressMs(this.random, this.policy)
          : retryDelayMs(application.attempts, this.random, this.policy);
        await outbox.scheduleRetry(application.id, new Date(this.now().getTime() + delay), failure.error, {
          resetAttempts: this.movedThisTry,
        });
        if (failure.kind === 'auth') {
          this.o.onAuthFailure?.();
          this.set({ authProblem: true });
        }
        return failure.kind === 'auth' ? 'auth' : 'retry';
      }
      await outbox.transition(
        application.id,
        'needs-attention',
        failure.kind,
        { lastError: failure.error },
        failure.error,
      );
      return 'attention';
    }
  }

  /** Uploads what the server lacks; returns the ids tus reported complete without sending a byte. */
  private async uploadMissing(applicationId: string, missing: string[]): Promise<Set<string>> {
    if (!this.o.uploader)
      throw new ApiError({
        status: 0,
        kind: 'transient',
        code: 'errors:sync.attachmentsPending',
        params: { count: missing.length },
      });
    const session = await this.o.api.currentSession();
    const alreadyComplete = new Set<string>();
    for (const id of missing) {
      const stored = await this.o.db.attachments.get(id);
      const record = stored && (await openAttachment(this.o.db.vault, stored));
      if (!record || record.applicationId !== applicationId)
        throw new ApiError({
          status: 0,
          kind: 'permanent',
          code: 'errors:sync.attachmentMissingLocally',
          params: { id },
        });
      const result = await this.o.uploader.upload(record, session, {
        onAcknowledged: () => this.progressed(),
      });
      if (result.sentBytes === 0) alreadyComplete.add(id);
      else this.progressed();
    }
    return alreadyComplete;
  }

  /**
   * The server holds every byte of an upload (tus says complete) yet the replayed manifest still lists it
   * missing: its completion step never ran and the server did not catch up on the replay. Forget that upload so
   * the next try sends the blob afresh instead of looping on "complete" forever.
   */
  private async forgetUnacceptedUploads(stillMissing: string[], alreadyComplete: Set<string>): Promise<void> {
    for (const id of stillMissing) if (alreadyComplete.has(id)) await this.o.uploader?.forget(id);
  }

  /** Applies the centre feed after the stored cursor; the cursor advances only after the page is applied. */
  private async pull(): Promise<void> {
    const { db } = this.o;
    for (let page = 0; page < 50; page++) {
      const cursor = (await db.kv.get(feedCursorKey))?.value as string | undefined;
      const result = await this.o.api.call('feed', { query: { cursor, limit: 200 } });
      const sealedNew = await this.sealCentreApplications(result.items);
      await db.transaction('rw', db.applications, db.history, db.kv, async () => {
        for (const item of result.items) await this.applyFeedItem(item, sealedNew.get(item.applicationId));
        await db.kv.put({ key: feedCursorKey, value: result.cursor });
      });
      if (result.items.length) this.progressed();
      if (!result.hasMore) return;
    }
  }

  /**
   * Feed items about applications accepted at another desk of this centre, sealed before the page's transaction
   * (which must not await WebCrypto): cached so search and printing work here too, offline included.
   */
  private async sealCentreApplications(items: FeedItem[]): Promise<Map<string, StoredApplication>> {
    const sealed = new Map<string, StoredApplication>();
    for (const item of items) {
      if (!item.serviceId || !item.applicant) continue;
      const status: OutboxStatus =
        item.status === 'decided'
          ? 'decided'
          : item.status === 'needs-attention'
            ? 'needs-attention'
            : 'registered';
      sealed.set(
        item.applicationId,
        await sealApplication(this.o.db.vault, {
          id: item.applicationId,
          status,
          origin: 'centre',
          createdAt: item.receivedAt,
          updatedAt: item.updatedAt,
          serviceId: item.serviceId,
          subOperation: item.subOperation ?? '',
          applicant: item.applicant,
          form: {},
          documentsPresented: [],
          fingerprint: item.fingerprint,
          attempts: 0,
          registrationNumber: item.registrationNumber,
          serverStatus: item.status,
          serverNote: item.note,
        }),
      );
    }
    return sealed;
  }

  private async applyFeedItem(item: FeedItem, sealedNew: StoredApplication | undefined): Promise<void> {
    const local = await this.o.db.applications.get(item.applicationId);
    if (!local) {
      if (sealedNew) await this.o.db.applications.put(sealedNew);
      return;
    }
    const target: OutboxStatus | null =
      item.status === 'decided'
        ? 'decided'
        : item.status === 'needs-attention'
          ? 'needs-attention'
          : item.status === 'registered'
            ? 'registered'
            : null;
    const patch = {
      registrationNumber: item.registrationNumber,
      serverStatus: item.status,
      serverNote: item.note,
    };
    if (target && target !== local.status && allowedTransitions[local.status].includes(target))
      await this.o.outbox.transition(local.id, target, `feed:${item.status}`, patch);
    else await this.o.db.applications.update(local.id, patch);
  }
}
