import { AppError, type AppErrorData } from '@shared/errors';
import { sha256Hex } from '@shared/crypto/sha256';
import { manifestFingerprint, manifestSchema, type AttachmentRef, type Manifest } from '@shared/manifest/manifest';
import type { ManifestOverride } from '@shared/manifest/overrides';
import type { QabyldauDb } from '../db/database';
import { openApplication, openApplications, openAttachmentMeta, sealApplication, sealAttachment, type PlainApplicationPatch } from '../privacy/records';
import { allowedTransitions, type AttachmentRecord, type LocalApplication, type OutboxStatus } from './schema';
import { adjustTransferTotals } from './transfers';

export interface QueueInput {
  serviceId: string;
  subOperation: string;
  applicant: LocalApplication['applicant'];
  form: LocalApplication['form'];
  documentsPresented: string[];
  centreId: string;
  operatorIin?: string;
  /** Checks the operator accepted without, with reasons: signed into the manifest. */
  overrides?: ManifestOverride[];
}

/** Signs a frozen manifest with the operator's certificate (in the host); throws a localisable error if it cannot. */
export interface Signer {
  operatorIin(): Promise<string>;
  sign(manifest: Manifest): Promise<NonNullable<LocalApplication['signature']>>;
}

/** The outbox: every state change and its history entry are written in one strict transaction. */
export class Outbox {
  constructor(
    private readonly db: QabyldauDb,
    private readonly now: () => Date = () => new Date(),
    /** When set, nothing enters the queue unsigned: a failed signature leaves the draft as it was. */
    private readonly signer?: Signer,
  ) {}

  /** Saves the intake screen's state as a draft (created on first save); a queued application is never a draft again. */
  async saveDraft(id: string, draft: Record<string, unknown>, serviceId = ''): Promise<void> {
    const at = this.now().toISOString();
    // sealed before the transaction: a transaction must not await WebCrypto (it would commit itself meanwhile)
    const sealed = await sealApplication(this.db.vault, {
      id,
      status: 'draft',
      createdAt: at,
      updatedAt: at,
      serviceId,
      subOperation: '',
      applicant: { kind: 'individual', id: '' },
      form: {},
      documentsPresented: [],
      attempts: 0,
      draft,
    });
    await this.db.transaction('rw', this.db.applications, async () => {
      const current = await this.db.applications.get(id);
      if (current && current.status !== 'draft') throw new AppError('outbox:notADraft', { id });
      await this.db.applications.put({ ...sealed, createdAt: current?.createdAt ?? at });
    });
  }

