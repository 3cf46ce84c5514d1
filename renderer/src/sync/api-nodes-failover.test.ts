import 'fake-indexeddb/auto';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackends, testPgUrl } from '../../../server/db/backends.testkit';
import { FeedTail } from '../../../server/feed/tail.testkit';
import { openDatabase } from '../db/database';
import { Outbox } from '../outbox/outbox';
import { ApiClient, type ApiSession } from '../api/client';
import { testVault } from '../privacy/vault.testkit';
import { SyncEngine } from './engine';
import { TusUploader } from './uploader';

const centre = { id: 'CON-NODES', name: 'ЦОН nodes', key: 'nodes-failover-key-0123456789' };
const postgres = testBackends.find((b) => b.name === 'PostgreSQL');
const children = new Set<ChildProcessWithoutNullStreams>();
let proxy: Server | undefined;
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  proxy?.close();
  proxy?.closeAllConnections();
});

interface Node {
  name: string;
  url: URL;
  child: ChildProcessWithoutNullStreams;
  exited: Promise<void>;
}

/** One API process (server/uploads/api-process.testkit.ts) on the shared database and upload folder. */
function startNode(name: string, env: Record<string, string>): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/uploads/api-process.testkit.ts'], {
    env: { ...process.env, TESTKIT_API_CENTRES: JSON.stringify([centre]), ...env },
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^listening (\S+)/.exec(line);
      if (match) resolve({ name, url: new URL(match[1]!), child, exited });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`${name} exited (${code ?? signal}) before listening: ${stderr}`)),
    );
  });
}

/**
 * The load balancer in front of the nodes: round-robin over the nodes in rotation; a node that cannot be reached
 * answers 502 (before any header) or a cut connection, as nginx would. `onForward` lets the test act at the moment a
 * request is on its way to a node (that is where it kills one).
 */
