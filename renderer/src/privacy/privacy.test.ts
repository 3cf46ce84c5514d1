import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { canonicalManifestBytes } from '@shared/manifest/manifest';
import { openDatabase } from '../db/database';
import { Outbox, type QueueInput } from '../outbox/outbox';
import type { LocalDecision } from '../decisions/schema';
import { openApplication, openAttachment, openDecision, sealApplication, sealDecision } from './records';
import { runRetention, RETENTION_AFTER_COMPLETION_DAYS } from './retention';
import { loadDeskState, saveDeskState } from '../register/desk-state';
import { testVault } from './vault.testkit';

const vault = await testVault();
let n = 0;

const IIN = '900101300126';
const NAME = 'Сәрсенова Гүлназ';
const PAGE = '%PDF-1.7 паспорт 900101300126 Сәрсенова';
const input: QueueInput = {
  serviceId: 'kindergarten-queue',
  subOperation: 'queue-registration',
  applicant: { kind: 'individual', id: IIN },
  form: { childName: NAME, address: 'Алматы, Абай 10' },
  documentsPresented: ['application'],
  centreId: 'CON-T',
};

/** Everything IndexedDB holds in a table, as text: strings as they are, bytes decoded both as UTF-8 and Latin-1. */
async function rawText(name: string, table: string): Promise<string> {
  const raw = new Dexie(name);
  await raw.open();
  const rows = await raw.table(table).toArray();
  raw.close();
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof Blob) throw new Error(`a Blob is stored in ${table}: bytes in clear`);
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes =
        v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      parts.push(new TextDecoder().decode(bytes), Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
    } else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) {
        parts.push(k);
        walk(x);
      }
    else parts.push(String(v));
  };
  walk(rows);
  return parts.join('\n');
}

const secrets = [IIN, NAME, 'Абай 10', 'паспорт'];

async function queuedWithAttachment(name: string) {
  const db = openDatabase(vault, name);
  const outbox = new Outbox(db);
  const id = crypto.randomUUID();
  await outbox.saveDraft(id, { applicantId: IIN, childName: NAME }, input.serviceId);
  await outbox.addAttachment({
    applicationId: id,
    documentKey: 'application',
    fileName: `${IIN}-passport.pdf`,
    mediaType: 'application/pdf',
    blob: new Blob([PAGE]),
  });
  const queued = await outbox.queue(input, id);
  return { db, outbox, queued };
}

