import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionDocumentSchema, decisionNumberPattern, pendingApplicationSchema, signedDecisionSchema, type DecideRequest, type SignedDecision } from '@shared/decisions/schema';
import { verifyDecisionSignature } from '@shared/decisions/verify';
import type { Manifest } from '@shared/manifest/manifest';
import { generateLicensorPki, type LicensorPki } from '../../build/pki/licensor-test-pki';
import { buildServer, type LicensingServer } from '../app';

const run = promisify(execFile);
let server: LicensingServer;
let base: string;
let dir: string;
let pki: LicensorPki;
let otherPki: LicensorPki;
let caPem: string;
const centres = [
  { id: 'CON-A', name: 'ЦОН A', key: 'key-a-0123456789abcdef' },
  { id: 'CON-B', name: 'ЦОН B', key: 'key-b-0123456789abcdef' },
];
const licensorKey = 'licensor-key-0123456789abcdef';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decisions-'));
  [pki, otherPki] = await Promise.all([generateLicensorPki(join(dir, 'pki')), generateLicensorPki(join(dir, 'other'))]);
  caPem = await readFile(join(pki.dir, pki.caCertPem), 'utf8');
  server = await buildServer({
    centres,
    insecureAcceptUnsigned: 'accept-unsigned-for-tests-only',
    licensor: {
      licensors: [{ id: 'MON', name: 'Білім сапасы комитеті', key: licensorKey }],
      signer: { certPem: join(pki.dir, pki.certPem), keyPem: join(pki.dir, pki.keyPem) },
    },
  });
  base = await server.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function session(centre: (typeof centres)[number]) {
  const res = await fetch(`${base}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function submitted(centre: (typeof centres)[number], serviceId: string, subOperation: string, applicant: Manifest['applicant'], extra: Partial<Manifest> = {}) {
  const m: Manifest = {
    schema: 'qabyldau.application/1',
    applicationId: randomUUID(),
    centreId: centre.id,
    serviceId,
    subOperation,
    applicant,
    form: {},
    documentsPresented: [],
    attachments: [],
    acceptedAt: new Date().toISOString(),
    ...extra,
  };
  const token = await session(centre);
  const res = await fetch(`${base}/v1/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': m.applicationId },
    body: JSON.stringify({ manifest: m }),
  });
  expect(res.status).toBe(201);
  return { id: m.applicationId, token, receipt: (await res.json()) as { registrationNumber: string } };
}

const pendingList = z.object({ items: z.array(pendingApplicationSchema) });

