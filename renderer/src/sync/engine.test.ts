import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type LicensingServer } from '../../../server/app';
import { openDatabase, type QabyldauDb } from '../db/database';
import { Outbox, type QueueInput } from '../outbox/outbox';
import { ApiClient, probeApi, type ApiSession } from '../api/client';
import { SyncEngine } from './engine';
import { openApplication, sealApplication } from '../privacy/records';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

const centre = { id: 'CON-T', name: 'ЦОН T', key: 'test-centre-key-0123456789' };
let server: LicensingServer;
let apiUrl: string;
let db: QabyldauDb;
let outbox: Outbox;
let dbCounter = 0;

async function realSession(): Promise<ApiSession> {
  const res = await fetch(`${apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  return { apiUrl, token: ((await res.json()) as { token: string }).token };
}

const input = (applicantId = '100440001230'): QueueInput => ({
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'legal-entity', id: applicantId },
  form: { name: 'Мектеп' },
  documentsPresented: ['application'],
  centreId: centre.id,
});

function engine(api: ApiClient, probe = () => probeApi(apiUrl)) {
  return new SyncEngine({ db, outbox, api, probe, random: () => 0.5 });
}

beforeAll(async () => {
  server = await buildServer({ centres: [centre], insecureAcceptUnsigned: 'accept-unsigned-for-tests-only' });
  apiUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  db = openDatabase(vault, `engine-test-${++dbCounter}`);
  outbox = new Outbox(db);
});

describe('outbox', () => {
  it('keeps a draft, then freezes the manifest with the attachment hashes when queued', async () => {
    const id = crypto.randomUUID();
    await outbox.saveDraft(id, { step: 1 }, 'edu-licence-school');
    const blob = new Blob([new TextEncoder().encode('%PDF-1.7 scanned page')], { type: 'application/pdf' });
    const att = await outbox.addAttachment({
      applicationId: id,
      documentKey: 'application',
      fileName: 'a.pdf',
      mediaType: 'application/pdf',
      blob,
    });
    expect(att.sha256).toMatch(/^[0-9a-f]{64}$/);
    const queued = await outbox.queue(input(), id);
    expect(queued.status).toBe('ready');
    expect(queued.manifest?.attachments).toEqual([
      expect.objectContaining({ sha256: att.sha256, size: blob.size }),
    ]);
    await expect(
      outbox.addAttachment({
        applicationId: id,
        documentKey: 'x',
        fileName: 'b.pdf',
        mediaType: 'application/pdf',
        blob,
      }),
    ).rejects.toMatchObject({
      code: 'outbox:alreadyQueued',
    });
    await expect(outbox.saveDraft(id, {})).rejects.toMatchObject({ code: 'outbox:notADraft' });
    expect((await outbox.history(id)).map((h) => [h.from, h.to])).toEqual([['draft', 'ready']]);
  });

  it('refuses an illegal transition', async () => {
    const a = await outbox.queue(input());
    await expect(outbox.transition(a.id, 'decided', 'test')).rejects.toMatchObject({
      code: 'outbox:illegalTransition',
    });
  });
});

describe('sync engine against the reference API over HTTP', () => {
  it('leaves everything queued while the API does not answer, then delivers each application once', async () => {
    const a = await outbox.queue(input());
    const b = await outbox.queue(input());
    const offline = engine(new ApiClient(realSession), async () => false);
    await offline.runOnce();
    expect(offline.getState().connectivity).toBe('offline');
    expect((await db.applications.get(a.id))?.status).toBe('ready');

    const online = engine(new ApiClient(realSession));
    await online.runOnce();
    for (const id of [a.id, b.id]) {
      const stored = await db.applications.get(id);
      expect(stored?.status).toBe('registered');
      expect(stored?.registrationNumber).toMatch(/^Q\d{4}-\d{8}$/);
    }
    // A second pass (e.g. after a crash that lost the acknowledgement) re-sends nothing new.
    await db.applications.update(a.id, { status: 'uploading' });
    await online.runOnce();
    expect((await db.applications.get(a.id))?.status).toBe('registered');
    const { rows } = await server.db
      .selectFrom('applications')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('id', '=', a.id)
      .execute()
      .then((r) => ({ rows: r }));
    expect(Number(rows[0]?.n)).toBe(1);
    expect(online.getState().pending).toBe(0);
  });

  it('retries a 500 with backoff and never gives up, while another application still goes through', async () => {
    let failures = 0;
    const flaky: Server = createServer((req, res) => {
      failures++;
      res.writeHead(500, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const flakyUrl = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
    const a = await outbox.queue(input());
    const now = Date.now() + 60_000;
    const failing = new SyncEngine({
      db,
      outbox,
      api: new ApiClient(async () => ({ apiUrl: flakyUrl, token: 'x'.repeat(20) })),
      probe: () => probeApi(apiUrl),
      random: () => 0.5,
      now: () => new Date(now),
    });
    await failing.runOnce();
    const after = await db.applications.get(a.id);
    expect(after?.status).toBe('uploading');
    expect(after?.attempts).toBe(1);
    expect(after?.lastError?.code).toBe('errors:api.serverError');
    expect(new Date(after!.nextAttemptAt!).getTime()).toBeGreaterThan(now);
    expect(failures).toBeGreaterThanOrEqual(1);
    await new Promise<void>((r) => flaky.close(() => r()));

    // Due again: the real API now answers and it is delivered.
    await db.applications.update(a.id, { nextAttemptAt: new Date(0).toISOString() });
    await engine(new ApiClient(realSession)).runOnce();
    expect((await db.applications.get(a.id))?.status).toBe('registered');
  });

  it('puts a rejected application aside (needs attention) without blocking the next one', async () => {
    const bad = await outbox.queue(input());
    // Corrupt the stored manifest as a bug or tampering would: the server answers 422, permanently.
    await db.applications.put(await sealApplication(vault, { ...bad, manifest: { ...bad.manifest!, centreId: 'CON-OTHER' } }));
    const good = await outbox.queue(input());
    await engine(new ApiClient(realSession)).runOnce();
    const b = await db.applications.get(bad.id);
    expect(b?.status).toBe('needs-attention');
    expect(b?.lastError?.code).toBe('errors:api.wrongCentre');
    expect((await db.applications.get(good.id))?.status).toBe('registered');
  });

  it('flags a conflict when the same UUID arrives with different content', async () => {
    const a = await outbox.queue(input());
    await engine(new ApiClient(realSession)).runOnce();
    // Simulate a second workstation state for the same id with other content.
    const registered = await openApplication(vault, (await db.applications.get(a.id))!);
    await db.applications.put(
      await sealApplication(vault, { ...registered, status: 'ready', manifest: { ...a.manifest!, form: { name: 'Басқа' } }, nextAttemptAt: new Date(0).toISOString() }),
    );
    await engine(new ApiClient(realSession)).runOnce();
    const after = await db.applications.get(a.id);
    expect(after?.status).toBe('needs-attention');
    expect(after?.lastError?.code).toBe('errors:api.idempotencyConflict');
  });

  it("caches the centre's applications accepted at other desks, so search and printing work here offline", async () => {
    const otherDesk = openDatabase(vault, `engine-test-other-${dbCounter}`);
    const otherOutbox = new Outbox(otherDesk);
    const theirs = await otherOutbox.queue(input('100440001230'));
    await new SyncEngine({
      db: otherDesk,
      outbox: otherOutbox,
      api: new ApiClient(realSession),
      probe: () => probeApi(apiUrl),
    }).runOnce();
    await engine(new ApiClient(realSession)).runOnce();
    const cached = await openApplication(vault, (await db.applications.get(theirs.id))!);
    expect(cached).toMatchObject({ origin: 'centre', status: 'registered', serviceId: 'edu-licence-school', applicant: { id: '100440001230' } });
    expect(cached?.registrationNumber).toMatch(/^Q\d{4}-\d{8}$/);
    expect(await outbox.pendingCount()).toBe(0);
  });

  it('a kick during a pass runs one more pass right after it, so a fresh application does not wait', async () => {
    let probes = 0;
    let releaseFirstProbe!: () => void;
    const firstProbeHeld = new Promise<void>((r) => (releaseFirstProbe = r));
    const e = new SyncEngine({
      db,
      outbox,
      api: new ApiClient(realSession),
      // The first pass finds the API away (once the test lets it answer); only a second pass can deliver.
      probe: async () => {
        probes++;
        if (probes > 1) return probeApi(apiUrl);
        await firstProbeHeld;
        return false;
      },
      intervalMs: 60_000,
    });
    e.start();
    await expect.poll(() => probes, { timeout: 20_000 }).toBe(1);
    const app = await outbox.queue(input());
    e.kick();
    releaseFirstProbe();
    // Without the extra pass it would wait for the 60-second interval.
    await expect
      .poll(async () => (await db.applications.get(app.id))?.status, { timeout: 10_000 })
      .toBe('registered');
    e.stop();
    expect(probes).toBe(2);
  });

  it('retries at once when the probe finds the API back after an outage, whatever the scheduled delay', async () => {
    const now = Date.now() + 60_000;
    const failing = new SyncEngine({
      db,
      outbox,
      api: new ApiClient(async () => ({ apiUrl: 'http://127.0.0.1:9/', token: 'x'.repeat(20) }), 500),
      probe: async () => true,
      now: () => new Date(now),
      random: () => 0.5,
    });
    const a = await outbox.queue(input());
    // Several failed tries while the API seemed up: the delay grew.
    for (let i = 0; i < 4; i++) {
      await db.applications.update(a.id, { nextAttemptAt: new Date(0).toISOString() });
      await failing.runOnce();
    }
    const waiting = await db.applications.get(a.id);
    expect(waiting?.attempts).toBe(4);
    const delay = new Date(waiting!.nextAttemptAt!).getTime() - now;
    expect(delay).toBeGreaterThan(4_000);
    expect(delay).toBeLessThanOrEqual(30_000);

    let online = false;
    const e = new SyncEngine({
      db,
      outbox,
      api: new ApiClient(realSession),
      probe: async () => online && probeApi(apiUrl),
      now: () => new Date(now),
      random: () => 0.5,
    });
    await e.runOnce();
    expect(e.getState().connectivity).toBe('offline');
    // Offline, the engine waits longer between probes; back online, it does not wait for the scheduled retry.
    expect(await e.delayUntilNextPass()).toBeGreaterThan(0);
    online = true;
    await e.runOnce();
    expect((await db.applications.get(a.id))?.status).toBe('registered');
  });

  it("the operator's retry now makes a waiting application due and runs a pass", async () => {
    const now = Date.now() + 60_000;
    const a = await outbox.queue(input());
    await db.applications.update(a.id, {
      status: 'uploading',
      attempts: 9,
      nextAttemptAt: new Date(now + 25_000).toISOString(),
    });
    const e = new SyncEngine({
      db,
      outbox,
      api: new ApiClient(realSession),
      probe: () => probeApi(apiUrl),
      now: () => new Date(now),
      intervalMs: 60_000,
    });
    e.start();
    // The engine says when it will try next: at the application's retry time, not the minute-long interval.
    await expect
      .poll(() => e.getState().nextPassAt, { timeout: 20_000 })
      .toBe(new Date(now + 25_000).toISOString());
    expect((await db.applications.get(a.id))?.status).toBe('uploading');
    await e.retryNow(a.id);
    await expect
      .poll(async () => (await db.applications.get(a.id))?.status, { timeout: 20_000 })
      .toBe('registered');
    // After the pass the engine says when it will look again.
    await expect
      .poll(() => e.getState().nextPassAt, { timeout: 20_000 })
      .toBe(new Date(now + 60_000).toISOString());
    e.stop();
  });

  it('reports a stall when online with work pending and no progress', async () => {
    await outbox.queue(input());
    let now = Date.now();
    const stuck = new SyncEngine({
      db,
      outbox,
      api: new ApiClient(async () => ({ apiUrl: 'http://127.0.0.1:9/', token: 'x'.repeat(20) }), 500),
      probe: async () => true,
      now: () => new Date(now),
      stallAfterMs: 60_000,
    });
    await stuck.runOnce();
    expect(stuck.getState().stalled).toBe(false);
    now += 120_000;
    await db.applications.toCollection().modify({ nextAttemptAt: new Date(0).toISOString() });
    await stuck.runOnce();
    expect(stuck.getState().stalled).toBe(true);
  });
});