describe('personal data at rest in IndexedDB', () => {
  it('stores no ИИН, name, address or attachment byte in clear, and opens all of it back', async () => {
    const name = `privacy-${++n}`;
    const { db, queued } = await queuedWithAttachment(name);
    for (const table of ['applications', 'attachments', 'history', 'transfers']) {
      const text = await rawText(name, table);
      for (const s of secrets) expect(text, `${table} holds "${s}"`).not.toContain(s);
    }
    const opened = await openApplication(vault, (await db.applications.get(queued.id))!);
    expect(opened).toEqual(queued);
    // the signed bytes: the manifest's canonical form is byte-identical after the round trip
    expect(canonicalManifestBytes(opened.manifest!)).toEqual(canonicalManifestBytes(queued.manifest!));
    const [stored] = await db.attachments.where('applicationId').equals(queued.id).toArray();
    const attachment = (await openAttachment(vault, stored!))!;
    expect(attachment.fileName).toBe(`${IIN}-passport.pdf`);
    expect(await attachment.blob.text()).toBe(PAGE);
    // non-personal state stays plain and queryable
    expect(await db.applications.where('status').equals('ready').count()).toBe(1);
    expect(stored!.size).toBe(new Blob([PAGE]).size);
  });

  it('finds an applicant by exact ИИН through the blind index only', async () => {
    const { db, queued } = await queuedWithAttachment(`privacy-${++n}`);
    const index = await vault.blindIndex('party', IIN);
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.applications.where('partyIndex').equals(index).primaryKeys()).toEqual([queued.id]);
    expect(
      await db.applications
        .where('partyIndex')
        .equals(await vault.blindIndex('party', '900101300127'))
        .count(),
    ).toBe(0);
    // another desk's key gives another index: the HMAC is keyed, not a bare hash an attacker can enumerate
    expect(await (await testVault()).blindIndex('party', IIN)).not.toBe(index);
  });

  it('refuses a sealed value moved to another row, or opened with another desk’s key', async () => {
    const { db, queued } = await queuedWithAttachment(`privacy-${++n}`);
    const stored = (await db.applications.get(queued.id))!;
    await expect(openApplication(vault, { ...stored, id: crypto.randomUUID() })).rejects.toThrow();
    await expect(openApplication(await testVault(), stored)).rejects.toThrow();
    await expect(openApplication(await testVault('fedcba9876543210'), stored)).rejects.toThrow(
      /sealed under key/,
    );
  });

  it('version 6 seals the plaintext rows written by version 5, keeping the signed bytes identical', async () => {
    const name = `privacy-migration-${++n}`;
    const old = new Dexie(name);
    old.version(1).stores({
      applications: 'id, status, updatedAt, nextAttemptAt, serviceId',
      history: '++id, applicationId, at',
      kv: 'key',
    });
    old.version(2).stores({ attachments: 'id, applicationId, [applicationId+documentKey]' });
    old.version(3).stores({
      decisions: 'id, applicationId, decidedAt, serviceId, result, printed, handoverSynced',
      printLog: '++id, decisionId, at',
    });
    old.version(4).stores({ checks: '[applicationId+kind], applicationId, status' });
    old.version(5).stores({ transfers: 'applicationId' });
    // a version-5 desk: rows as the old outbox wrote them
    const scratch = openDatabase(vault, `privacy-scratch-${n}`);
    const { queued } = await queuedWithAttachment(`privacy-scratch-src-${n}`);
    scratch.close();
    const plainApp = { ...queued };
    const attachment = {
      id: 'att-1',
      applicationId: queued.id,
      documentKey: 'application',
      fileName: `${IIN}.pdf`,
      mediaType: 'application/pdf',
      size: PAGE.length,
      sha256: 'ab'.repeat(32),
      blob: new Blob([PAGE]),
      createdAt: queued.createdAt,
    };
    const documentJson = JSON.stringify({ number: 'KZ-1', holder: NAME, iin: IIN });
    const decision: LocalDecision = {
      id: crypto.randomUUID(),
      applicationId: queued.id,
      documentJson,
      cmsBase64: 'MIIB',
      document: null,
      number: 'KZ-1',
      result: 'licence',
      serviceId: input.serviceId,
      decidedAt: queued.createdAt,
      verification: { ok: false, reason: 'unreadable', checkedAt: queued.createdAt },
      printed: 0,
      printCount: 0,
      lastPrintedAt: null,
      handedOverAt: null,
      handover: null,
      handoverSynced: 1,
      receivedAt: queued.createdAt,
    };
    await old.table('applications').put(plainApp);
    await old.table('attachments').put(attachment);
    await old.table('decisions').put(decision);
    old.close();

    const db = openDatabase(vault, name);
    await db.open();
    for (const table of ['applications', 'attachments', 'decisions']) {
      const text = await rawText(name, table);
      for (const s of secrets) expect(text, `${table} holds "${s}" after the upgrade`).not.toContain(s);
    }
    const opened = await openApplication(vault, (await db.applications.get(queued.id))!);
    expect(canonicalManifestBytes(opened.manifest!)).toEqual(canonicalManifestBytes(queued.manifest!));
    expect(opened.applicant).toEqual(queued.applicant);
    expect(
      await db.applications
        .where('partyIndex')
        .equals(await vault.blindIndex('party', IIN))
        .primaryKeys(),
    ).toEqual([queued.id]);
    expect(await (await openAttachment(vault, (await db.attachments.get('att-1'))!))!.blob.text()).toBe(PAGE);
    // the licensor's signed text comes back character for character (its signature is checked over these bytes)
    expect((await openDecision(vault, (await db.decisions.get(decision.id))!)).documentJson).toBe(
      documentJson,
    );
  });
});

