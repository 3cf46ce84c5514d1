import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from './services';
import { loopbackTokenHeader as hostTokenHeader } from '@shared/bridge/contract';
import { startLoopbackHost, type LoopbackHost } from './loopback-server';

let host: LoopbackHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qab-loopback-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(join(dir, 'app.js'), 'console.log(1)');
  const { services } = await createHost(
    {
      appName: 'Qabyldau',
      appVersion: '9.9.9',
      apiUrl: 'http://127.0.0.1:1/',
      centreId: 'C',
      centreKey: 'k'.repeat(20),
      dataDir: dir,
      rendererDir: dir,
      trustedCaPemFiles: [],
      idleLockSeconds: 300,
    },
    'loopback',
  );
  host = await startLoopbackHost({ services, rendererDir: dir, apiUrl: 'http://127.0.0.1:1/' });
});
afterAll(() => host.close());

const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}__host/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('loopback host transport', () => {
  it('binds to 127.0.0.1 and serves index.html with the launch token and a strict CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(host.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await res.text()).toContain(`content="${host.token}"`);
    expect((await fetch(`${host.url}app.js`)).status).toBe(200);
    expect((await fetch(`${host.url}missing.js`)).status).toBe(404);
  });

  it('answers a call carrying the token, validated against the contract', async () => {
    const res = await call('app.ping', { nonce: 'n1' }, { [hostTokenHeader]: host.token });
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.value.nonce).toBe('n1');
    const info = await (await call('app.info', {}, { [hostTokenHeader]: host.token })).json();
    expect(info.value).toMatchObject({ version: '9.9.9', transport: 'loopback' });
  });

  it('refuses calls without the token, from a foreign origin, or with arguments outside the schema', async () => {
    expect((await call('app.ping', { nonce: 'x' })).status).toBe(403);
    expect((await call('app.ping', { nonce: 'x' }, { [hostTokenHeader]: 'wrong' })).status).toBe(403);
    expect((await call('app.ping', { nonce: 'x' }, { [hostTokenHeader]: host.token, origin: 'http://evil.example' })).status).toBe(403);
    const bad = await (await call('app.ping', { nonce: 42 }, { [hostTokenHeader]: host.token })).json();
    expect(bad).toMatchObject({ ok: false, error: { code: 'errors:host.badArguments' } });
    const unknown = await (await call('keystore.dumpPrivateKey', {}, { [hostTokenHeader]: host.token })).json();
    expect(unknown).toMatchObject({ ok: false, error: { code: 'errors:host.unknownMethod' } });
  });

  it('rejects a request whose Host header is not the loopback address (DNS rebinding)', async () => {
    const port = new URL(host.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('confines certificate import to the inbox folder', async () => {
    const body = await (await call('keystore.import', { path: '../../etc/passwd', password: 'x' }, { [hostTokenHeader]: host.token })).json();
    expect(body).toMatchObject({ ok: false, error: { code: 'signing:badFile' } });
    const status = await (await call('keystore.status', {}, { [hostTokenHeader]: host.token })).json();
    expect(status).toMatchObject({ ok: true, value: { state: 'empty' } });
  });

  it('reports an unreachable API as a localisable error, not a crash', async () => {
    const body = await (await call('api.session', {}, { [hostTokenHeader]: host.token })).json();
    expect(body).toMatchObject({ ok: false, error: { code: 'errors:api.unreachable' } });
  });
});
