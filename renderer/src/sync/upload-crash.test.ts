import 'fake-indexeddb/auto';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../server/db/backends.testkit';
import { openDatabase } from '../db/database';
import { Outbox } from '../outbox/outbox';
import { ApiClient, type ApiSession } from '../api/client';
import { SyncEngine } from './engine';
import { TusUploader } from './uploader';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

const centre = { id: 'CON-K', name: 'ЦОН K', key: 'crash-centre-key-0123456789' };
const children = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** Starts the real API in its own process and resolves on the first stdout line matching `pattern`. */
function startApi(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/uploads/api-process.testkit.ts'], {
    env: { ...process.env, TESTKIT_API_CENTRES: JSON.stringify([centre]), ...env },
  });
  children.add(child);
  const lines = createInterface({ input: child.stdout });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const onLine = (line: string) => {
        const match = pattern.exec(line);
        if (match) {
          lines.off('line', onLine);
          resolve(match);
        }
      };
      lines.on('line', onLine);
      child.once('exit', (code, signal) =>
        reject(new Error(`API exited (${code ?? signal}) before ${pattern}: ${stderr}`)),
      );
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, waitFor, exited };
}

describe.each(testBackends)(
  'an API crash between the last byte and the completion hook, on $name',
  (backend) => {
    it(
      'is recovered at restart: the application registers with no operator action',
      { timeout: 400_000 },
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'qabyldau-crash-'));
        const options = await backend.options();
        const dbEnv: Record<string, string> = {
          TESTKIT_API_DIR: dir,
          ...(options.databaseUrl ? { TESTKIT_API_DATABASE_URL: options.databaseUrl } : {}),
        };

        // TEST FAULT INJECTION: the first API process stalls in the upload completion hook, then is SIGKILLed there.
        const first = startApi({ ...dbEnv, TESTKIT_API_FAULT: 'hang-upload-finish' });
        const [, apiUrl] = await first.waitFor(/^listening (\S+)/);
        const port = new URL(apiUrl!).port;

        const db = openDatabase(vault, `upload-crash-${backend.name}`);
        const outbox = new Outbox(db);
        let skewMs = 0;
        const session = async (): Promise<ApiSession> => {
          const res = await fetch(`${apiUrl}/v1/sessions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ centreId: centre.id }),
          });
          return { apiUrl: apiUrl!, token: ((await res.json()) as { token: string }).token };
        };
        const engine = new SyncEngine({
          db,
          outbox,
          api: new ApiClient(session),
          uploader: new TusUploader(db, {
            chunkSize: 64 * 1024,
            toUploadable: async (b) => Buffer.from(await b.arrayBuffer()),
            sleep: async () => undefined,
          }),
          probe: async () => true,
          random: () => 0,
          now: () => new Date(Date.now() + skewMs),
        });

        const id = crypto.randomUUID();
        await outbox.saveDraft(id, {}, 'edu-licence-school');
        await outbox.addAttachment({
          applicationId: id,
          documentKey: 'application',
          fileName: 'өтініш.pdf',
          mediaType: 'application/pdf',
          blob: new Blob([randomBytes(200_000)], { type: 'application/pdf' }),
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

        const pass = engine.runOnce();
        const [, uploadId] = await Promise.race([
          first.waitFor(/^fault: upload-finish hanging (\w+)/),
          pass.then(async () => {
            throw new Error(
              `the sync pass ended before the last byte: ${JSON.stringify(await db.applications.get(id))}`,
            );
          }),
        ]);
        // Every byte is on disk, nothing is verified yet: kill the API right there.
        expect(statSync(join(dir, 'uploads', uploadId!)).size).toBe(200_000);
        first.child.kill('SIGKILL');
        await first.exited;
        await pass;
        expect((await db.applications.get(id))?.status).not.toBe('registered');

        const second = startApi({ ...dbEnv, TESTKIT_API_PORT: port });
        const [, , recovered] = await second.waitFor(/^listening (\S+) recovered (.*)$/);
        expect(JSON.parse(recovered!)).toEqual([uploadId]);
        const token = (await session()).token;
        const held = (await (
          await fetch(`${apiUrl}/v1/applications/${id}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as { status: string };
        expect(held.status).toBe('registered');

        // The workstation's next pass (after its backoff) learns the outcome; nothing is re-sent or stuck.
        skewMs = 24 * 60 * 60 * 1000;
        await engine.runOnce();
        const local = await db.applications.get(id);
        expect(local?.status).toBe('registered');
        expect(local?.registrationNumber).toMatch(/^Q\d{4}-\d{8}$/);
        db.close();
      },
    );
  },
);
