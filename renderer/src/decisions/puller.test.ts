import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DecideRequest } from '@shared/decisions/schema';
import type { Manifest } from '@shared/manifest/manifest';
import { pdftotext, writeTempPdf } from '@shared/forms/poppler.testkit';
import { generateLicensorPki, type LicensorPki } from '../../../build/pki/licensor-test-pki';
import { buildServer, type LicensingServer } from '../../../server/app';
import { openDatabase, type QabyldauDb } from '../db/database';
import type { ApiSession } from '../api/client';
import { DecisionsApi } from './api';
import { recordHandover } from './handover';
import { decisionPdf, mergePdfs, printBlock } from './pdf';
import { recordPrint } from './print-log';
import { createDecisionsPuller, decisionsCursorKey } from './puller';
import { openDecision } from '../privacy/records';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

const centre = { id: 'CON-P', name: 'ЦОН P', key: 'puller-centre-key-0123456789' };
const licensorKey = 'puller-licensor-key-0123456789';
let server: LicensingServer;
let apiUrl: string;
let dir: string;
let pki: LicensorPki;
let caPem: string;
let db: QabyldauDb;
let fonts: { font: Uint8Array; boldFont: Uint8Array };
let n = 0;

async function session(): Promise<ApiSession> {
  const res = await fetch(`${apiUrl}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ centreId: centre.id }) });
  return { apiUrl, token: ((await res.json()) as { token: string }).token };
}

async function decided(body: DecideRequest, serviceId = 'edu-licence-school', subOperation = 'issue', applicant: Manifest['applicant'] = { kind: 'legal-entity', id: '100440001230' }) {
  const m: Manifest = { schema: 'qabyldau.application/1', applicationId: randomUUID(), centreId: centre.id, serviceId, subOperation, applicant, form: {}, documentsPresented: [], attachments: [], acceptedAt: new Date().toISOString() };
  const s = await session();
  await fetch(`${apiUrl}/v1/applications`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', 'idempotency-key': m.applicationId }, body: JSON.stringify({ manifest: m }) });
  const res = await fetch(`${apiUrl}/v1/licensor/applications/${m.applicationId}/decision`, { method: 'POST', headers: { authorization: `Bearer ${licensorKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { decisionId: string; number: string };
}

const officer = { name: 'Құдайбергенова Әсем', position: 'Төрағаның орынбасары' };
const authority = { name: 'Білім саласындағы сапаны қамтамасыз ету комитеті', details: 'Астана қ.', place: 'Астана қаласы' };
const licence: DecideRequest = { result: 'licence', officer, authority, holder: { name: '«Үміт» мектебі ЖШС', address: 'Астана қ., Абай даңғылы, 10' }, activityType: 'Жалпы орта білім беру' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'puller-'));
  pki = await generateLicensorPki(dir);
  caPem = await readFile(join(dir, pki.caCertPem), 'utf8');
  server = await buildServer({ centres: [centre], insecureAcceptUnsigned: 'accept-unsigned-for-tests-only', licensor: { licensors: [{ id: 'MON', name: 'MON', key: licensorKey }], signer: { certPem: join(dir, pki.certPem), keyPem: join(dir, pki.keyPem) } } });
  apiUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const fontDir = join(import.meta.dirname, '../../../shared/forms/fonts');
  fonts = { font: new Uint8Array(await readFile(join(fontDir, 'DejaVuSans.ttf'))), boldFont: new Uint8Array(await readFile(join(fontDir, 'DejaVuSans-Bold.ttf'))) };
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  db?.close();
  db = openDatabase(vault, `puller-${n++}`);
  await db.open();
});

/** The decision as the print centre sees it (opened from its sealed row). */
const localDecision = async (id: string) => {
  const stored = await db.decisions.get(id);
  return stored && openDecision(vault, stored);
};

const puller = (trust = () => Promise.resolve([caPem])) => createDecisionsPuller({ db, api: new DecisionsApi(session), trust });

