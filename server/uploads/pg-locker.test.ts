import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERRORS } from '@tus/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type LicensingServer } from '../app';
import { testBackends, testPgUrl } from '../db/backends.testkit';
import { PostgresLocker } from './pg-locker';
import { manifestWithOneScan, sha256 } from '../testkit/manifest.testkit';

const postgres = testBackends.find((b) => b.name === 'PostgreSQL');
const skipReason = testPgUrl ? '' : ' (skipped: QABYLDAU_TEST_PG is not set)';

/** Resolves when called: the event a test waits for instead of a delay. */
function signal<T = void>() {
  let fire!: (value: T) => void;
  const fired = new Promise<T>((resolve) => (fire = resolve));
  return { fire, fired };
}

describe.skipIf(!postgres)(`tus upload locks across API nodes on PostgreSQL${skipReason}`, () => {
  let url: string;
  const lockers: PostgresLocker[] = [];
  const node = (timeoutMs?: number) => {
    const locker = new PostgresLocker({
      connectionString: url,
      ...(timeoutMs ? { acquireLockTimeoutMs: timeoutMs } : {}),
    });
    lockers.push(locker);
    return locker;
  };
  beforeAll(async () => {
    url = (await postgres!.options()).databaseUrl!;
  });
  afterAll(async () => {
    for (const l of lockers) await l.close();
  });

  it('one node at a time holds an upload; a second asks the holder to let go and gets the lock once it does', async () => {
    const [a, b] = [node(), node()];
    const id = randomBytes(16).toString('hex');
    const held = a.newLock(id);
    const releaseAsked = signal();
    await held.lock(new AbortController().signal, () => releaseAsked.fire());

    let bHolds = false;
    const waiting = b.newLock(id);
    const acquired = waiting.lock(new AbortController().signal, () => undefined).then(() => (bHolds = true));
    // The request on node B reaches node A's holder through PostgreSQL, as a cancelled half-open PATCH would.
    await releaseAsked.fired;
    expect(bHolds).toBe(false);
    await held.unlock();
    await acquired;
    expect(bHolds).toBe(true);
    // Another upload is never blocked by this one.
    const other = a.newLock(randomBytes(16).toString('hex'));
    await other.lock(new AbortController().signal, () => undefined);
    await other.unlock();
    await waiting.unlock();
  });

  it('a waiting request that goes away stops waiting (tus answers it) and takes nothing', async () => {
    const [a, b] = [node(), node()];
    const id = randomBytes(16).toString('hex');
    const held = a.newLock(id);
    const releaseAsked = signal();
    await held.lock(new AbortController().signal, () => releaseAsked.fire());
    const gone = new AbortController();
    const waiting = b.newLock(id).lock(gone.signal, () => undefined);
    await releaseAsked.fired;
    gone.abort();
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await held.unlock();
    const next = b.newLock(id);
    await next.lock(new AbortController().signal, () => undefined);
    await next.unlock();
  });

  it('a holder that ignores release requests keeps the lock: the waiter times out with tus’s lock error', async () => {
    const [a, b] = [node(), node(300)];
    const id = randomBytes(16).toString('hex');
    const held = a.newLock(id);
    await held.lock(new AbortController().signal, () => undefined);
    await expect(b.newLock(id).lock(new AbortController().signal, () => undefined)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    await held.unlock();
  });

  it('a node that dies frees its uploads at once: PostgreSQL drops the locks with its connection', async () => {
    const [a, b] = [node(), node()];
    const id = randomBytes(16).toString('hex');
    const releaseAsked = signal();
    const dead = a.newLock(id);
    await dead.lock(new AbortController().signal, () => releaseAsked.fire());
    const waiting = b.newLock(id);
    const acquired = waiting.lock(new AbortController().signal, () => undefined);
    await releaseAsked.fired;
    // What a SIGKILLed node leaves behind: its connection ends without an unlock.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`,
    );
    await admin.end();
    await acquired;
    await waiting.unlock();
    // The request on the cut-off node still ends cleanly: its unlock drops the dead connection from the pool.
    await dead.unlock();
  });
});

