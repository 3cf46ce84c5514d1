import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionDocumentSchema, signedDecisionSchema } from '@shared/decisions/schema';
import { canonicalManifestBytes, type Manifest } from '@shared/manifest/manifest';
import { generateTestPki, type TestPkiManifest } from '../../build/pki/generate-test-pki';
import { generateLicensorPki, type LicensorPki } from '../../build/pki/licensor-test-pki';
import { sampleDecision } from '../../build/licensor-samples';
import { buildServer, JSON_BODY_LIMIT, type LicensingServer } from '../app';
import { testBackends } from '../db/backends.testkit';

// The API as an attacker and a late-delivering district office meet it: signatures judged at the server's receipt
// time (real certificates, signed by openssl), a forged Host header, unknown nested keys, oversized and malformed
// requests — over real HTTP, on PGlite and PostgreSQL.

const run = promisify(execFile);
const DAY = 86_400_000;
const centre = { id: 'CON-INT', name: 'ЦОН integrity', key: 'integrity-centre-key-0123456789' };
const licensorKey = 'integrity-licensor-key-0123456789';
const publicBaseUrl = 'https://verify.qabyldau.example';
let work: string;
let pki: TestPkiManifest;
let licensorPki: LicensorPki;
/** A signing certificate of the operator that expires two days after it is issued. */
let shortLived: { certPem: string; keyPem: string; notAfter: Date };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qabyldau-integrity-'));
  [pki, licensorPki] = await Promise.all([
    generateTestPki(join(work, 'pki')),
    generateLicensorPki(join(work, 'licensor')),
  ]);
  // issued by the same TEST CA after its CRL, so that CRL (issued before the expiry) can speak for it
  const ossl = (...args: string[]) => run('openssl', args, { cwd: pki.dir });
  const asn = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  const notAfter = new Date(Date.now() + 2 * DAY);
  await ossl(
    'req',
    '-new',
    '-config',
    'openssl.cnf',
    '-utf8',
    '-key',
    'operator.key',
    '-subj',
    `/CN=СЕЙТОВА АЙГЕРІМ/SN=СЕЙТОВА/serialNumber=IIN${pki.operatorIin}/C=KZ`,
    '-out',
    'short.csr',
  );
  await ossl(
    'ca',
    '-batch',
    '-config',
    'openssl.cnf',
    '-utf8',
    '-notext',
    '-in',
    'short.csr',
    '-startdate',
    asn(new Date(Date.now() - DAY)),
    '-enddate',
    asn(notAfter),
    '-extensions',
    'sign_individual',
    '-out',
    'short.pem',
  );
  shortLived = {
    certPem: 'short.pem',
    keyPem: 'operator.key',
    notAfter: new Date(Math.floor(notAfter.getTime() / 1000) * 1000),
  };
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

const manifest = (over: Partial<Manifest> = {}): Manifest => ({
  schema: 'qabyldau.application/1',
  applicationId: randomUUID(),
  centreId: centre.id,
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'legal-entity', id: '100440001230' },
  form: { name: 'Мектеп' },
  documentsPresented: [],
  attachments: [],
  operatorIin: pki.operatorIin,
  acceptedAt: new Date().toISOString(),
  ...over,
});

/** openssl signs "now": a later receipt clock makes it an application delivered that much later. */
async function sign(
  m: Manifest,
  cert: { certPem: string; keyPem: string } = pki.certs.operator,
): Promise<string> {
  const file = join(work, `${m.applicationId}.json`);
  await writeFile(file, canonicalManifestBytes(m));
  await run('openssl', [
    'cms',
    '-sign',
    '-binary',
    '-md',
    'sha256',
    '-nosmimecap',
    '-outform',
    'DER',
    '-in',
    file,
    '-signer',
    join(pki.dir, cert.certPem),
    '-inkey',
    join(pki.dir, cert.keyPem),
    '-out',
    `${file}.der`,
  ]);
  return (await readFile(`${file}.der`)).toString('base64');
}

