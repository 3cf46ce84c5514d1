import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestPkiManifest } from '../build/pki/generate-test-pki';

// The standalone API exactly as the README starts it (`npx tsx server/main.ts`), as a real process: without trust
// configuration it refuses to start with one line; with it, an unsigned application gets a 4xx.

const centre = { id: 'CON-MAIN', name: 'ЦОН main', key: 'main-process-centre-key-0123456789' };
let work: string;
let pki: TestPkiManifest;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qabyldau-main-'));
  pki = await generateTestPki(join(work, 'pki'));
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

/** The variables a caller's shell might carry must not leak into what is tested. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(QABYLDAU_|DATABASE_URL$|CENTRES_JSON$|LICENSOR|PORT$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type?: string; url?: string }) =>
      m.type === 'ready' && m.url ? resolve(m.url) : reject(new Error('bad message')),
    );
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, exited, ready, stderr: () => stderr };
}

describe('server/main.ts, the standalone reference API', () => {
  it('refuses to start without trust anchors, with one line naming the variable', async () => {
    const api = start({ QABYLDAU_API_PORT: '0', QABYLDAU_SERVER_DATA: join(work, 'db-none') });
    expect(await api.exited).toBe(78);
    const lines = api.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^qabyldau API refuses to start: .*QABYLDAU_TRUSTED_CA/);
  }, 60_000);

  it('refuses a trusted-CA file that holds no certificate', async () => {
    const api = start({
      QABYLDAU_API_PORT: '0',
      QABYLDAU_TRUSTED_CA: join(pki.dir, pki.crlPem),
      QABYLDAU_CRL_FILE: join(pki.dir, pki.crlDer),
    });
    expect(await api.exited).toBe(78);
    expect(api.stderr().trim()).toMatch(
      /^qabyldau API refuses to start: trusted CA file .* holds no PEM certificate$/,
    );
  }, 60_000);

  it('with trust configured, refuses an unsigned application with a 4xx', async () => {
    const api = start({
      QABYLDAU_API_PORT: '0',
      QABYLDAU_SERVER_DATA: join(work, 'db'),
      QABYLDAU_UPLOADS_DIR: join(work, 'uploads'),
      QABYLDAU_TRUSTED_CA: join(pki.dir, pki.caCertPem),
      QABYLDAU_CRL_FILE: join(pki.dir, pki.crlDer),
      CENTRES_JSON: JSON.stringify([centre]),
      QABYLDAU_API_LOG_LEVEL: 'warn',
    });
    try {
      const base = await api.ready;
      const session = await fetch(`${base}/v1/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ centreId: centre.id }),
      });
      const { token } = (await session.json()) as { token: string };
      const id = randomUUID();
      const manifest = {
        schema: 'qabyldau.application/1',
        applicationId: id,
        centreId: centre.id,
        serviceId: 'edu-licence-school',
        subOperation: 'issue',
        applicant: { kind: 'legal-entity', id: '100440001230' },
        form: {},
        documentsPresented: [],
        attachments: [],
        acceptedAt: new Date().toISOString(),
      };
      const res = await fetch(`${base}/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': id,
        },
        body: JSON.stringify({ manifest }),
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: 'errors:api.signatureMissing' } });
    } finally {
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    }
  }, 120_000);
});
