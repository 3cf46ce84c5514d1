// Outbox and sync figures: queueing cost, delivery throughput to the embedded API, and what a broken upload
// costs to finish compared with systems that resend the whole file (ODK/Enketo/DHIS2 behaviour).
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { buildServer } from '../../server/app';
import { openDatabase } from '../../renderer/src/db/database';
import { Outbox, type QueueInput } from '../../renderer/src/outbox/outbox';
import { ApiClient, type ApiSession } from '../../renderer/src/sync/api-client';
import { startCuttingProxy } from '../../renderer/src/sync/cutting-proxy.testkit';
import { startFaultProxy } from '../../renderer/src/sync/fault-proxy.testkit';
import { SyncEngine } from '../../renderer/src/sync/engine';
import { TusUploader } from '../../renderer/src/sync/uploader';
import type { Bench } from './types';

const centre = { id: 'CON-BENCH', name: 'bench', key: 'bench-centre-key-0123456789' };
const fieldCentre = { id: 'CON-FIELD', name: 'field', key: 'field-centre-key-0123456789' };
const input: QueueInput = {
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'legal-entity', id: '100440001230' },
  form: { name: 'Мектеп' },
  documentsPresented: ['application'],
  centreId: centre.id,
};

const bench: Bench = async () => {
  const server = await buildServer({ centres: [centre, fieldCentre], insecureAcceptUnsigned: 'accept-unsigned-for-tests-only' });
  const apiUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const proxy = await startCuttingProxy(apiUrl);
  const session = async (c = centre): Promise<ApiSession> => {
    const res = await fetch(`${apiUrl}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ centreId: c.id }),
    });
    return { apiUrl: proxy.url, token: ((await res.json()) as { token: string }).token };
  };
  try {
    const db = openDatabase('bench-sync');
    const outbox = new Outbox(db);
    const uploader = new TusUploader(db, { chunkSize: 256 * 1024, toUploadable: async (b) => Buffer.from(await b.arrayBuffer()) });
    const engine = new SyncEngine({ db, outbox, api: new ApiClient(() => session()), uploader, probe: async () => true, random: () => 0 });

    const count = 200;
    let t = performance.now();
    for (let i = 0; i < count; i++) await outbox.queue(input);
    const queueMs = (performance.now() - t) / count;

    t = performance.now();
    await engine.runOnce();
    const deliverSeconds = (performance.now() - t) / 1000;
    const registered = await db.applications.where('status').equals('registered').count();

    // A 5 MB scanned package whose upload breaks at 60 %.
    const size = 5 * 1024 * 1024;
    const id = crypto.randomUUID();
    await outbox.saveDraft(id, {});
    await outbox.addAttachment({ applicationId: id, documentKey: 'scan', fileName: 'scan.pdf', mediaType: 'application/pdf', blob: new Blob([randomBytes(size)]) });
    await outbox.queue(input, id);
    proxy.state.patchBytes = 0;
    proxy.state.cutAfter = Math.floor(size * 0.6);
    await engine.runOnce();
    const sentBeforeBreak = proxy.state.patchBytes;
    await db.applications.update(id, { nextAttemptAt: new Date(0).toISOString() });
    t = performance.now();
    await engine.runOnce();
    const resumeSeconds = (performance.now() - t) / 1000;
    const resent = proxy.state.patchBytes - sentBeforeBreak;
    const status = (await db.applications.get(id))?.status;
    if (status !== 'registered' || registered !== count) throw new Error(`bench run did not complete: ${status}, ${registered}/${count}`);

    // The field scenario: N applications of ≈5 MB through a 512 kbit/s link cut every few seconds.
    const apps = Number(process.env.BENCH_APPS ?? 2);
    const mb = Number(process.env.BENCH_MB ?? 5);
    const bandwidth = 512_000 / 8;
    const field = await startFaultProxy(apiUrl, { bytesPerSecond: bandwidth, cutEveryBytes: bandwidth * 4, errorRate: 0.05, random: () => 0.5 });
    const fieldDb = openDatabase('bench-field');
    const fieldOutbox = new Outbox(fieldDb);
    const fieldEngine = new SyncEngine({
      db: fieldDb,
      outbox: fieldOutbox,
      api: new ApiClient(async () => ({ ...(await session(fieldCentre)), apiUrl: field.url }), 30_000),
      uploader: new TusUploader(fieldDb, { chunkSize: 256 * 1024, toUploadable: async (b) => Buffer.from(await b.arrayBuffer()) }),
      probe: async () => true,
      random: () => 0,
    });
    let payload = 0;
    for (let i = 0; i < apps; i++) {
      const appId = crypto.randomUUID();
      await fieldOutbox.saveDraft(appId, {});
      const bytes = randomBytes(mb * 1024 * 1024);
      payload += bytes.length;
      await fieldOutbox.addAttachment({ applicationId: appId, documentKey: 'scan', fileName: 'scan.pdf', mediaType: 'application/pdf', blob: new Blob([bytes]) });
      await fieldOutbox.queue({ ...input, centreId: fieldCentre.id, form: { i } }, appId);
    }
    t = performance.now();
    for (let round = 0; round < 500; round++) {
      await fieldEngine.runOnce();
      if ((await fieldOutbox.pendingCount()) === 0) break;
      await fieldDb.applications.toCollection().modify({ nextAttemptAt: new Date(0).toISOString() });
    }
    const fieldSeconds = (performance.now() - t) / 1000;
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify(field.stats));
    await field.close();
    const delivered = await fieldDb.applications.where('status').equals('registered').count();
    const serverRows = await server.db.selectFrom('applications').select('id').where('centre_id', '=', fieldCentre.id).execute();
    const duplicates = serverRows.length - new Set(serverRows.map((r) => r.id)).size;

    return [
      { name: `field link: delivered of ${apps} × ${mb} MB at 512 kbit/s, cut every 4 s, 5 % 5xx`, value: delivered, unit: 'applications', baseline: { name: 'expected', value: apps } },
      { name: 'field link: duplicates on the server', value: duplicates, unit: 'applications' },
      { name: 'field link: wire bytes', value: field.stats.wireBytes / 1024, unit: 'KiB', baseline: { name: 'payload', value: payload / 1024 } },
      { name: 'field link: elapsed', value: fieldSeconds, unit: 's', baseline: { name: 'payload ÷ bandwidth', value: payload / bandwidth } },
      { name: 'field link: connection cuts survived', value: field.stats.cuts, unit: 'cuts' },
      { name: 'queue one application (manifest hash + strict write, fake-indexeddb)', value: queueMs, unit: 'ms' },
      { name: `deliver ${count} applications to the embedded API`, value: count / deliverSeconds, unit: 'applications/s' },
      {
        name: 'bytes sent to finish a 5 MB upload broken at 60 %',
        value: resent / 1024,
        unit: 'KiB',
        baseline: { name: 'whole-file resend', value: size / 1024 },
      },
      { name: 'time to finish the broken upload over loopback', value: resumeSeconds * 1000, unit: 'ms' },
    ];
  } finally {
    await proxy.close();
    await server.close();
  }
};
export default bench;