const centre = { id: 'CON-N', name: 'ЦОН N', key: 'nodes-centre-key-0123456789' };
const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describe.skipIf(!postgres)(`two API nodes sharing PostgreSQL and one upload folder${skipReason}`, () => {
  let a: LicensingServer;
  let b: LicensingServer;
  let baseA: string;
  let baseB: string;
  let token: string;
  let uploadsDir: string;
  let hookReached = signal<string>();
  let hookGate: Promise<void> | undefined;

  beforeAll(async () => {
    uploadsDir = mkdtempSync(join(tmpdir(), 'qabyldau-nodes-'));
    const database = await postgres!.options();
    const options = {
      centres: [centre],
      insecureAcceptUnsigned: 'accept-unsigned-for-tests-only' as const,
      uploadsDir,
      ...database,
    };
    a = await buildServer({
      ...options,
      uploads: {
        sweepEveryMs: 0,
        testFaults: {
          // TEST FAULT INJECTION: node A's completion hook waits for the test, so node B can race it.
          async beforeUploadFinish(uploadId) {
            hookReached.fire(uploadId);
            await hookGate;
          },
        },
      },
    });
    b = await buildServer({ ...options, uploads: { sweepEveryMs: 0 } });
    baseA = await a.app.listen({ host: '127.0.0.1', port: 0 });
    baseB = await b.app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${baseB}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ centreId: centre.id }),
    });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    // KNOWN ISSUE (issue #15 report): now and then the blob download (GET /v1/uploads/:id) leaves its response
    // un-ended on the server although the client received every content-length byte, so app.close() would wait on
    // that keep-alive connection until Fastify's keep-alive timeout. Every request here has been answered: cut them.
    a?.app.server.closeAllConnections();
    b?.app.server.closeAllConnections();
    await a?.close();
    await b?.close();
  });

  const auth = () => ({ authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' });
  async function submit(base: string, blob: Uint8Array) {
    const manifest = manifestWithOneScan(centre.id, blob);
    const res = await fetch(`${base}/v1/applications`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': manifest.applicationId },
      body: JSON.stringify({ manifest }),
    });
    expect(res.status).toBe(201);
    const created = await fetch(`${base}/v1/uploads`, {
      method: 'POST',
      headers: {
        ...auth(),
        'upload-length': String(blob.length),
        'upload-metadata': metadata({
          filename: 'scan.pdf',
          applicationId: manifest.applicationId,
          attachmentId: 'att-0',
          sha256: sha256(blob),
        }),
      },
    });
    expect(created.status).toBe(201);
    return { manifest, id: created.headers.get('location')!.split('/').pop()! };
  }
  const patch = (base: string, id: string, bytes: Uint8Array, offset: number) =>
    fetch(`${base}/v1/uploads/${id}`, {
      method: 'PATCH',
      headers: {
        ...auth(),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
      },
      body: new Uint8Array(bytes),
    });
  const application = async (base: string, id: string) =>
    (await (await fetch(`${base}/v1/applications/${id}`, { headers: auth() })).json()) as {
      status: string;
      registrationNumber?: string;
    };

  it('completion raced by both nodes verifies the attachment once and registers the application once', async () => {
    const blob = randomBytes(300_000);
    const { manifest, id } = await submit(baseA, blob);
    let open!: () => void;
    hookGate = new Promise((resolve) => (open = resolve));
    hookReached = signal<string>();
    const lastByte = patch(baseA, id, blob, 0);
    expect(await hookReached.fired).toBe(id);
    // Node A is inside its completion hook; node B sees a complete upload through a resuming client's HEAD, and
    // both nodes' finalisers run again side by side (manifest replay, server start and sweeper take this path).
    const head = fetch(`${baseB}/v1/uploads/${id}`, { method: 'HEAD', headers: auth() });
    const passes = [a, b, a, b, a, b].map((s) => s.uploads.finaliser.finalise(id));
    open();
    expect((await lastByte).status).toBe(204);
    expect((await head).status).toBe(200);
    expect(await Promise.all(passes)).toEqual(Array(6).fill('verified'));

    const attachments = await a.db
      .selectFrom('attachments')
      .selectAll()
      .where('application_id', '=', manifest.applicationId)
      .execute();
    expect(attachments.map((r) => [r.upload_id, r.sha256])).toEqual([[id, sha256(blob)]]);
    const onA = await application(baseA, manifest.applicationId);
    expect(onA.status).toBe('registered');
    expect(await application(baseB, manifest.applicationId)).toEqual(onA);
    const downloaded = new Uint8Array(
      await (await fetch(`${baseB}/v1/uploads/${id}`, { headers: auth() })).arrayBuffer(),
    );
    expect(sha256(downloaded)).toBe(sha256(blob));
  });

  it('a client resuming on node B takes over an upload whose PATCH hangs on node A (half-open connection)', async () => {
    hookGate = undefined;
    const blob = randomBytes(200_000);
    const { manifest, id } = await submit(baseA, blob);
    // A PATCH whose client vanished mid-body: node A holds the upload's lock and waits for bytes that never come.
    const stalled = request(`${baseA}/v1/uploads/${id}`, {
      method: 'PATCH',
      headers: {
        ...auth(),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'content-length': String(blob.length),
      },
    });
    const stalledEnded = new Promise<void>((resolve) => {
      stalled.on('response', (res) => res.resume().on('end', resolve));
      stalled.on('error', () => resolve());
    });
    stalled.write(blob.subarray(0, 50_000));
    await expect.poll(() => statSync(join(uploadsDir, id)).size, { timeout: 20_000 }).toBe(50_000);

    // The resuming client asks node B; B's lock request makes node A cancel the hanging PATCH.
    const head = await fetch(`${baseB}/v1/uploads/${id}`, { method: 'HEAD', headers: auth() });
    expect(head.status).toBe(200);
    await stalledEnded;
    // The vanished client's socket: gone for good (a real one would be cut by a timeout, or the grace period).
    stalled.destroy();
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBe(50_000);
    expect((await patch(baseB, id, blob.subarray(offset), offset)).status).toBe(204);
    expect((await application(baseA, manifest.applicationId)).status).toBe('registered');
    const downloaded = new Uint8Array(
      await (await fetch(`${baseA}/v1/uploads/${id}`, { headers: auth() })).arrayBuffer(),
    );
    expect(sha256(downloaded)).toBe(sha256(blob));
  });
});
