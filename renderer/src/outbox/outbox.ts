import { AppError, type AppErrorData } from '@shared/errors';
import { manifestFingerprint, manifestSchema, type Manifest } from '@shared/manifest/manifest';
import type { QabyldauDb } from '../db/database';
import { allowedTransitions, type LocalApplication, type OutboxStatus } from './schema';

export interface QueueInput {
  serviceId: string;
  subOperation: string;
  applicant: LocalApplication['applicant'];
  form: LocalApplication['form'];
  documentsPresented: string[];
  centreId: string;
  operatorIin?: string;
}

/** The outbox: every state change and its history entry are written in one strict transaction. */
export class Outbox {
  constructor(
    private readonly db: QabyldauDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Freezes the manifest and queues the application; from here on it is never lost and never changed. */
  async queue(input: QueueInput, id: string = crypto.randomUUID()): Promise<LocalApplication> {
    const at = this.now().toISOString();
    const manifest: Manifest = manifestSchema.parse({
      schema: 'qabyldau.application/1',
      applicationId: id,
      centreId: input.centreId,
      serviceId: input.serviceId,
      subOperation: input.subOperation,
      applicant: input.applicant,
      form: input.form,
      documentsPresented: input.documentsPresented,
      attachments: [],
      ...(input.operatorIin ? { operatorIin: input.operatorIin } : {}),
      acceptedAt: at,
    });
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
      fingerprint: await manifestFingerprint(manifest),
      attempts: 0,
      nextAttemptAt: at,
    };
    await this.db.transaction('rw', this.db.applications, this.db.history, async () => {
      await this.db.applications.add(application);
      await this.db.history.add({ applicationId: id, at, from: null, to: 'ready', reason: 'queued' });
    });
    return application;
  }

  /**
   * Moves an application to `to`, recording why. `patch` rides in the same transaction so a status and the data
   * that justify it (a registration number, an error) can never be seen apart.
   */
  async transition(
    id: string,
    to: OutboxStatus,
    reason: string,
    patch: Partial<LocalApplication> = {},
    error?: AppErrorData,
  ): Promise<LocalApplication> {
    return this.db.transaction('rw', this.db.applications, this.db.history, async () => {
      const current = await this.db.applications.get(id);
      if (!current) throw new AppError('outbox:unknownApplication', { id });
      if (current.status !== to && !allowedTransitions[current.status].includes(to))
        throw new AppError('outbox:illegalTransition', { from: current.status, to });
      const at = this.now().toISOString();
      const next: LocalApplication = { ...current, ...patch, status: to, updatedAt: at };
      await this.db.applications.put(next);
      if (current.status !== to || error)
        await this.db.history.add({ applicationId: id, at, from: current.status, to, reason, ...(error ? { error } : {}) });
      return next;
    });
  }

  /** Records a failed attempt that will be retried, without changing the state. */
  async scheduleRetry(id: string, nextAttemptAt: Date, error: AppErrorData): Promise<void> {
    await this.db.transaction('rw', this.db.applications, this.db.history, async () => {
      const current = await this.db.applications.get(id);
      if (!current) return;
      const at = this.now().toISOString();
      await this.db.applications.put({
        ...current,
        attempts: current.attempts + 1,
        nextAttemptAt: nextAttemptAt.toISOString(),
        lastError: error,
        updatedAt: at,
      });
      await this.db.history.add({ applicationId: id, at, from: current.status, to: current.status, reason: 'retry-scheduled', error });
    });
  }

  async due(now: Date = this.now()): Promise<LocalApplication[]> {
    const pending = await this.db.applications.where('status').anyOf('ready', 'uploading').toArray();
    return pending
      .filter((a) => !a.nextAttemptAt || a.nextAttemptAt <= now.toISOString())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async pendingCount(): Promise<number> {
    return this.db.applications.where('status').anyOf('ready', 'uploading').count();
  }

  history(id: string) {
    return this.db.history.where('applicationId').equals(id).sortBy('at');
  }
}
