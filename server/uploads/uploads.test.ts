import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseDisposition } from 'content-disposition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@shared/manifest/manifest';
import { buildServer, type LicensingServer } from '../app';
import { testBackends } from '../db/backends.testkit';

/** Written as an attacker would try it: two centres, real HTTP, raw tus requests, on every test database. */
const centres = [
  { id: 'CON-A', name: 'ЦОН A', key: 'upload-key-a-0123456789' },
  { id: 'CON-B', name: 'ЦОН B', key: 'upload-key-b-0123456789' },
  { id: 'CON-Q', name: 'ЦОН Q', key: 'upload-key-q-0123456789' },
];
type Centre = (typeof centres)[number];
const [A, B, Q] = centres as [Centre, Centre, Centre];
const expireAfterMs = 60 * 60 * 1000;
const maxOpenUploads = 4;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const tusHeaders = { 'tus-resumable': '1.0.0' };

describe.each(testBackends)('attachment uploads under attack on $name', (backend) => {
  let server: LicensingServer;
  let base: string;
  let uploadsDir: string;
  let now = new Date('2026-03-02T09:00:00Z');
  let faultOnFinish = false;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    uploadsDir = mkdtempSync(join(tmpdir(), 'qabyldau-uploads-test-'));
    server = await buildServer({
      centres,
      insecureAcceptUnsigned: 'accept-unsigned-for-tests-only',
      uploadsDir,
      ...(await backend.options()),
      uploads: {
        limits: { maxOpenUploads, maxOpenBytes: 3_000_000, expireAfterMs },
        sweepEveryMs: 0,
        now: () => now,
        testFaults: {
          // TEST FAULT INJECTION: the hook fails after the last byte is on disk, as a crash there would leave it.
          async beforeUploadFinish() {
            if (faultOnFinish) throw new Error('test fault: completion hook cut short');
          },
        },
      },
    });
    base = await server.app.listen({ host: '127.0.0.1', port: 0 });
    for (const c of centres) {
      const res = await fetch(`${base}/v1/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ centreId: c.id }),
      });
      tokens.set(c.id, ((await res.json()) as { token: string }).token);
    }
  });
  afterAll(() => server.close());

  const auth = (c: Centre) => ({ authorization: `Bearer ${tokens.get(c.id)}` });

  async function submit(c: Centre, blobs: Uint8Array[], fileName = 'scan.pdf') {
    const manifest: Manifest = {
      schema: 'qabyldau.application/1',
      applicationId: randomUUID(),
      centreId: c.id,
      serviceId: 'edu-licence-school',
      subOperation: 'issue',
      applicant: { kind: 'individual', id: '900101300126' },
      form: {},
      documentsPresented: ['application'],
      attachments: blobs.map((b, i) => ({
        id: `att-${i}`,
        documentKey: 'application',
        fileName,
        mediaType: 'application/pdf',
        size: b.length,
        sha256: sha256(b),
      })),
      acceptedAt: now.toISOString(),
    };
    const res = await replay(c, manifest);
    expect(res.status).toBe(201);
    return manifest;
  }
  const replay = (c: Centre, manifest: Manifest) =>
    fetch(`${base}/v1/applications`, {
      method: 'POST',
      headers: { ...auth(c), 'content-type': 'application/json', 'idempotency-key': manifest.applicationId },
      body: JSON.stringify({ manifest }),
    });

  const metadata = (fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
      .join(',');
  async function create(
    c: Centre,
    f: { applicationId: string; attachmentId: string; sha256: string; size: number; filename?: string },
  ) {
    const { size, ...fields } = f;
    return fetch(`${base}/v1/uploads`, {
      method: 'POST',
      headers: {
        ...auth(c),
        ...tusHeaders,
        'upload-length': String(size),
        'upload-metadata': metadata({ filename: 'scan.pdf', ...fields }),
      },
    });
  }
  const patch = (c: Centre, url: string, bytes: Uint8Array, offset = 0) =>
    fetch(url, {
      method: 'PATCH',
      headers: {
        ...auth(c),
        ...tusHeaders,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
      },
      body: new Uint8Array(bytes),
    });
  /** Creates an upload for the manifest's attachment and sends `bytes` (its own blob unless an attacker says otherwise). */
  async function upload(c: Centre, manifest: Manifest, index: number, bytes: Uint8Array, filename?: string) {
    const ref = manifest.attachments[index]!;
    const created = await create(c, {
      applicationId: manifest.applicationId,
      attachmentId: ref.id,
      sha256: ref.sha256,
      size: ref.size,
      ...(filename ? { filename } : {}),
    });
    expect(created.status).toBe(201);
    const url = created.headers.get('location')!;
    return { url, id: url.split('/').pop()!, finish: await patch(c, url, bytes) };
  }
  const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
  const status = async (c: Centre, id: string) =>
    (
      (await (await fetch(`${base}/v1/applications/${id}`, { headers: auth(c) })).json()) as {
        status: string;
      }
    ).status;
  const heldHash = async (applicationId: string, attachmentId: string) =>
    (
      await server.db
        .selectFrom('attachments')
        .select('sha256')
        .where('application_id', '=', applicationId)
        .where('attachment_id', '=', attachmentId)
        .executeTakeFirst()
    )?.sha256;

  it('another centre can neither open an upload for an application nor touch, read or delete its blobs (404)', async () => {
    const blobs = [randomBytes(5_000), randomBytes(6_000)];
    const manifest = await submit(A, blobs);
    const first = await upload(A, manifest, 0, blobs[0]!);
    expect(first.finish.status).toBe(204);

    const forged = randomBytes(6_000);
    const attempt = await create(B, {
      applicationId: manifest.applicationId,
      attachmentId: 'att-1',
      sha256: sha256(forged),
      size: forged.length,
    });
    expect(attempt.status).toBe(404);
    expect(await code(attempt)).toBe('errors:api.notFound');
    // Even with the owner's exact hash: the application is not B's.
    const sameHash = await create(B, {
      applicationId: manifest.applicationId,
      attachmentId: 'att-1',
      sha256: manifest.attachments[1]!.sha256,
      size: blobs[1]!.length,
    });
    expect(sameHash.status).toBe(404);

    for (const method of ['HEAD', 'GET', 'DELETE'] as const)
      expect(
        (await fetch(first.url, { method, headers: { ...auth(B), ...tusHeaders } })).status,
        method,
      ).toBe(404);
    expect((await patch(B, first.url, randomBytes(10), 5_000)).status).toBe(404);

    expect(await heldHash(manifest.applicationId, 'att-0')).toBe(manifest.attachments[0]!.sha256);
    const own = await fetch(first.url, { headers: auth(A) });
    expect(own.status).toBe(200);
    expect(sha256(new Uint8Array(await own.arrayBuffer()))).toBe(manifest.attachments[0]!.sha256);
  });

  it('the owner cannot replace a verified attachment, nor upload anything once the application is registered', async () => {
    const blobs = [randomBytes(4_000), randomBytes(4_000)];
    const manifest = await submit(A, blobs);
    const ref = manifest.attachments[0]!;
    const spare = await create(A, {
      applicationId: manifest.applicationId,
      attachmentId: ref.id,
      sha256: ref.sha256,
      size: ref.size,
    });
    expect(spare.status).toBe(201);
    expect((await upload(A, manifest, 0, blobs[0]!)).finish.status).toBe(204);

    // A second, earlier-opened upload of the same attachment finishing later does not replace the verified blob.
    const late = await patch(A, spare.headers.get('location')!, blobs[0]!);
    expect(late.status).toBe(409);
    expect(await code(late)).toBe('errors:api.attachmentImmutable');
    expect(existsSync(join(uploadsDir, spare.headers.get('location')!.split('/').pop()!))).toBe(false);
    const again = await create(A, {
      applicationId: manifest.applicationId,
      attachmentId: ref.id,
      sha256: ref.sha256,
      size: ref.size,
    });
    expect(again.status).toBe(409);
    expect(await code(again)).toBe('errors:api.attachmentImmutable');

    const second = await upload(A, manifest, 1, blobs[1]!);
    expect(second.finish.status).toBe(204);
    expect(await status(A, manifest.applicationId)).toBe('registered');

    const evil = randomBytes(4_000);
    const after = await create(A, {
      applicationId: manifest.applicationId,
      attachmentId: 'att-1',
      sha256: sha256(evil),
      size: evil.length,
    });
    expect(after.status).toBe(409);
    expect(await code(after)).toBe('errors:api.applicationClosed');
    expect(await heldHash(manifest.applicationId, 'att-1')).toBe(manifest.attachments[1]!.sha256);
    const replayed = await replay(A, manifest);
    expect(((await replayed.json()) as { status: string }).status).toBe('registered');
  });

  it('refuses uploads for an unknown application, for an attachment the manifest does not name, and bytes that differ', async () => {
    const unknown = await create(A, {
      applicationId: randomUUID(),
      attachmentId: 'att-0',
      sha256: sha256(randomBytes(8)),
      size: 8,
    });
    expect(unknown.status).toBe(404);
    expect(await code(unknown)).toBe('errors:api.notFound');

    const blob = randomBytes(3_000);
    const manifest = await submit(A, [blob]);
    const stranger = await create(A, {
      applicationId: manifest.applicationId,
      attachmentId: 'att-9',
      sha256: sha256(blob),
      size: blob.length,
    });
    expect(stranger.status).toBe(422);
    expect(await code(stranger)).toBe('errors:api.attachmentNotInManifest');
    const otherHash = await create(A, {
      applicationId: manifest.applicationId,
      attachmentId: 'att-0',
      sha256: sha256(randomBytes(3_000)),
      size: blob.length,
    });
    expect(otherHash.status).toBe(422);

    const tampered = await upload(A, manifest, 0, randomBytes(3_000));
    expect(tampered.finish.status).toBe(460);
    expect(await code(tampered.finish)).toBe('errors:api.attachmentHashMismatch');
    expect(existsSync(join(uploadsDir, tampered.id))).toBe(false);
    expect(existsSync(join(uploadsDir, `${tampered.id}.json`))).toBe(false);
    expect(await heldHash(manifest.applicationId, 'att-0')).toBeUndefined();
  });

  it('stops unbounded upload creation at the centre quota (429) without affecting other centres', async () => {
    const blob = randomBytes(1_000);
    const manifest = await submit(Q, [blob]);
    const ref = manifest.attachments[0]!;
    const open = () =>
      create(Q, {
        applicationId: manifest.applicationId,
        attachmentId: ref.id,
        sha256: ref.sha256,
        size: ref.size,
      });
    const answers = await Promise.all(Array.from({ length: maxOpenUploads + 3 }, open));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(maxOpenUploads);
    const refused = answers.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    expect(await code(refused[0]!)).toBe('errors:api.uploadQuotaExceeded');

    const other = await submit(B, [blob]);
    expect((await upload(B, other, 0, blob)).finish.status).toBe(204);

    // Bytes count too: one upload larger than the centre's open-bytes budget is refused by itself.
    const big = new Uint8Array(3_000_001);
    const bigApp = await submit(B, [big]);
    const tooBig = await create(B, {
      applicationId: bigApp.applicationId,
      attachmentId: 'att-0',
      sha256: sha256(big),
      size: big.length,
    });
    expect(tooBig.status).toBe(429);

    // Finishing one frees its place; the quota counts unfinished uploads only.
    const url = answers.find((r) => r.status === 201)!.headers.get('location')!;
    expect((await patch(Q, url, blob)).status).toBe(204);
    const more = await submit(Q, [blob]);
    expect(
      (
        await create(Q, {
          applicationId: more.applicationId,
          attachmentId: 'att-0',
          sha256: ref.sha256,
          size: ref.size,
        })
      ).status,
    ).toBe(201);
  });

  it('sweeps expired uploads, orphaned blobs and their metadata files, and frees the quota they held', async () => {
    const blob = randomBytes(10_000);
    const manifest = await submit(A, [blob]);
    const ref = manifest.attachments[0]!;
    const created = await create(A, {
      applicationId: manifest.applicationId,
      attachmentId: ref.id,
      sha256: ref.sha256,
      size: ref.size,
    });
    const url = created.headers.get('location')!;
    const id = url.split('/').pop()!;
    expect((await patch(A, url, blob.subarray(0, 4_000))).status).toBe(204);
    const stray = randomBytes(16).toString('hex');
    writeFileSync(join(uploadsDir, stray), 'left behind');
    writeFileSync(join(uploadsDir, `${stray}.json`), '{}');
    const evidenceBlob = randomBytes(100);
    const evidence = await upload(A, await submit(A, [evidenceBlob]), 0, evidenceBlob);
    expect(evidence.finish.status).toBe(204);

    expect((await server.uploads.sweep()).expired).not.toContain(id);
    expect(existsSync(join(uploadsDir, id))).toBe(true);

    now = new Date(now.getTime() + expireAfterMs + 1);
    for (const path of [join(uploadsDir, stray), join(uploadsDir, `${stray}.json`)])
      utimesSync(
        path,
        new Date(now.getTime() - expireAfterMs - 1),
        new Date(now.getTime() - expireAfterMs - 1),
      );
    const report = await server.uploads.sweep();
    expect(report.expired).toContain(id);
    expect(report.orphaned).toContain(stray);
    for (const name of [id, `${id}.json`, stray, `${stray}.json`])
      expect(existsSync(join(uploadsDir, name)), name).toBe(false);
    expect(
      (await server.db.selectFrom('uploads').select('state').where('id', '=', id).executeTakeFirstOrThrow())
        .state,
    ).toBe('expired');
    expect((await fetch(url, { method: 'HEAD', headers: { ...auth(A), ...tusHeaders } })).status).toBe(404);
    // Verified blobs are evidence and stay, past any expiry.
    expect(existsSync(join(uploadsDir, evidence.id))).toBe(true);
    expect(existsSync(join(uploadsDir, `${evidence.id}.json`))).toBe(true);
    // The expired upload no longer counts; the workstation starts it again from byte 0.
    expect((await upload(A, manifest, 0, blob)).finish.status).toBe(204);
  });

  it('never deletes a verified blob, and names downloads safely (Kazakh, line breaks, quotes)', async () => {
    const blob = randomBytes(2_000);
    const manifest = await submit(A, [blob]);
    const done = await upload(A, manifest, 0, blob, 'Өтініш\r\nбұйрық "№1"/../x.pdf');
    expect(done.finish.status).toBe(204);
    const refused = await fetch(done.url, { method: 'DELETE', headers: { ...auth(A), ...tusHeaders } });
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe('errors:api.attachmentImmutable');
    expect((await fetch(done.url, { method: 'DELETE', headers: { ...auth(B), ...tusHeaders } })).status).toBe(
      404,
    );

    const got = await fetch(done.url, { headers: auth(A) });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = parseDisposition(got.headers.get('content-disposition')!);
    expect(disposition.type).toBe('attachment');
    expect(disposition.parameters.filename).toBe('Өтініш бұйрық "№1"_.._x.pdf');
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(manifest.attachments[0]!.sha256);

    // An unfinished upload of one's own may still be abandoned.
    const other = await submit(A, [blob]);
    const open = await create(A, {
      applicationId: other.applicationId,
      attachmentId: 'att-0',
      sha256: sha256(blob),
      size: blob.length,
    });
    const openUrl = open.headers.get('location')!;
    expect((await fetch(openUrl, { method: 'DELETE', headers: { ...auth(A), ...tusHeaders } })).status).toBe(
      204,
    );
    expect(existsSync(join(uploadsDir, openUrl.split('/').pop()!))).toBe(false);
  });

  it('finishes an upload whose completion was cut short: on HEAD at offset = length, and on manifest replay', async () => {
    const blobs = [randomBytes(7_000), randomBytes(7_000)];
    const manifest = await submit(A, blobs);
    faultOnFinish = true;
    const viaHead = await upload(A, manifest, 0, blobs[0]!);
    const viaReplay = await upload(A, manifest, 1, blobs[1]!);
    faultOnFinish = false;
    expect(viaHead.finish.status).toBe(500);
    expect(viaReplay.finish.status).toBe(500);
    expect(await heldHash(manifest.applicationId, 'att-0')).toBeUndefined();

    const head = await fetch(viaHead.url, { method: 'HEAD', headers: { ...auth(A), ...tusHeaders } });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('7000');
    expect(await heldHash(manifest.applicationId, 'att-0')).toBe(manifest.attachments[0]!.sha256);
    expect(await status(A, manifest.applicationId)).toBe('received');

    const receipt = (await (await replay(A, manifest)).json()) as {
      status: string;
      missingAttachments: string[];
    };
    expect(receipt.status).toBe('registered');
    expect(receipt.missingAttachments).toEqual([]);
  });
});