describe('personal values in the key-value table', () => {
  it('seals a draft’s register and payment state', async () => {
    const name = `privacy-kv-${++n}`;
    const db = openDatabase(vault, name);
    const draftId = crypto.randomUUID();
    await saveDeskState(db, draftId, {
      applicantId: IIN,
      confirmed: true,
      payment: { payerId: IIN, documentNumber: 'KASPI-77' },
      overrides: [],
    });
    expect(await rawText(name, 'kv')).not.toMatch(new RegExp(`${IIN}|KASPI-77`));
    expect(await loadDeskState(db, draftId)).toMatchObject({ applicantId: IIN, confirmed: true });
  });
});

describe('retention (purpose limitation)', () => {
  const day = 24 * 60 * 60 * 1000;

  it('deletes verified attachments at once and, 30 days after the decision was handed over, everything personal', async () => {
    const name = `privacy-retention-${++n}`;
    const t0 = Date.parse('2026-03-02T09:00:00Z');
    const db = openDatabase(vault, name);
    const clock = { now: new Date(t0) };
    const outbox = new Outbox(db, () => clock.now);
    const { queued } = await (async () => {
      const id = crypto.randomUUID();
      await outbox.addAttachment({
        applicationId: id,
        documentKey: 'application',
        fileName: 'scan.pdf',
        mediaType: 'application/pdf',
        blob: new Blob([PAGE]),
      });
      return { queued: await outbox.queue(input, id) };
    })();
    const waiting = await outbox.queue({ ...input, applicant: { kind: 'individual', id: '880202400123' } });
    const draftId = crypto.randomUUID();
    await outbox.saveDraft(draftId, { childName: NAME });

    // submitted, not yet verified: nothing goes
    await outbox.transition(queued.id, 'submitted', 'server-acknowledged');
    expect(await runRetention(db, new Date(t0 + day))).toMatchObject({ attachments: 0, applications: 0 });
    // registered: the API verified the blob, the desk's copy goes (hash and size stay)
    await outbox.transition(queued.id, 'registered', 'server-acknowledged', {
      registrationNumber: 'Q0001-00000001',
    });
    expect(await runRetention(db, new Date(t0 + day))).toMatchObject({ attachments: 1, applications: 0 });
    const [att] = await db.attachments.where('applicationId').equals(queued.id).toArray();
    expect(att).toMatchObject({ size: new Blob([PAGE]).size, purgedAt: new Date(t0 + day).toISOString() });
    expect(att!.content).toBeUndefined();
    expect(await openAttachment(vault, att!)).toBeNull();

    // decided, printed and handed over on day 2
    clock.now = new Date(t0 + 2 * day);
    await outbox.transition(queued.id, 'decided', 'feed:decided');
    const handedOver = new Date(t0 + 2 * day).toISOString();
    await db.decisions.put(
      await sealDecision(vault, {
        id: crypto.randomUUID(),
        applicationId: queued.id,
        documentJson: JSON.stringify({ holder: NAME, iin: IIN }),
        cmsBase64: 'MIIB',
        document: null,
        number: 'KZ-7',
        result: 'licence',
        serviceId: input.serviceId,
        decidedAt: handedOver,
        verification: { ok: true, subject: 'LICENSOR', signedAt: handedOver, checkedAt: handedOver },
        printed: 1,
        printCount: 1,
        lastPrintedAt: handedOver,
        handedOverAt: handedOver,
        handover: { handedOverAt: handedOver, operatorName: NAME } as unknown as LocalDecision['handover'],
        handoverSynced: 1,
        receivedAt: handedOver,
      }),
    );

    // one day short of the retention: still all there
    expect(
      await runRetention(db, new Date(t0 + (2 + RETENTION_AFTER_COMPLETION_DAYS - 1) * day)),
    ).toMatchObject({ applications: 0, decisions: 0 });
    expect((await openApplication(vault, (await db.applications.get(queued.id))!)).applicant.id).toBe(IIN);

    const at = new Date(t0 + (2 + RETENTION_AFTER_COMPLETION_DAYS + 1) * day);
    expect(await runRetention(db, at)).toMatchObject({ applications: 1, decisions: 1 });
    expect(await db.applications.get(queued.id)).toEqual({
      id: queued.id,
      status: 'decided',
      createdAt: queued.createdAt,
      updatedAt: clock.now.toISOString(),
      serviceId: input.serviceId,
      subOperation: input.subOperation,
      attempts: 0,
      purgedAt: at.toISOString(),
    });
    expect(await db.attachments.where('applicationId').equals(queued.id).count()).toBe(0);
    const decision = (await db.decisions.where('applicationId').equals(queued.id).first())!;
    expect(decision).toMatchObject({
      number: 'KZ-7',
      result: 'licence',
      printed: 1,
      sealedHandover: null,
      purgedAt: at.toISOString(),
    });
    expect(decision.sealed).toBeUndefined();
    // the history (statuses and reasons, nothing personal) stays for the statistics
    expect((await outbox.history(queued.id)).map((h) => h.to)).toEqual([
      'ready',
      'submitted',
      'registered',
      'decided',
    ]);
    // what is not finished is never touched: the queued one and the draft keep their data
    expect((await openApplication(vault, (await db.applications.get(waiting.id))!)).applicant.id).toBe(
      '880202400123',
    );
    expect((await openApplication(vault, (await db.applications.get(draftId))!)).draft).toEqual({
      childName: NAME,
    });
    for (const table of ['decisions']) expect(await rawText(name, table)).not.toContain(NAME);
    expect(await rawText(name, 'applications')).not.toContain(IIN);
  });

  it('keeps a decision whose hand-over has not reached the API yet', async () => {
    const db = openDatabase(vault, `privacy-retention-${++n}`);
    const t0 = Date.parse('2026-03-02T09:00:00Z');
    const outbox = new Outbox(db, () => new Date(t0));
    const queued = await outbox.queue(input);
    await outbox.transition(queued.id, 'registered', 'server-acknowledged');
    await outbox.transition(queued.id, 'decided', 'feed:decided');
    const at = new Date(t0).toISOString();
    await db.decisions.put(
      await sealDecision(vault, {
        id: crypto.randomUUID(),
        applicationId: queued.id,
        documentJson: '{}',
        cmsBase64: 'MIIB',
        document: null,
        number: 'KZ-8',
        result: 'licence',
        serviceId: input.serviceId,
        decidedAt: at,
        verification: { ok: false, reason: 'unreadable', checkedAt: at },
        printed: 1,
        printCount: 1,
        lastPrintedAt: at,
        handedOverAt: at,
        handover: null,
        handoverSynced: 0,
        receivedAt: at,
      }),
    );
    expect(await runRetention(db, new Date(t0 + 365 * day))).toMatchObject({ applications: 0, decisions: 0 });
  });
});

describe('sealApplication', () => {
  it('leaves the plain fields plain and out of the sealed part', async () => {
    const { queued } = await queuedWithAttachment(`privacy-${++n}`);
    const stored = await sealApplication(vault, queued);
    expect(stored).toMatchObject({ id: queued.id, status: 'ready', serviceId: input.serviceId, attempts: 0 });
    expect(Object.keys(stored)).not.toContain('applicant');
    expect(Object.keys(stored)).not.toContain('manifest');
  });
});
