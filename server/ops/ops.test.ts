import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@shared/manifest/manifest';
import { generateTestPki } from '../../build/pki/generate-test-pki';
import { buildServer, type LicensingServer } from '../app';
import { testBackends } from '../db/backends.testkit';
import { openSession } from '../feed/tail.testkit';

const centre = { id: 'CON-OPS', name: 'ops', key: 'ops-centre-key-0123456789' };
const metricsToken = 'scrape-token-0123456789';

const manifest = (overrides: Partial<Manifest> = {}): Manifest => ({
  schema: 'qabyldau.application/1',
  applicationId: randomUUID(),
  centreId: centre.id,
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'individual', id: '900101300126' },
  form: {},
  documentsPresented: ['application'],
  attachments: [],
  acceptedAt: new Date().toISOString(),
  ...overrides,
});

const submit = (
  url: string,
  token: string,
  body: { manifest: Manifest; signature?: { cmsBase64: string } },
) =>
  fetch(`${url}/v1/applications`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': body.manifest.applicationId,
    },
    body: JSON.stringify(body),
  });

const scrape = async (url: string) =>
  (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();

describe.each(testBackends)('operations endpoints on $name', (backend) => {
  let server: LicensingServer;
  let url: string;
  let uploadsDir: string;
  beforeAll(async () => {
    uploadsDir = await mkdtemp(join(tmpdir(), 'ops-uploads-'));
    server = await buildServer({
      centres: [centre],
      insecureAcceptUnsigned: 'accept-unsigned-for-tests-only',
      uploadsDir,
      metrics: { token: metricsToken },
      ...(await backend.options()),
    });
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  it('/readyz is ready with a database and a writable upload directory, and not while draining', async () => {
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      draining: false,
      checks: { database: 'ok', uploads: 'ok' },
    });
    server.readiness.draining = true;
    try {
      const draining = await fetch(`${url}/readyz`);
      expect(draining.status).toBe(503);
      expect((await draining.json()).draining).toBe(true);
    } finally {
      server.readiness.draining = false;
    }
  });

  it('/metrics wants the scrape token and shows a submission by route, outcome and pending checks', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(401);
    const token = await openSession(url, centre);
    const created = await submit(url, token, { manifest: manifest() });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const text = await scrape(url);
    expect(text).toContain('qabyldau_submissions_total{outcome="created"} 1');
    expect(text).toContain(
      'qabyldau_http_request_duration_seconds_count{method="POST",route="/v1/applications",status="201"} 1',
    );
    expect(text).toMatch(/^qabyldau_checks_pending 0$/m);
    expect(text).toContain('qabyldau_upload_bytes_total 0');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('/readyz says which dependency fails: an upload directory that cannot take a file', async () => {
    await rm(uploadsDir, { recursive: true, force: true });
    await writeFile(uploadsDir, 'not a directory');
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect((await res.json()).checks).toEqual({ database: 'ok', uploads: 'failed' });
  });

  it('echoes a plain caller request id and replaces one that could forge a log line', async () => {
    const plain = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'desk-7.req-42' } });
    expect(plain.headers.get('x-request-id')).toBe('desk-7.req-42');
    const forged = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'a"} {"level":60' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metrics of a server that requires signatures', () => {
  let server: LicensingServer;
  let url: string;
  beforeAll(async () => {
    const pki = await generateTestPki(join(await mkdtemp(join(tmpdir(), 'ops-pki-')), 'pki'));
    server = await buildServer({
      centres: [centre],
      metrics: { token: metricsToken },
      signatures: { trustedCaPems: [await readFile(join(pki.dir, pki.caCertPem), 'utf8')], crlFiles: [join(pki.dir, pki.crlDer)] },
    });
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.close());

  it('counts verification failures by reason and refused submissions', async () => {
    const token = await openSession(url, centre);
    expect((await submit(url, token, { manifest: manifest() })).status).toBe(422);
    const bad = await submit(url, token, {
      manifest: manifest({ operatorIin: '900101300126' }),
      signature: { cmsBase64: 'AAAA' },
    });
    expect(bad.status).toBe(422);
    const reason = ((await bad.json()) as { error: { code: string } }).error.code.replace(
      'signing:reason.',
      '',
    );
    const text = await scrape(url);
    expect(text).toContain('qabyldau_signature_failures_total{reason="missing"} 1');
    expect(text).toContain(`qabyldau_signature_failures_total{reason="${reason}"} 1`);
    expect(text).toContain('qabyldau_submissions_total{outcome="refused"} 2');
  });
});