function startProxy(
  onForward: (req: IncomingMessage, node: Node, upstream: ReturnType<typeof request>) => void,
) {
  const rotation: Node[] = [];
  let turn = 0;
  const server = createServer((req, res) => {
    const node = rotation[turn++ % Math.max(1, rotation.length)];
    if (!node) return void res.writeHead(503).end();
    const upstream = request(
      {
        host: node.url.hostname,
        port: node.url.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
        answer.on('aborted', () => res.destroy());
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
    onForward(req, node, upstream);
  });
  return { server, rotation };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!postgres)(
  `the workstation against two API nodes behind a balancer, one node killed mid-upload and one mid-submit${testPgUrl ? '' : ' (skipped: QABYLDAU_TEST_PG is not set)'}`,
  () => {
    it(
      'every application arrives once, with byte-identical blobs, unique numbers and one feed entry each',
      { timeout: 600_000 },
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'qabyldau-nodes-'));
        const { databaseUrl } = await postgres!.options();
        const env = { TESTKIT_API_DIR: dir, TESTKIT_API_DATABASE_URL: databaseUrl! };
        // Started one after the other: both run the migrations, and a fresh database is created only once.
        const first = await startNode('n1', env);
        const second = await startNode('n2', env);

        const events: string[] = [];
        const replacements: Promise<void>[] = [];
        let spawned = 2;
        const kill = (node: Node, why: string) => {
          events.push(`${why}: SIGKILL ${node.name}`);
          balancer.rotation.splice(balancer.rotation.indexOf(node), 1);
          node.child.kill('SIGKILL');
          // The orchestrator replaces the dead node; it joins the rotation once it listens.
          const name = `n${++spawned}`;
          replacements.push(
            node.exited
              .then(() => startNode(name, env))
              .then((fresh) => {
                events.push(`${name} joined`);
                balancer.rotation.push(fresh);
              }),
          );
        };
        let patchesToFirst = 0;
        let killedMidUpload = false;
        let killedMidSubmit = false;
        const balancer = startProxy((req, node, upstream) => {
          if (req.method === 'PATCH' && node === first && !killedMidUpload && ++patchesToFirst === 2) {
            // Mid-upload: the blob's earlier chunks are on the shared volume; this chunk is cut while in flight.
            let forwarded = 0;
            req.on('data', (chunk: Buffer) => {
              forwarded += chunk.length;
              if (forwarded >= 16 * 1024 && !killedMidUpload) {
                killedMidUpload = true;
                kill(node, `PATCH ${req.url} after ${forwarded} bytes`);
              }
            });
          }
          if (
            req.method === 'POST' &&
            req.url === '/v1/applications' &&
            killedMidUpload &&
            !killedMidSubmit
          ) {
            // Mid-submit: the whole manifest reached the node; whether it committed is for the retry to find out.
            upstream.once('finish', () => {
              if (killedMidSubmit) return;
              killedMidSubmit = true;
              kill(node, 'POST /v1/applications after its body');
            });
          }
        });
        balancer.rotation.push(first, second);
        proxy = balancer.server;
        const apiUrl = await new Promise<string>((resolve) =>
          balancer.server.listen(0, '127.0.0.1', () => {
            const address = balancer.server.address() as { port: number };
            resolve(`http://127.0.0.1:${address.port}`);
          }),
        );

        const db = openDatabase(await testVault(), 'api-nodes-failover');
        const outbox = new Outbox(db);
        let skewMs = 0;
        const session = async (): Promise<ApiSession> => {
          const res = await fetch(`${apiUrl}/v1/sessions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ centreId: centre.id }),
          });
          if (res.status !== 201) throw new Error(`session: HTTP ${res.status}`);
          return { apiUrl, token: ((await res.json()) as { token: string }).token };
        };
        const engine = new SyncEngine({
          db,
          outbox,
          api: new ApiClient(session),
          uploader: new TusUploader(db, {
            chunkSize: 64 * 1024,
            toUploadable: async (b) => Buffer.from(await b.arrayBuffer()),
          }),
          probe: async () => true,
          random: () => 0,
          now: () => new Date(Date.now() + skewMs),
        });

        const blobs = new Map<string, Buffer>();
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) {
          const id = crypto.randomUUID();
          const blob = randomBytes(200_000 + i * 10_000);
          blobs.set(id, blob);
          ids.push(id);
          await outbox.saveDraft(id, {}, 'edu-licence-school');
          await outbox.addAttachment({
            applicationId: id,
            documentKey: 'application',
            fileName: `өтініш-${i}.pdf`,
            mediaType: 'application/pdf',
            blob: new Blob([blob], { type: 'application/pdf' }),
          });
          await outbox.queue(
            {
              serviceId: 'edu-licence-school',
              subOperation: 'issue',
              applicant: { kind: 'legal-entity', id: '100440001230' },
              form: {},
              documentsPresented: ['application'],
              centreId: centre.id,
            },
            id,
          );
        }

        // Each pass is awaited, then the replaced nodes; the skew makes every backoff due on the next pass.
        let passes = 0;
        const registered = async () =>
          (await db.applications.toArray()).filter((a) => a.status === 'registered').length;
        while ((await registered()) < ids.length && passes < 12) {
          await engine.runOnce();
          await Promise.all(replacements);
          passes++;
          skewMs += 24 * 60 * 60 * 1000;
        }
        expect(events.filter((e) => e.includes('SIGKILL'))).toHaveLength(2);
        expect(killedMidUpload && killedMidSubmit).toBe(true);
        const local = await db.applications.toArray();
        expect(local.map((a) => a.status)).toEqual(Array(ids.length).fill('registered'));
        const numbers = local.map((a) => a.registrationNumber);
        expect(new Set(numbers).size).toBe(ids.length);

        // The server's own records, read straight from PostgreSQL: one row per application, one attachment each.
        const direct = new pg.Client({ connectionString: databaseUrl });
        await direct.connect();
        const apps = await direct.query<{ id: string; status: string; registration_number: string }>(
          'select id, status, registration_number from applications where centre_id = $1',
          [centre.id],
        );
        const attachments = await direct.query<{ application_id: string; sha256: string; upload_id: string }>(
          'select application_id, sha256, upload_id from attachments where centre_id = $1',
          [centre.id],
        );
        await direct.end();
        expect(apps.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
        expect(new Set(apps.rows.map((r) => r.registration_number)).size).toBe(ids.length);
        expect(apps.rows.map((r) => r.registration_number).sort()).toEqual([...numbers].sort());
        expect(attachments.rows.map((r) => r.application_id).sort()).toEqual([...ids].sort());

        const token = (await session()).token;
        for (const row of attachments.rows) {
          const res = await fetch(`${apiUrl}/v1/uploads/${row.upload_id}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const bytes = new Uint8Array(await res.arrayBuffer());
          expect(sha256(bytes)).toBe(sha256(blobs.get(row.application_id)!));
          expect(Buffer.compare(Buffer.from(bytes), blobs.get(row.application_id)!)).toBe(0);
        }

        // The feed, read through the balancer (so from the surviving and the replacement nodes in turn).
        const tail = new FeedTail([apiUrl], token, 2);
        await tail.drain();
        expect(tail.missed(ids)).toEqual([]);
        expect(tail.duplicated()).toEqual([]);
        expect(tail.seen.size).toBe(ids.length);
        console.log(`failover: ${passes} sync passes; ${events.join('; ')}`);
        db.close();
      },
    );
  },
);
