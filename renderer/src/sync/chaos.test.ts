import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer, type LicensingServer } from '../../../server/app';
import { openDatabase } from '../db/database';
import { Outbox } from '../outbox/outbox';
import { ApiClient, type ApiSession } from '../api/client';
import { SyncEngine } from './engine';
import { startFaultProxy } from './fault-proxy.testkit';
import { TusUploader } from './uploader';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

const centre = { id: 'CON-CHAOS', name: 'ЦОН chaos', key: 'chaos-centre-key-0123456789' };
const dir = mkdtempSync(join(tmpdir(), 'qabyldau-chaos-'));
const serverOptions = {
  centres: [centre],
  insecureAcceptUnsigned: 'accept-unsigned-for-tests-only' as const,
  dataDir: join(dir, 'db'),
  uploadsDir: join(dir, 'uploads'),
};
let server: LicensingServer;
let port = 0;

async function startApi() {
  server = await buildServer(serverOptions);
  const url = await server.app.listen({ host: '127.0.0.1', port });
  port = Number(new URL(url).port);
  return url;
}
afterAll(() => server.close());

// Deterministic randomness so a failure can be replayed.
function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('chaos: faults between workstation and API', () => {
  it(
    'delivers every application exactly once with byte-identical blobs through cuts, 5xx, truncation and an API restart',
    { timeout: 180_000 },
    async () => {
      const apiUrl = await startApi();
      const proxy = await startFaultProxy(apiUrl, {
        errorRate: 0.2,
        truncateRate: 0.1,
        cutEveryBytes: 300_000,
        delayMs: 2,
        random: seeded(42),
      });
      const db = openDatabase(vault, 'chaos');
      const outbox = new Outbox(db);
      const session = async (): Promise<ApiSession> => {
        const res = await fetch(`http://127.0.0.1:${port}/v1/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ centreId: centre.id }),
        });
        return { apiUrl: proxy.url, token: ((await res.json()) as { token: string }).token };
      };
      const engine = new SyncEngine({
        db,
        outbox,
        api: new ApiClient(session, 5_000),
        uploader: new TusUploader(db, {
          chunkSize: 128 * 1024,
          toUploadable: async (b) => Buffer.from(await b.arrayBuffer()),
          sleep: async () => undefined,
        }),
        probe: async () => true,
        random: () => 0,
      });

      const count = 6;
      const blobs = new Map<string, Buffer>();
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const id = crypto.randomUUID();
        ids.push(id);
        await outbox.saveDraft(id, {});
        for (const size of [400_000, 90_000]) {
          const bytes = randomBytes(size);
          const record = await outbox.addAttachment({
            applicationId: id,
            documentKey: `d${size}`,
            fileName: `d${size}.pdf`,
            mediaType: 'application/pdf',
            blob: new Blob([bytes]),
          });
          blobs.set(record.id, bytes);
        }
        await outbox.queue(
          {
            serviceId: 'edu-licence-school',
            subOperation: 'issue',
            applicant: { kind: 'legal-entity', id: '100440001230' },
            form: { n: i },
            documentsPresented: [],
            centreId: centre.id,
          },
          id,
        );
      }

      for (let round = 0; round < 80; round++) {
        if (process.env.CHAOS_DEBUG)
          console.log(
            'round',
            round,
            JSON.stringify(proxy.stats),
            (await db.applications.toArray()).map((a) => a.status[0]).join(''),
          );
        if (round === 3) {
          // The API goes down mid-sync and comes back on the same address with the same data.
          await server.close();
          await startApi();
        }
        await engine.runOnce();
        const statuses = await db.applications.toArray();
        if (statuses.every((a) => a.status === 'registered')) break;
        // Skip the backoff wait: the test is about outcomes, not timing.
        await db.applications.toCollection().modify({ nextAttemptAt: new Date(0).toISOString() });
      }
      await proxy.close();

      const local = await db.applications.toArray();
      expect(local.map((a) => a.status)).toEqual(Array(count).fill('registered'));
      expect(proxy.stats.cuts + proxy.stats.injectedErrors + proxy.stats.truncated).toBeGreaterThan(5);

      const rows = await server.db
        .selectFrom('applications')
        .select(['id', 'registration_number', 'status'])
        .where('centre_id', '=', centre.id)
        .execute();
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(new Set(rows.map((r) => r.registration_number)).size).toBe(count);
      const registrations = await server.db
        .selectFrom('application_events')
        .select('application_id')
        .where('status', '=', 'registered')
        .execute();
      expect(registrations.length).toBe(count);

      const held = await server.db
        .selectFrom('attachments')
        .select(['attachment_id', 'upload_id', 'sha256'])
        .execute();
      expect(held.length).toBe(blobs.size);
      for (const h of held) {
        const onDisk = readFileSync(join(serverOptions.uploadsDir, h.upload_id));
        expect(Buffer.compare(onDisk, blobs.get(h.attachment_id)!)).toBe(0);
        expect(createHash('sha256').update(onDisk).digest('hex')).toBe(h.sha256);
      }
    },
  );
});
