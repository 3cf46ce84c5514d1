import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Manifest } from '@shared/manifest/manifest';
import { buildServer, type LicensingServer } from './app';
import { describeOnBackends } from './db/backends.testkit';

let server: LicensingServer;
let base: string;
const centres = [
  { id: 'CON-A', name: 'ЦОН A', key: 'key-a-0123456789abcdef' },
  { id: 'CON-B', name: 'ЦОН B', key: 'key-b-0123456789abcdef' },
];


async function session(centre: (typeof centres)[number]) {
  const res = await fetch(`${base}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const manifest = (centreId: string, id = randomUUID()): Manifest => ({
  schema: 'qabyldau.application/1',
  applicationId: id,
  centreId,
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'individual', id: '900101300126' },
  form: { note: 'сәлем' },
  documentsPresented: ['application'],
  attachments: [],
  acceptedAt: new Date().toISOString(),
});

const submit = (token: string, m: Manifest, key = m.applicationId) =>
  fetch(`${base}/v1/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ manifest: m }),
  });


describeOnBackends('reference licensing API over HTTP', (backend) => {
  beforeAll(async () => {
    server = await buildServer({ centres, insecureAcceptUnsigned: 'accept-unsigned-for-tests-only', ...(await backend.options()) });
    base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.close());

  it('answers /healthz and serves an OpenAPI document generated from the schemas', async () => {
    expect((await (await fetch(`${base}/healthz`)).json()).status).toBe('ok');
    const doc = await (await fetch(`${base}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/applications'].post.requestBody.content['application/json'].schema.properties.manifest).toBeTruthy();
    expect(doc.paths['/v1/feed'].get.parameters.map((p: { name: string }) => p.name)).toContain('cursor');
    for (const path of ['/v1/uploads', '/v1/decisions', '/v1/licensor/applications/{id}/decision', '/v1/register/individuals/{iin}', '/v1/checks', '/v1/catalogue'])
      expect(doc.paths[path], path).toBeTruthy();
  });

  it('refuses a wrong centre key and calls without a session', async () => {
    const res = await fetch(`${base}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-key-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ centreId: 'CON-A' }),
    });
    expect(res.status).toBe(401);
    expect((await submit('x'.repeat(20), manifest('CON-A'))).status).toBe(401);
    expect((await fetch(`${base}/v1/feed`)).status).toBe(401);
  });

  it('is idempotent on the application UUID: replay → 200 original, other content → 409', async () => {
    const token = await session(centres[0]!);
    const m = manifest('CON-A');
    const first = await submit(token, m);
    expect(first.status).toBe(201);
    const receipt = await first.json();
    expect(receipt.registrationNumber).toMatch(/^Q\d{4}-\d{8}$/);
    const replay = await submit(token, JSON.parse(JSON.stringify(m)));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(receipt);
    const changed = await submit(token, { ...m, form: { note: 'басқа' } });
    expect(changed.status).toBe(409);
    expect((await changed.json()).error.code).toBe('errors:api.idempotencyConflict');
  });

  it('deduplicates concurrent submissions of the same application', async () => {
    const token = await session(centres[0]!);
    const m = manifest('CON-A');
    const responses = await Promise.all([submit(token, m), submit(token, m), submit(token, m)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const numbers = new Set(await Promise.all(responses.map(async (r) => (await r.json()).registrationNumber)));
    expect(numbers.size).toBe(1);
  });

  it('rejects a mismatched Idempotency-Key, a foreign centre and an invalid body', async () => {
    const token = await session(centres[0]!);
    expect((await submit(token, manifest('CON-A'), randomUUID())).status).toBe(422);
    expect((await submit(token, manifest('CON-B'))).status).toBe(403);
    const extra = await submit(token, { ...manifest('CON-A'), smuggled: 'x' } as Manifest);
    expect(extra.status).toBe(422);
    const bad = await submit(token, { ...manifest('CON-A'), applicant: { kind: 'individual', id: 'abc' } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe('errors:api.invalidApplication');
  });

  it('feeds each centre only its own applications, resuming after an opaque cursor', async () => {
    const tokenB = await session(centres[1]!);
    const ids = [] as string[];
    for (let i = 0; i < 3; i++) {
      const m = manifest('CON-B');
      ids.push(m.applicationId);
      expect((await submit(tokenB, m)).status).toBe(201);
    }
    const get = async (cursor?: string) =>
      (await (
        await fetch(`${base}/v1/feed?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${tokenB}` } })
      ).json()) as { items: { applicationId: string }[]; cursor: string; hasMore: boolean };
    const p1 = await get();
    expect(p1.items.map((i) => i.applicationId)).toEqual(ids.slice(0, 2));
    expect(p1.hasMore).toBe(true);
    const p2 = await get(p1.cursor);
    expect(p2.items.map((i) => i.applicationId)).toEqual(ids.slice(2));
    expect(p2.hasMore).toBe(false);
    const p3 = await get(p2.cursor);
    expect(p3.items).toEqual([]);
    const foreign = await fetch(`${base}/v1/applications/${ids[0]}`, { headers: { authorization: `Bearer ${await session(centres[0]!)}` } });
    expect(foreign.status).toBe(404);
  });
});
