import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalManifestBytes, type Manifest } from '../../shared/manifest/manifest';
import { buildServer, type LicensingServer } from '../../server/app';
import { generateTestPki, type TestCertName, type TestPkiManifest } from './generate-test-pki';

// The API enforces signatures over HTTP: every submission must carry a CMS by a trusted, unrevoked, valid
// signing certificate of the operator the manifest names, over exactly the manifest received.

const centre = { id: 'CON-SIG', name: 'ЦОН sig', key: 'signature-centre-key-0123456789' };
let pki: TestPkiManifest;
let server: LicensingServer;
let base: string;
let token: string;
const work = mkdtempSync(join(tmpdir(), 'qabyldau-sig-http-'));

beforeAll(async () => {
  pki = await generateTestPki(join(work, 'pki'));
  server = await buildServer({
    centres: [centre],
    signatures: { trustedCaPems: [readFileSync(join(pki.dir, pki.caCertPem), 'utf8')], crlFiles: [join(pki.dir, pki.crlDer)] },
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

const manifest = (operatorIin: string): Manifest => ({
  schema: 'qabyldau.application/1',
  applicationId: randomUUID(),
  centreId: centre.id,
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'legal-entity', id: '100440001230' },
  form: { name: 'Мектеп' },
  documentsPresented: [],
  attachments: [],
  operatorIin,
  acceptedAt: new Date().toISOString(),
});

/** An independent signer (openssl) with one of the TEST certificates. */
function sign(m: Manifest, cert: TestCertName): string {
  const file = join(work, `${m.applicationId}.json`);
  writeFileSync(file, canonicalManifestBytes(m));
  const c = pki.certs[cert];
  execFileSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-nosmimecap', '-outform', 'DER', '-in', file, '-signer', join(pki.dir, c.certPem), '-inkey', join(pki.dir, c.keyPem), '-out', `${file}.der`]);
  return readFileSync(`${file}.der`).toString('base64');
}

async function submit(m: Manifest, cmsBase64?: string) {
  const res = await fetch(`${base}/v1/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': m.applicationId },
    body: JSON.stringify({ manifest: m, ...(cmsBase64 ? { signature: { cmsBase64 } } : {}) }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string }; status?: string } };
}

describe('signature enforcement by the reference API', () => {
  it('registers an application signed by the operator it names', async () => {
    const m = manifest(pki.operatorIin);
    const r = await submit(m, sign(m, 'operator'));
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('registered');
  });

  it('refuses an unsigned application', async () => {
    const r = await submit(manifest(pki.operatorIin));
    expect(r).toMatchObject({ status: 422, body: { error: { code: 'errors:api.signatureMissing' } } });
  });

  it('refuses a manifest changed by one byte after signing', async () => {
    const m = manifest(pki.operatorIin);
    const cms = sign(m, 'operator');
    const r = await submit({ ...m, form: { name: 'Мектеq' } }, cms);
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toMatch(/^signing:reason\.(digest-mismatch|bad-signature)$/);
  });

  it.each([
    ['expired', 'signing:reason.expired'],
    ['revoked', 'signing:reason.revoked'],
    ['otherIin', 'signing:reason.iin-mismatch'],
    ['authOnly', 'signing:reason.wrong-key-usage'],
  ] as const)('refuses a signature by the %s certificate', async (cert, code) => {
    const m = manifest(pki.operatorIin);
    const r = await submit(m, sign(m, cert));
    expect(r).toMatchObject({ status: 422, body: { error: { code } } });
  });
});
