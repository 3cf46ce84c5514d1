import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type LicensingServer } from '../../../server/app';
import { openDatabase, type QabyldauDb } from '../db/database';
import { Outbox } from '../outbox/outbox';
import { ApiClient, type ApiSession } from './api-client';
import { SyncEngine } from './engine';
import { startCuttingProxy } from './cutting-proxy.testkit';
import { TusUploader } from './uploader';

const centre = { id: 'CON-U', name: 'ЦОН U', key: 'upload-centre-key-0123456789' };
let server: LicensingServer;
let apiUrl: string;
let db: QabyldauDb;
let outbox: Outbox;
let n = 0;

let proxy: Awaited<ReturnType<typeof startCuttingProxy>>;

beforeAll(async () => {
  server = await buildServer({ centres: [centre], insecureAcceptUnsigned: 'accept-unsigned-for-tests-only' });
  apiUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  proxy = await startCuttingProxy(apiUrl);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});
beforeEach(() => {
  db = openDatabase(`upload-test-${++n}`);
  outbox = new Outbox(db);
  proxy.state.patchBytes = 0;
  proxy.state.cutAfter = Infinity;
});

async function session(): Promise<ApiSession> {
  const res = await fetch(`${apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  return { apiUrl: proxy.url, token: ((await res.json()) as { token: string }).token };
}

const engine = () =>
  new SyncEngine({
    db,
    outbox,
    api: new ApiClient(session),
    uploader: new TusUploader(db, { chunkSize: 128 * 1024, toUploadable: async (b) => Buffer.from(await b.arrayBuffer()) }),
    probe: async () => true,
    random: () => 0,
  });

async function queueWithAttachments(sizes: number[]) {
  const id = crypto.randomUUID();
  await outbox.saveDraft(id, {}, 'edu-licence-school');
  for (const [i, size] of sizes.entries())
    await outbox.addAttachment({
      applicationId: id,
      documentKey: `doc-${i}`,
      fileName: `doc-${i}.pdf`,
      mediaType: 'application/pdf',
      blob: new Blob([randomBytes(size)], { type: 'application/pdf' }),
    });
  return outbox.queue(
    {
      serviceId: 'edu-licence-school',
      subOperation: 'issue',
      applicant: { kind: 'legal-entity', id: '100440001230' },
      form: {},
      documentsPresented: sizes.map((_, i) => `doc-${i}`),
      centreId: centre.id,
    },
    id,
  );
}

describe('attachments upload byte-resumably (tus) and gate registration', () => {
  it('registers only once every blob is on the server and verified', async () => {
    const app = await queueWithAttachments([300_000, 50_000]);
    await engine().runOnce();
    const stored = await db.applications.get(app.id);
    expect(stored?.status).toBe('registered');
    const held = await server.db.selectFrom('attachments').selectAll().where('application_id', '=', app.id).execute();
    expect(held.map((h) => h.sha256).sort()).toEqual(app.manifest!.attachments.map((a) => a.sha256).sort());
    expect(proxy.state.patchBytes).toBe(350_000);
  });

  it('resumes a broken upload from the last acknowledged byte instead of resending the file', async () => {
    const size = 1_000_000;
    const app = await queueWithAttachments([size]);
    proxy.state.cutAfter = 450_000;
    await engine().runOnce();
    const afterCut = await db.applications.get(app.id);
    expect(afterCut?.status).toBe('uploading');
    const [record] = await db.attachments.where('applicationId').equals(app.id).toArray();
    expect(record?.upload?.url).toContain('/v1/uploads/');
    const acknowledged = record!.upload!.offset;
    expect(acknowledged).toBeGreaterThan(0);
    expect(acknowledged).toBeLessThan(size);

    // A new engine (as after a restart) picks the stored URL up and sends only what is left.
    const before = proxy.state.patchBytes;
    await db.applications.update(app.id, { nextAttemptAt: new Date(0).toISOString() });
    await engine().runOnce();
    expect((await db.applications.get(app.id))?.status).toBe('registered');
    // Never resends an acknowledged byte (the server may have kept a few more of the broken chunk).
    expect(proxy.state.patchBytes - before).toBeLessThanOrEqual(size - acknowledged);
    expect(proxy.state.patchBytes - before).toBeGreaterThan(size - acknowledged - 128 * 1024);
  });

  it('puts an application whose stored blob no longer matches its hash aside (needs attention)', async () => {
    const app = await queueWithAttachments([20_000]);
    const [record] = await db.attachments.where('applicationId').equals(app.id).toArray();
    await db.attachments.update(record!.id, { blob: new Blob([randomBytes(20_000)]) });
    await engine().runOnce();
    const stored = await db.applications.get(app.id);
    expect(stored?.status).toBe('needs-attention');
    expect(stored?.lastError?.code).toBe('errors:api.attachmentHashMismatch');
    const held = await server.db.selectFrom('attachments').selectAll().where('application_id', '=', app.id).execute();
    expect(held).toEqual([]);
  });
});
