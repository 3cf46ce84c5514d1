import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type LicensingServer } from '../../../server/app';
import { openDatabase, type QabyldauDb } from '../db/database';
import { Outbox } from '../outbox/outbox';
import { ApiClient, type ApiSession } from '../api/client';
import { SyncEngine } from './engine';
import { startCuttingProxy } from './cutting-proxy.testkit';
import { startFaultProxy } from './fault-proxy.testkit';
import { TusUploader } from './uploader';
import { openAttachment, sealAttachment } from '../privacy/records';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

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
  db = openDatabase(vault, `upload-test-${++n}`);
  outbox = new Outbox(db);
  proxy.state.patchBytes = 0;
  proxy.state.cutAfter = Infinity;
  proxy.state.staysDown = false;
  proxy.state.down = false;
});

async function session(via = proxy.url): Promise<ApiSession> {
  const res = await fetch(`${apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  return { apiUrl: via, token: ((await res.json()) as { token: string }).token };
}

const toUploadable = async (b: Blob) => Buffer.from(await b.arrayBuffer());
/** The uploader's quick-retry jitter, skipped: tests wait for events, never for time. */
const noWait = async () => undefined;
// The engine's clock runs ahead of the outbox's, so whatever is queued is due.
const now = Date.parse('2030-01-01T09:00:00Z');
const engine = (
  via = proxy.url,
  uploader = new TusUploader(db, { chunkSize: 128 * 1024, toUploadable, sleep: noWait }),
) =>
  new SyncEngine({
    db,
    outbox,
    api: new ApiClient(() => session(via)),
    uploader,
    probe: async () => true,
    random: () => 0,
    now: () => new Date(now),
  });
const makeDue = () => db.applications.toCollection().modify({ nextAttemptAt: new Date(0).toISOString() });

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
    const held = await server.db
      .selectFrom('attachments')
      .selectAll()
      .where('application_id', '=', app.id)
      .execute();
    expect(held.map((h) => h.sha256).sort()).toEqual(app.manifest!.attachments.map((a) => a.sha256).sort());
    expect(proxy.state.patchBytes).toBe(350_000);
  });

  it('resumes a broken upload from the last acknowledged byte instead of resending the file', async () => {
    const size = 1_000_000;
    const app = await queueWithAttachments([size]);
    proxy.state.cutAfter = 450_000;
    proxy.state.staysDown = true;
    // Many earlier failures: yet this try moves bytes, so its retry comes at once (jitter only, 0 with this
    // random source) instead of after a long backoff.
    await db.applications.update(app.id, { attempts: 9 });
    await engine().runOnce();
    const afterCut = await db.applications.get(app.id);
    expect(afterCut?.status).toBe('uploading');
    expect(afterCut?.attempts).toBe(1);
    expect(new Date(afterCut!.nextAttemptAt!).getTime() - now).toBe(0);
    const [record] = await db.attachments.where('applicationId').equals(app.id).toArray();
    expect(record?.upload?.url).toContain('/v1/uploads/');
    const acknowledged = record!.upload!.offset;
    expect(acknowledged).toBeGreaterThan(0);
    expect(acknowledged).toBeLessThan(size);

    // A new engine (as after a restart) picks the stored URL up and sends only what is left.
    const before = proxy.state.patchBytes;
    proxy.state.down = false;
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
    const opened = (await openAttachment(vault, record!))!;
    await db.attachments.put(await sealAttachment(vault, { ...opened, blob: new Blob([randomBytes(20_000)]) }));
    await engine().runOnce();
    const stored = await db.applications.get(app.id);
    expect(stored?.status).toBe('needs-attention');
    expect(stored?.lastError?.code).toBe('errors:api.attachmentHashMismatch');
    const held = await server.db
      .selectFrom('attachments')
      .selectAll()
      .where('application_id', '=', app.id)
      .execute();
    expect(held).toEqual([]);
  });
});

describe('on a bad link', () => {
  it('keeps the upload through 502s on the resume HEAD: no new upload, no byte 0', async () => {
    const size = 1_000_000;
    const app = await queueWithAttachments([size]);
    const link = await startFaultProxy(apiUrl, { cutEveryBytes: 400_000, cutJitter: 0, staysDown: true });
    try {
      // The link dies mid-upload and stays down: the first pass leaves a partial upload with its URL stored.
      await engine(link.url).runOnce();
      const [partial] = await db.attachments.where('applicationId').equals(app.id).toArray();
      expect(partial?.upload?.url).toContain('/v1/uploads/');
      expect(partial!.upload!.offset).toBeGreaterThan(0);
      expect(link.stats.uploadsCreated).toBe(1);

      // The link is back (still cut now and then), but a proxy answers the resume HEAD with 502 twice.
      link.options.down = false;
      link.options.cutEveryBytes = undefined;
      link.failNext('HEAD', 502, 2);
      for (let pass = 0; pass < 2; pass++) {
        await makeDue();
        await engine(link.url).runOnce();
        const stored = await db.applications.get(app.id);
        expect(stored?.status).toBe('uploading');
        expect(stored?.lastError).toMatchObject({ code: 'errors:api.serverError', params: { status: 502 } });
        const [record] = await db.attachments.where('applicationId').equals(app.id).toArray();
        expect(record?.upload?.url).toBe(partial!.upload!.url);
        expect(record!.upload!.offset).toBeGreaterThanOrEqual(partial!.upload!.offset);
      }
      await makeDue();
      const patchedBefore = link.stats.patchBytes;
      await engine(link.url).runOnce();
      expect((await db.applications.get(app.id))?.status).toBe('registered');
      expect(link.stats.uploadsCreated).toBe(1);
      expect(link.stats.byMethod.HEAD).toBeGreaterThanOrEqual(3);
      // Only what the server lacked was sent after the HEAD answered.
      expect(link.stats.patchBytes - patchedBefore).toBeLessThanOrEqual(size - partial!.upload!.offset);
      const [done] = await db.attachments.where('applicationId').equals(app.id).toArray();
      expect(done?.upload).toEqual({ url: partial!.upload!.url, offset: size, done: true });
    } finally {
      await link.close();
    }
  });

  it('moves the stored offset on a link cut more often than the first chunk could complete', async () => {
    const size = 1_200_000;
    const app = await queueWithAttachments([size]);
    // Cut every 90 kB: the initial 256 KiB chunk could never be acknowledged whole. Paced (4 MB/s) so that
    // what crossed before a cut has reached the API, as on a real link.
    const link = await startFaultProxy(apiUrl, {
      cutEveryBytes: 90_000,
      cutJitter: 0,
      bytesPerSecond: 4_000_000,
    });
    const stored: number[] = [];
    db.attachments.hook('updating', (mods) => {
      // Dexie reports either the whole object or key paths into it.
      const m = mods as { upload?: { offset: number }; 'upload.offset'?: number };
      const offset = m.upload?.offset ?? m['upload.offset'];
      if (offset !== undefined) stored.push(offset);
    });
    try {
      const adaptive = new TusUploader(db, { toUploadable, sleep: noWait });
      for (let pass = 0; pass < 30 && (await db.applications.get(app.id))?.status !== 'registered'; pass++) {
        await engine(link.url, adaptive).runOnce();
        await makeDue();
      }
      expect((await db.applications.get(app.id))?.status).toBe('registered');
      expect(link.stats.cuts).toBeGreaterThanOrEqual(8);
      expect(link.stats.uploadsCreated).toBe(1);
      const rising = stored.filter((o, i) => o > 0 && o < size && o > Math.max(0, ...stored.slice(0, i)));
      // The bar moves about once per cut at least: the offset rises many times before the end.
      expect(rising.length).toBeGreaterThanOrEqual(link.stats.cuts);
      const totals = await db.transfers.get(app.id);
      expect(totals).toEqual({ applicationId: app.id, attachments: 1, totalBytes: size, sentBytes: size });
    } finally {
      await link.close();
    }
  });

  it('retries a resume that failed without progress at once, with a small jitter, after the link just worked', async () => {
    const size = 500_000;
    const app = await queueWithAttachments([size]);
    // One cut after 300 kB (some 128 KiB chunks acknowledged), then 502s on the resume HEADs.
    const link = await startFaultProxy(apiUrl, { cutEveryBytes: 300_000, cutJitter: 0 });
    link.failNext('HEAD', 502, 3);
    const waits: number[] = [];
    const uploader = new TusUploader(db, {
      chunkSize: 128 * 1024,
      toUploadable,
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
    });
    try {
      // Two quick retries (jitter up to 250 ms, then 500 ms), then the third 502 goes back to the engine…
      await engine(link.url, uploader).runOnce();
      expect(link.stats.cuts).toBe(1);
      expect(waits).toEqual([125, 250]);
      const afterCut = await db.applications.get(app.id);
      expect(afterCut?.status).toBe('uploading');
      expect(afterCut?.lastError).toMatchObject({ params: { status: 502 } });
      // …which tries again at once, since the try moved bytes.
      expect(afterCut!.attempts).toBe(1);
      expect(new Date(afterCut!.nextAttemptAt!).getTime()).toBe(now);
      await engine(link.url, uploader).runOnce();
      expect((await db.applications.get(app.id))?.status).toBe('registered');
      // The next call starts without progress: its first failure would go straight back to the engine.
      expect(waits).toEqual([125, 250]);
      expect(link.stats.uploadsCreated).toBe(1);
    } finally {
      await link.close();
    }
  });
});
