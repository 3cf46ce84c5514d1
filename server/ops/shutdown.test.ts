import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApiNode, type ApiNode } from '../testkit/api-nodes';
import { manifestWithOneScan, sha256 } from '../testkit/manifest.testkit';

const centre = { id: 'CON-STOP', name: 'ЦОН stop', key: 'shutdown-centre-key-0123456789' };
const nodes: ApiNode[] = [];
afterAll(async () => {
  for (const node of nodes) await node.stop('SIGKILL');
});

const logged = (msg: string, method?: string) => (line: string) => {
  if (!line.startsWith('{"level"')) return false;
  const entry = JSON.parse(line) as { msg?: string; req?: { method?: string } };
  return entry.msg === msg && (method === undefined || entry.req?.method === method);
};

describe('graceful shutdown of an API process', () => {
  it(
    'SIGTERM while a tus chunk is half sent: the node drains, the chunk is stored and answered, then it exits 0',
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'qabyldau-shutdown-'));
      const node = await startApiNode({
        centres: [centre],
        insecureAcceptUnsigned: 'accept-unsigned-for-tests-only',
        dataDir: join(dir, 'db'),
        uploadsDir: join(dir, 'uploads'),
        logger: 'info',
        uploads: { sweepEveryMs: 0 },
      });
      nodes.push(node);
      const session = await fetch(`${node.url}/v1/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ centreId: centre.id }),
      });
      const token = ((await session.json()) as { token: string }).token;
      const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
      const blob = randomBytes(120_000);
      const manifest = manifestWithOneScan(centre.id, blob);
      const submitted = await fetch(`${node.url}/v1/applications`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': manifest.applicationId },
        body: JSON.stringify({ manifest }),
      });
      expect(submitted.status).toBe(201);
      const meta = {
        filename: 'scan.pdf',
        applicationId: manifest.applicationId,
        attachmentId: 'att-0',
        sha256: sha256(blob),
      };
      const created = await fetch(`${node.url}/v1/uploads`, {
        method: 'POST',
        headers: {
          ...auth,
          'upload-length': String(blob.length),
          'upload-metadata': Object.entries(meta)
            .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
            .join(','),
        },
      });
      expect(created.status).toBe(201);
      const uploadUrl = created.headers.get('location')!;

      // The last chunk, sent in two halves with the signal in between.
      const patch = request(uploadUrl, {
        method: 'PATCH',
        headers: {
          ...auth,
          'content-type': 'application/offset+octet-stream',
          'upload-offset': '0',
          'content-length': String(blob.length),
        },
      });
      const answered = new Promise<number>((resolve, reject) => {
        patch.on('response', (res) => res.resume().on('end', () => resolve(res.statusCode!)));
        patch.on('error', reject);
      });
      patch.write(blob.subarray(0, 60_000));
      await node.waitForLine(logged('incoming request', 'PATCH'));

      node.child.kill('SIGTERM');
      await node.waitForLine(logged('draining: finishing requests in flight'));
      // Draining: a new connection is not served — refused once the listener is shut, or reset if it slipped in just
      // before (Fastify drops idle connections while closing); either way a balancer moves on to another node.
      const refused = await new Promise<string>((resolve) =>
        request(`${node.url}/healthz`, { agent: false })
          .on('response', (res) => resolve(`HTTP ${res.statusCode}`))
          .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
          .end(),
      );
      expect(['ECONNREFUSED', 'ECONNRESET']).toContain(refused);
      expect(node.child.exitCode).toBeNull();

      patch.end(blob.subarray(60_000));
      expect(await answered).toBe(204);
      expect(await node.exited).toBe(0);
      await node.waitForLine(logged('stopped'));

      // A node started on the same data finds the upload stored whole and the application registered.
      const next = await startApiNode({
        centres: [centre],
        insecureAcceptUnsigned: 'accept-unsigned-for-tests-only',
        dataDir: join(dir, 'db'),
        uploadsDir: join(dir, 'uploads'),
        uploads: { sweepEveryMs: 0 },
      });
      nodes.push(next);
      const relocated = uploadUrl.replace(node.url, next.url);
      const download = await fetch(relocated, { headers: auth });
      expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(blob));
      const application = (await (
        await fetch(`${next.url}/v1/applications/${manifest.applicationId}`, { headers: auth })
      ).json()) as { status: string };
      expect(application.status).toBe('registered');
    },
  );
});
