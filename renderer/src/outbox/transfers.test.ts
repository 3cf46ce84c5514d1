import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { Outbox } from './outbox';
import { storeUploadState } from './transfers';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

let n = 0;
const pdf = (size: number) => new Blob([new Uint8Array(size)], { type: 'application/pdf' });

describe('per-application transfer totals', () => {
  it('follow every attachment write in the same transaction, without reading blobs to show progress', async () => {
    const db = openDatabase(vault, `transfers-${++n}`);
    const outbox = new Outbox(db);
    const id = crypto.randomUUID();
    await outbox.saveDraft(id, {});
    const a = await outbox.addAttachment({
      applicationId: id,
      documentKey: 'a',
      fileName: 'a.pdf',
      mediaType: 'application/pdf',
      blob: pdf(1000),
    });
    const b = await outbox.addAttachment({
      applicationId: id,
      documentKey: 'b',
      fileName: 'b.pdf',
      mediaType: 'application/pdf',
      blob: pdf(500),
    });
    expect(await db.transfers.get(id)).toEqual({
      applicationId: id,
      attachments: 2,
      totalBytes: 1500,
      sentBytes: 0,
    });

    await storeUploadState(db, a.id, { url: 'http://api/v1/uploads/1', offset: 0, done: false });
    await storeUploadState(db, a.id, { url: 'http://api/v1/uploads/1', offset: 600, done: false });
    // An older acknowledgement applied late never moves the bar back for the same upload.
    await storeUploadState(db, a.id, { url: 'http://api/v1/uploads/1', offset: 400, done: false });
    expect((await db.attachments.get(a.id))?.upload?.offset).toBe(600);
    expect((await db.transfers.get(id))?.sentBytes).toBe(600);
    // The server forgot the upload: a new one starts from 0.
    await storeUploadState(db, a.id, { offset: 0, done: false });
    expect((await db.transfers.get(id))?.sentBytes).toBe(0);
    await storeUploadState(db, b.id, { url: 'http://api/v1/uploads/2', offset: 500, done: true });
    expect(await db.transfers.get(id)).toEqual({
      applicationId: id,
      attachments: 2,
      totalBytes: 1500,
      sentBytes: 500,
    });

    await outbox.removeAttachment(b.id);
    expect(await db.transfers.get(id)).toEqual({
      applicationId: id,
      attachments: 1,
      totalBytes: 1000,
      sentBytes: 0,
    });
    await outbox.discardDraft(id);
    expect(await db.transfers.get(id)).toBeUndefined();
  });

  it('are built from the stored attachments when an older database is opened', async () => {
    const name = `transfers-upgrade-${++n}`;
    const old = new Dexie(name);
    old
      .version(1)
      .stores({
        applications: 'id, status, updatedAt, nextAttemptAt, serviceId',
        history: '++id, applicationId, at',
        kv: 'key',
      });
    old.version(2).stores({ attachments: 'id, applicationId, [applicationId+documentKey]' });
    old
      .version(3)
      .stores({
        decisions: 'id, applicationId, decidedAt, serviceId, result, printed, handoverSynced',
        printLog: '++id, decisionId, at',
      });
    old.version(4).stores({ checks: '[applicationId+kind], applicationId, status' });
    const id = crypto.randomUUID();
    await old.table('attachments').bulkAdd([
      {
        id: 'x',
        applicationId: id,
        size: 300,
        blob: pdf(300),
        upload: { url: 'u', offset: 100, done: false },
      },
      {
        id: 'y',
        applicationId: id,
        size: 200,
        blob: pdf(200),
        upload: { url: 'v', offset: 200, done: true },
      },
    ]);
    old.close();
    const db = openDatabase(vault, name);
    expect(await db.transfers.get(id)).toEqual({
      applicationId: id,
      attachments: 2,
      totalBytes: 500,
      sentBytes: 300,
    });
  });
});