describe.each(testBackends)('API integrity on $name', (backend) => {
  let server: LicensingServer;
  let base: string;
  let token: string;
  let receipt: Date | null = null;

  beforeAll(async () => {
    server = await buildServer({
      ...(await backend.options()),
      centres: [centre],
      signatures: {
        trustedCaPems: [await readFile(join(pki.dir, pki.caCertPem), 'utf8')],
        crlFiles: [join(pki.dir, pki.crlDer)],
        offlineWindowDays: 30,
        clock: () => receipt ?? new Date(),
      },
      publicBaseUrl,
      licensor: {
        licensors: [{ id: 'MON', name: 'Білім сапасы комитеті', key: licensorKey }],
        signer: {
          certPem: join(licensorPki.dir, licensorPki.certPem),
          keyPem: join(licensorPki.dir, licensorPki.keyPem),
        },
      },
    });
    base = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${base}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ centreId: centre.id }),
    });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => server.close());

  async function submit(body: unknown, id: string) {
    const res = await fetch(`${base}/v1/applications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': id,
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        status?: string;
        error?: { code: string; message: string; params?: Record<string, unknown> };
      },
    };
  }
  const stored = async (id: string) =>
    (
      await server.db
        .selectFrom('applications')
        .select('signature_validation')
        .where('id', '=', id)
        .executeTakeFirst()
    )?.signature_validation as Record<string, unknown> | undefined;

  describe('signatures are judged at the server’s receipt time', () => {
    it('accepts a signature delivered 10 days late and stores the decision with its inputs', async () => {
      const m = manifest();
      const cmsBase64 = await sign(m);
      receipt = new Date(Date.now() + 10 * DAY);
      const r = await submit({ manifest: m, signature: { cmsBase64 } }, m.applicationId);
      expect(r).toMatchObject({ status: 201, body: { status: 'registered' } });
      const record = await stored(m.applicationId);
      expect(record).toMatchObject({
        rule: 'receipt-time/1',
        decision: 'valid',
        receivedAt: receipt.toISOString(),
        offlineWindowDays: 30,
        expiredBeforeReceipt: false,
      });
      expect(Date.parse(String(record?.signingTime))).toBeLessThan(receipt.getTime() - 9 * DAY);
      expect(record?.crl).toMatchObject({ number: expect.any(String) });
      receipt = null;
    });

    it('refuses a signature older than the offline window (a backdated or too-late delivery)', async () => {
      const m = manifest();
      const cmsBase64 = await sign(m);
      receipt = new Date(Date.now() + 31 * DAY);
      const r = await submit({ manifest: m, signature: { cmsBase64 } }, m.applicationId);
      expect(r).toMatchObject({
        status: 422,
        body: { error: { code: 'signing:reason.signing-time-outside-window', params: { days: 30 } } },
      });
      expect(await stored(m.applicationId)).toBeUndefined();
      receipt = null;
    });

    it('accepts, and records, a certificate that expired between signing and receipt inside the window', async () => {
      const m = manifest();
      const cmsBase64 = await sign(m, shortLived);
      receipt = new Date(shortLived.notAfter.getTime() + 5 * DAY);
      const r = await submit({ manifest: m, signature: { cmsBase64 } }, m.applicationId);
      expect(r).toMatchObject({ status: 201, body: { status: 'registered' } });
      expect(await stored(m.applicationId)).toMatchObject({
        decision: 'valid-expired-before-receipt',
        expiredBeforeReceipt: true,
        certificate: { validTo: shortLived.notAfter.toISOString() },
      });
      receipt = null;
    });

    it('still refuses a certificate that had already expired when it signed', async () => {
      const m = manifest();
      const r = await submit(
        { manifest: m, signature: { cmsBase64: await sign(m, pki.certs.expired) } },
        m.applicationId,
      );
      expect(r).toMatchObject({ status: 422, body: { error: { code: 'signing:reason.expired' } } });
    });

    it('answers a replay after the window with the original registration, not a refusal', async () => {
      const m = manifest();
      const signature = { cmsBase64: await sign(m) };
      expect((await submit({ manifest: m, signature }, m.applicationId)).status).toBe(201);
      receipt = new Date(Date.now() + 45 * DAY);
      expect(await submit({ manifest: m, signature }, m.applicationId)).toMatchObject({
        status: 200,
        body: { status: 'registered' },
      });
      receipt = null;
    });

    it('refuses an unsigned application', async () => {
      const m = manifest();
      expect(await submit({ manifest: m }, m.applicationId)).toMatchObject({
        status: 422,
        body: { error: { code: 'errors:api.signatureMissing' } },
      });
    });
  });

  it('puts the configured verification URL into a signed decision, whatever Host the request carries', async () => {
    const m = manifest();
    expect(
      (await submit({ manifest: m, signature: { cmsBase64: await sign(m) } }, m.applicationId)).status,
    ).toBe(201);
    const payload = JSON.stringify(sampleDecision(m.serviceId, 'licence', 'legal-entity'));
    const { port } = new URL(base);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: Number(port),
          method: 'POST',
          path: `/v1/licensor/applications/${m.applicationId}/decision`,
          headers: {
            host: 'evil.example:666',
            'x-forwarded-host': 'evil.example',
            authorization: `Bearer ${licensorKey}`,
            'content-type': 'application/json',
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    expect(answer.status).toBe(201);
    const decision = signedDecisionSchema.parse(JSON.parse(answer.text));
    const document = decisionDocumentSchema.parse(JSON.parse(decision.documentJson));
    expect(document.verificationRef).toBe(`${publicBaseUrl}/v1/verify/${decision.decisionId}`);
    expect(decision.documentJson).not.toContain('evil.example');
  });

  describe('strict, clean validation', () => {
    it.each([
      ['manifest.applicant', (m: Manifest) => ({ ...m, applicant: { ...m.applicant, name: 'extra' } })],
      [
        'manifest.attachments[0]',
        (m: Manifest) => ({
          ...m,
          attachments: [
            {
              id: 'a1',
              documentKey: 'd',
              fileName: 'f.pdf',
              mediaType: 'application/pdf',
              size: 1,
              sha256: 'a'.repeat(64),
              note: 'x',
            },
          ],
        }),
      ],
    ])('refuses an unknown key inside %s with its path', async (path, change) => {
      const m = manifest();
      const r = await submit({ manifest: change(m) }, m.applicationId);
      expect(r).toMatchObject({ status: 422, body: { error: { code: 'errors:api.invalidApplication' } } });
      expect(r.body.error?.message).toContain(path);
    });

    it('refuses an unknown key inside the signature object', async () => {
      const m = manifest();
      const r = await submit({ manifest: m, signature: { cmsBase64: 'AA==', signer: 'x' } }, m.applicationId);
      expect(r).toMatchObject({ status: 422, body: { error: { code: 'errors:api.invalidApplication' } } });
    });

    it('answers an oversized body with a clean 413 and the contract’s error body', async () => {
      const m = manifest();
      const huge = JSON.stringify({
        manifest: { ...m, form: { padding: 'x'.repeat(JSON_BODY_LIMIT + 2 * 1024 * 1024) } },
      });
      const res = await fetch(`${base}/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': m.applicationId,
        },
        body: huge,
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'errors:api.payloadTooLarge' } });
    });

    it('answers malformed JSON with a 400 and the contract’s error body', async () => {
      const res = await fetch(`${base}/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: '{"manifest":',
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'errors:api.badRequest' } });
    });

    it('answers a bad status filter on the licensor list with a 400, not a 500', async () => {
      const res = await fetch(`${base}/v1/licensor/applications?status=bogus`, {
        headers: { authorization: `Bearer ${licensorKey}` },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'errors:api.badRequest' } });
    });
  });
});