  async discardDraft(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.applications, this.db.attachments, this.db.transfers, async () => {
      const current = await this.db.applications.get(id);
      if (current?.status !== 'draft') return;
      await this.db.attachments.where('applicationId').equals(id).delete();
      await this.db.transfers.delete(id);
      await this.db.applications.delete(id);
    });
  }

  /** Stores a document's bytes with their SHA-256; only while the application is still being prepared. */
  async addAttachment(input: Omit<AttachmentRecord, 'id' | 'sha256' | 'size' | 'createdAt' | 'upload'>): Promise<AttachmentRecord> {
    const sha256 = await sha256Hex(new Uint8Array(await input.blob.arrayBuffer()));
    const record: AttachmentRecord = {
      ...input,
      id: crypto.randomUUID(),
      sha256,
      size: input.blob.size,
      createdAt: this.now().toISOString(),
    };
    const sealed = await sealAttachment(this.db.vault, record);
    await this.db.transaction('rw', this.db.applications, this.db.attachments, this.db.transfers, async () => {
      const owner = await this.db.applications.get(input.applicationId);
      if (owner && owner.status !== 'draft') throw new AppError('outbox:alreadyQueued', { id: input.applicationId });
      await this.db.attachments.add(sealed);
      await adjustTransferTotals(this.db, record.applicationId, undefined, record);
    });
    return record;
  }

  async removeAttachment(attachmentId: string): Promise<void> {
    await this.db.transaction('rw', this.db.applications, this.db.attachments, this.db.transfers, async () => {
      const record = await this.db.attachments.get(attachmentId);
      if (!record) return;
      const owner = await this.db.applications.get(record.applicationId);
      if (owner && owner.status !== 'draft') throw new AppError('outbox:alreadyQueued', { id: record.applicationId });
      await this.db.attachments.delete(attachmentId);
      await adjustTransferTotals(this.db, record.applicationId, record, undefined);
    });
  }

  /**
   * Freezes the manifest (request + the hash of every stored attachment) and queues the application; from here
   * on it is never lost and never changed. A draft with the same id becomes the queued application.
   */
  async queue(input: QueueInput, id: string = crypto.randomUUID()): Promise<LocalApplication> {
    const at = this.now().toISOString();
    const stored = await Promise.all(
      (await this.db.attachments.where('applicationId').equals(id).sortBy('createdAt')).map((a) => openAttachmentMeta(this.db.vault, a)),
    );
    const attachments: AttachmentRef[] = stored.map((a) => ({
      id: a.id,
      documentKey: a.documentKey,
      fileName: a.fileName,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
    }));
    const manifest: Manifest = manifestSchema.parse({
      schema: 'qabyldau.application/1',
      applicationId: id,
      centreId: input.centreId,
      serviceId: input.serviceId,
      subOperation: input.subOperation,
      // only the manifest's own fields: the strict schema refuses anything a caller's object carries beside them
      applicant: { kind: input.applicant.kind, id: input.applicant.id },
      form: input.form,
      documentsPresented: input.documentsPresented,
      attachments,
      ...(this.signer ? { operatorIin: await this.signer.operatorIin() } : input.operatorIin ? { operatorIin: input.operatorIin } : {}),
      ...(input.overrides?.length ? { overrides: input.overrides } : {}),
      acceptedAt: at,
    });
    const fingerprint = await manifestFingerprint(manifest);
    const signature = this.signer ? await this.signer.sign(manifest) : undefined;
    const application: LocalApplication = {
      id,
      status: 'ready',
      createdAt: at,
      updatedAt: at,
      serviceId: input.serviceId,
      subOperation: input.subOperation,
      applicant: input.applicant,
      form: input.form,
      documentsPresented: input.documentsPresented,
      manifest,
      fingerprint,
      ...(signature ? { signature } : {}),
      attempts: 0,
      nextAttemptAt: at,
    };
    const sealed = await sealApplication(this.db.vault, application);
    return this.db.transaction('rw', this.db.applications, this.db.history, this.db.attachments, async () => {
      const existing = await this.db.applications.get(id);
      if (existing && existing.status !== 'draft') throw new AppError('outbox:alreadyQueued', { id });
      const now = await this.db.attachments.where('applicationId').equals(id).count();
      if (now !== attachments.length) throw new AppError('outbox:attachmentsChanged', { id });
      await this.db.applications.put({ ...sealed, createdAt: existing?.createdAt ?? at });
      await this.db.history.add({ applicationId: id, at, from: existing ? 'draft' : null, to: 'ready', reason: 'queued' });
      return { ...application, createdAt: existing?.createdAt ?? at };
    });
  }

  /**
   * Moves an application to `to`, recording why. `patch` rides in the same transaction so a status and the data
   * that justify it (a registration number, an error) can never be seen apart.
   */
  async transition(
    id: string,
    to: OutboxStatus,
    reason: string,
    patch: PlainApplicationPatch = {},
    error?: AppErrorData,
  ): Promise<LocalApplication> {
    // the sealed part rides along unopened: a status change needs no key and never awaits WebCrypto in the transaction
    const next = await this.db.transaction('rw', this.db.applications, this.db.history, async () => {
      const current = await this.db.applications.get(id);
      if (!current) throw new AppError('outbox:unknownApplication', { id });
      if (current.status !== to && !allowedTransitions[current.status].includes(to))
        throw new AppError('outbox:illegalTransition', { from: current.status, to });
      const at = this.now().toISOString();
      const next = { ...current, ...patch, status: to, updatedAt: at };
      await this.db.applications.put(next);
      if (current.status !== to || error)
        await this.db.history.add({ applicationId: id, at, from: current.status, to, reason, ...(error ? { error } : {}) });
      return next;
    });
    return openApplication(this.db.vault, next);
  }

  /**
   * Records a failed attempt that will be retried, without changing the state. `resetAttempts`: the attempt
   * moved something before it broke, so it counts as the first failure of a new run, not one more of the old.
   */
  async scheduleRetry(id: string, nextAttemptAt: Date, error: AppErrorData, { resetAttempts = false } = {}): Promise<void> {
    await this.db.transaction('rw', this.db.applications, this.db.history, async () => {
      const current = await this.db.applications.get(id);
      if (!current) return;
      const at = this.now().toISOString();
      await this.db.applications.put({
        ...current,
        attempts: resetAttempts ? 1 : current.attempts + 1,
        nextAttemptAt: nextAttemptAt.toISOString(),
        lastError: error,
        updatedAt: at,
      });
      await this.db.history.add({ applicationId: id, at, from: current.status, to: current.status, reason: 'retry-scheduled', error });
    });
  }

  /** Pending applications whose retry time has come (all of them with `ignoreSchedule`), oldest first. */
  async due(now: Date = this.now(), { ignoreSchedule = false } = {}): Promise<LocalApplication[]> {
    const pending = await openApplications(this.db.vault, await this.db.applications.where('status').anyOf('ready', 'uploading').toArray());
    return pending
      .filter((a) => ignoreSchedule || !a.nextAttemptAt || a.nextAttemptAt <= now.toISOString())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async pendingCount(): Promise<number> {
    return this.db.applications.where('status').anyOf('ready', 'uploading').count();
  }

  history(id: string) {
    return this.db.history.where('applicationId').equals(id).sortBy('at');
  }
}