describe('decisions puller', () => {
  it('stores verified decisions with their signed bytes and moves the cursor', async () => {
    const d = await decided(licence);
    await puller()();
    const local = await localDecision(d.decisionId);
    expect(local).toMatchObject({ number: d.number, result: 'licence', verification: { ok: true, subject: 'ЛИЦЕНЗИАР (TEST)' }, printed: 0, handoverSynced: 1 });
    expect(printBlock(local!)).toBeNull();
    expect((await db.kv.get(decisionsCursorKey))?.value).toBeTruthy();
    // a second pass after the cursor brings nothing twice
    const before = await db.decisions.count();
    const seen: Array<string | undefined> = [];
    await createDecisionsPuller({ db, api: { handover: () => Promise.reject(new Error('none pending')), feed: async (cursor) => (seen.push(cursor), new DecisionsApi(session).feed(cursor)) }, trust: () => Promise.resolve([caPem]) })();
    expect(seen).toEqual([(await db.kv.get(decisionsCursorKey))?.value]);
    expect(await db.decisions.count()).toBe(before);
  });

  it('keeps a decision it cannot verify, says why, and refuses to print it', async () => {
    const d = await decided(licence);
    const otherDir = await mkdtemp(join(tmpdir(), 'puller-other-'));
    const other = await generateLicensorPki(otherDir);
    const foreignCa = await readFile(join(otherDir, other.caCertPem), 'utf8');
    await puller(() => Promise.resolve([foreignCa]))();
    const local = (await localDecision(d.decisionId))!;
    expect(local.verification).toMatchObject({ ok: false, reason: 'untrusted-chain' });
    expect(printBlock(local)).toBe('unverified');
    await expect(decisionPdf(local, 'kk', fonts, [foreignCa])).rejects.toMatchObject({ code: 'print:verify.blocked' });
    await rm(otherDir, { recursive: true, force: true });
  });

  it('refuses to print a cached record changed after it was verified', async () => {
    const d = await decided(licence);
    await puller()();
    const local = (await localDecision(d.decisionId))!;
    const forged = { ...local, documentJson: local.documentJson.replace('Жалпы орта білім беру', 'Жоғары білім беру') };
    await expect(decisionPdf(forged, 'kk', fonts, [caPem])).rejects.toMatchObject({ code: 'print:verify.blocked', params: { reason: 'print:verify.reason.digest-mismatch' } });
  });

  it('renders the licence and the refusal from the signed document, with the holder, number and verbatim labels', async () => {
    const lic = await decided(licence);
    const ref = await decided(
      { result: 'motivated-refusal', officer, authority, holder: { surname: 'Сәрсенова', name: 'Гүлназ' }, refusal: { reasonId: 'registration-refused', details: 'Құжаттар толық емес.' } },
      'kindergarten-queue',
      'queue-registration',
      { kind: 'individual', id: '900101300126' },
    );
    await puller()();
    const licencePdf = await decisionPdf((await localDecision(lic.decisionId))!, 'kk', fonts, [caPem]);
    const text = pdftotext(writeTempPdf(licencePdf, 'licence'), '-raw');
    for (const needle of [lic.number, '«Үміт» мектебі ЖШС', '100440001230', 'МЕМЛЕКЕТТІК ЛИЦЕНЗИЯ', 'Мөр орны']) expect(text).toContain(needle);
    const refusalRu = await decisionPdf((await localDecision(ref.decisionId))!, 'ru', fonts, [caPem]);
    const ruText = pdftotext(writeTempPdf(refusalRu, 'refusal'), '-raw');
    expect(ruText).toContain(ref.number);
    expect(ruText).toContain('Сәрсенова Гүлназ');
    expect(ruText).toContain('Құжаттар толық емес.');
    const merged = await mergePdfs([licencePdf, refusalRu]);
    const mergedText = pdftotext(writeTempPdf(merged, 'batch'), '-raw');
    expect(mergedText).toContain(lic.number);
    expect(mergedText).toContain(ref.number);
  });

  it('logs prints, demands a reason for a reprint, and syncs an offline hand-over once', async () => {
    const d = await decided(licence);
    await puller()();
    const local = (await localDecision(d.decisionId))!;
    await recordPrint(db, { decisions: [local], lang: 'kk', via: 'browser', reason: null, batchId: null });
    await expect(recordPrint(db, { decisions: [local], lang: 'kk', via: 'browser', reason: ' ', batchId: null })).rejects.toThrow(/reason/);
    await recordPrint(db, { decisions: [local], lang: 'kk', via: 'browser', reason: 'Қағаз кептеліп қалды', batchId: null });
    expect((await db.printLog.where('decisionId').equals(d.decisionId).toArray()).map((e) => [e.kind, e.reason])).toEqual([
      ['print', null],
      ['reprint', 'Қағаз кептеліп қалды'],
    ]);
    expect(await localDecision(d.decisionId)).toMatchObject({ printed: 1, printCount: 2 });

    const handedOverAt = '2026-02-01T09:30:00.000Z';
    await recordHandover(db, d.decisionId, { handedOverAt, operator: 'Тұрсынов І.', survey: { language: 'kk', answers: { 'process-and-result': 'satisfied', information: 'satisfied' } } });
    expect(await localDecision(d.decisionId)).toMatchObject({ handoverSynced: 0 });
    await puller()();
    expect(await localDecision(d.decisionId)).toMatchObject({ handoverSynced: 1, handedOverAt, printCount: 2 });
    const stored = await server.db.selectFrom('decisions').select(['handed_over_at', 'handover']).where('id', '=', d.decisionId).executeTakeFirstOrThrow();
    expect(new Date(stored.handed_over_at!).toISOString()).toBe(handedOverAt);
    expect(stored.handover).toMatchObject({ operator: 'Тұрсынов І.' });
  });
});