const decide = (id: string, body: DecideRequest, key = licensorKey) =>
  fetch(`${base}/v1/licensor/applications/${id}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const authority = { name: 'Білім саласындағы сапаны қамтамасыз ету комитеті', details: 'Астана қ.', place: 'Астана қаласы' };
const officer = { name: 'Құдайбергенова Әсем', position: 'Төрағаның орынбасары' };
const licenceRequest: DecideRequest = {
  result: 'licence',
  officer,
  authority,
  holder: { name: '«Үміт» мектебі ЖШС', address: 'Астана қ., Абай даңғылы, 10' },
  activityType: 'Жалпы орта білім беру',
};

const decisionsFeed = async (token: string, cursor?: string) =>
  signedFeed(await (await fetch(`${base}/v1/decisions${cursor ? `?cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } })).json());
const signedFeed = (body: unknown) => body as { items: SignedDecision[]; cursor: string; hasMore: boolean };

describe('licensor decisions over HTTP', () => {
  it('lists the overrides the operator signed into the manifest beside the application', async () => {
    const overrides: NonNullable<Manifest['overrides']> = [{ check: 'payment', reason: 'receipt-seen-gateway-down', note: 'квитанция КВ-17 көрілді, шлюз жауап бермеді' }];
    const withOverride = await submitted(centres[0]!, 'edu-licence-school', 'issue', { kind: 'legal-entity', id: '100440001230' }, { overrides });
    const plain = await submitted(centres[0]!, 'edu-licence-school', 'issue', { kind: 'legal-entity', id: '100440001230' });
    const pending = pendingList.parse(await (await fetch(`${base}/v1/licensor/applications`, { headers: { authorization: `Bearer ${licensorKey}` } })).json());
    expect(pending.items.find((i) => i.applicationId === withOverride.id)?.overrides).toEqual(overrides);
    expect(pending.items.find((i) => i.applicationId === plain.id)?.overrides).toEqual([]);
  });

  let licence: SignedDecision & { number: string };
  let centreToken: string;
  let applicationId: string;

  it('decides a registered application: licence number, status decided, event with actor, signed document', async () => {
    const app = await submitted(centres[0]!, 'edu-licence-school', 'issue', { kind: 'legal-entity', id: '100440001230' });
    centreToken = app.token;
    applicationId = app.id;
    const pending = await (await fetch(`${base}/v1/licensor/applications`, { headers: { authorization: `Bearer ${licensorKey}` } })).json();
    expect(pending.items.map((i: { applicationId: string }) => i.applicationId)).toContain(app.id);

    const res = await decide(app.id, licenceRequest);
    expect(res.status).toBe(201);
    licence = (await res.json()) as typeof licence;
    expect(licence.number).toMatch(/^LIC-\d{4}-\d{8}$/);
    expect(licence.number).toMatch(decisionNumberPattern);
    const document = decisionDocumentSchema.parse(JSON.parse(licence.documentJson));
    expect(document).toMatchObject({ number: licence.number, result: 'licence', application: { id: app.id, registrationNumber: app.receipt.registrationNumber } });
    expect(document.form?.kind).toBe('licence');
    expect(document.form?.data).toMatchObject({ number: licence.number, holder: { type: 'legal', bin: '100440001230' }, head: officer.name });
    expect(document.verificationRef).toBe(`${base}/v1/verify/${licence.decisionId}`);

    const receipt = await (await fetch(`${base}/v1/applications/${app.id}`, { headers: { authorization: `Bearer ${centreToken}` } })).json();
    expect(receipt.status).toBe('decided');
    const feed = await (await fetch(`${base}/v1/feed`, { headers: { authorization: `Bearer ${centreToken}` } })).json();
    expect(feed.items.find((i: { applicationId: string }) => i.applicationId === app.id)).toMatchObject({ status: 'decided', note: licence.number });
    const events = await server.db.selectFrom('application_events').selectAll().where('application_id', '=', app.id).orderBy('id').execute();
    expect(events.map((e) => e.status)).toEqual(['registered', 'decided']);
    expect(events[1]!.actor).toBe(`licensor:MON:${officer.name}`);

    const again = await decide(app.id, licenceRequest);
    expect(again.status).toBe(409);
  });

  it('signs a detached CMS that openssl cms -verify accepts, and rejects the tampered document', async () => {
    const docFile = join(dir, 'doc.json');
    const cmsFile = join(dir, 'doc.p7s');
    await writeFile(docFile, licence.documentJson);
    await writeFile(cmsFile, Buffer.from(licence.cmsBase64, 'base64'));
    const verifyArgs = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', docFile, '-CAfile', join(pki.dir, pki.caCertPem), '-purpose', 'any', '-out', '/dev/null'];
    const { stderr } = await run('openssl', verifyArgs);
    expect(stderr).toContain('Verification successful');
    await writeFile(docFile, licence.documentJson.replace('100440001230', '100440001231'));
    await expect(run('openssl', verifyArgs)).rejects.toThrow(/digest failure|verification failure/i);

    const bytes = new TextEncoder().encode(licence.documentJson);
    const ok = await verifyDecisionSignature({ content: bytes, cmsBase64: licence.cmsBase64, trustedCaPems: [caPem] });
    expect(ok).toMatchObject({ ok: true, signer: { subject: 'ЛИЦЕНЗИАР (TEST)' } });
    const tampered = new TextEncoder().encode(licence.documentJson.replace('Жалпы орта', 'Жалпы ОРТА'));
    expect(await verifyDecisionSignature({ content: tampered, cmsBase64: licence.cmsBase64, trustedCaPems: [caPem] })).toEqual({ ok: false, reason: 'digest-mismatch' });
    const otherCa = await readFile(join(otherPki.dir, otherPki.caCertPem), 'utf8');
    expect(await verifyDecisionSignature({ content: bytes, cmsBase64: licence.cmsBase64, trustedCaPems: [otherCa] })).toEqual({ ok: false, reason: 'untrusted-chain' });
    expect(await verifyDecisionSignature({ content: bytes, cmsBase64: licence.cmsBase64, trustedCaPems: [] })).toEqual({ ok: false, reason: 'no-trust-anchor' });
    const cms = Buffer.from(licence.cmsBase64, 'base64');
    cms[cms.length - 1]! ^= 1;
    expect(await verifyDecisionSignature({ content: bytes, cmsBase64: cms.toString('base64'), trustedCaPems: [caPem] })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it("feeds decisions only to the application's centre, after a cursor", async () => {
    const page = await decisionsFeed(centreToken);
    expect(page.items.map((i) => signedDecisionSchema.parse(i).decisionId)).toContain(licence.decisionId);
    const other = await decisionsFeed(await session(centres[1]!));
    expect(other.items.map((i) => i.decisionId)).not.toContain(licence.decisionId);
    const after = await decisionsFeed(centreToken, page.cursor);
    expect(after.items).toEqual([]);
    expect((await fetch(`${base}/v1/decisions`)).status).toBe(401);
    expect((await fetch(`${base}/v1/decisions?cursor=nonsense`, { headers: { authorization: `Bearer ${centreToken}` } })).status).toBe(400);
  });

  it('refuses with a catalogue reason of the service, and rejects a reason the service does not have', async () => {
    const app = await submitted(centres[0]!, 'kindergarten-queue', 'queue-registration', { kind: 'individual', id: '900101300126' });
    const unknown = await decide(app.id, { result: 'motivated-refusal', officer, authority, refusal: { reasonId: 'decision' } });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.code).toBe('print:decide.invalid');
    const res = await decide(app.id, {
      result: 'motivated-refusal',
      officer,
      authority,
      holder: { surname: 'Сәрсенова', name: 'Гүлназ' },
      refusal: { reasonId: 'registration-refused', details: 'Құжаттар толық емес.' },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as SignedDecision & { number: string };
    expect(body.number).toMatch(/^MRF-\d{4}-\d{8}$/);
    const doc = decisionDocumentSchema.parse(JSON.parse(body.documentJson));
    expect(doc.refusal?.reasonId).toBe('registration-refused');
    expect(doc.form).toMatchObject({ kind: 'refusal', data: { applicantName: 'Сәрсенова Гүлназ', application: { number: app.receipt.registrationNumber } } });
    expect(String(doc.form?.data.reason)).toContain('Құжаттар толық емес.');
  });

  it('numbers queue places per service', async () => {
    const queue = { child: { surname: 'Сәрсенов', name: 'Әли', iin: '200315500123', birthDate: '2020-03-15' }, applicant: { surname: 'Сәрсенова', name: 'Гүлназ' } };
    const numbers = [];
    for (let i = 0; i < 2; i++) {
      const app = await submitted(centres[1]!, 'kindergarten-queue', 'queue-registration', { kind: 'individual', id: '900101300126' });
      const res = await decide(app.id, { result: 'queue-place', officer, authority, queue });
      expect(res.status).toBe(201);
      const doc = decisionDocumentSchema.parse(JSON.parse(((await res.json()) as SignedDecision).documentJson));
      expect(doc.number).toMatch(/^QUE-/);
      numbers.push(doc.form?.data.queueNumber);
    }
    expect(numbers[1]).toBe(Number(numbers[0]) + 1);
  });

  it('refuses callers without the licensor key', async () => {
    expect((await fetch(`${base}/v1/licensor/applications`)).status).toBe(401);
    expect((await decide(applicationId, licenceRequest, centres[0]!.key)).status).toBe(401);
    expect((await decide(randomUUID(), licenceRequest)).status).toBe(404);
  });

  it('records the hand-over once (idempotent) and carries it in the feed', async () => {
    const handover = { handedOverAt: '2026-01-15T10:00:00.000Z', operator: 'Тұрсынов І.', survey: { language: 'kk', answers: { 'process-and-result': 'satisfied', information: 'partly-satisfied' } } };
    const post = (body: unknown, token = centreToken) =>
      fetch(`${base}/v1/decisions/${licence.decisionId}/handover`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = await post(handover);
    expect(first.status).toBe(201);
    const second = await post({ ...handover, handedOverAt: '2026-01-16T10:00:00.000Z' });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ decisionId: licence.decisionId, handedOverAt: '2026-01-15T10:00:00.000Z' });
    expect((await post(handover, await session(centres[1]!))).status).toBe(404);
    const page = await decisionsFeed(centreToken);
    expect(page.items.find((i) => i.decisionId === licence.decisionId)?.handedOverAt).toBe('2026-01-15T10:00:00.000Z');
    const stored = await server.db.selectFrom('decisions').select('handover').where('id', '=', licence.decisionId).executeTakeFirstOrThrow();
    expect(stored.handover).toMatchObject({ survey: { answers: { information: 'partly-satisfied' } } });
  });

  it('answers the public verification reference without personal data', async () => {
    const res = await (await fetch(`${base}/v1/verify/${licence.decisionId}`)).json();
    expect(res).toMatchObject({ decisionId: licence.decisionId, number: licence.number, result: 'licence' });
    expect(JSON.stringify(res)).not.toContain('100440001230');
  });
});
