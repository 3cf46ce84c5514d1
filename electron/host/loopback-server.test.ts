import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from './services';
import { startLoopbackHost, type LoopbackHost } from './loopback-server';

let host: LoopbackHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qab-loopback-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(join(dir, 'app.js'), 'console.log(1)');
  // Enrolled the way an administrator does it: a provisioning file the host seals and deletes.
  await writeFile(join(dir, 'centre.json'), JSON.stringify({ centreId: 'CON-T', centreKey: 'k'.repeat(20) }));
  const { services } = await createHost(
    {
      appName: 'Qabyldau',
      appVersion: '9.9.9',
      apiUrl: 'http://127.0.0.1:1/',
      dataDir: dir,
      rendererDir: dir,
      trustedCaPemFiles: [],
      idleLockSeconds: 300,
      crlMaxAgeHours: 168,
    },
    'loopback',
    { log: () => undefined },
  );
  host = await startLoopbackHost({ services, rendererDir: dir, apiUrl: 'http://127.0.0.1:1/' });
});
afterAll(() => host.close());

const port = () => Number(new URL(host.url).port);

/** A plain Node HTTP client: sets Host and Origin as it likes, follows nothing, keeps no cookies. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: port(), method, path, headers: { host: `127.0.0.1:${port()}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a bootstrap link the way a browser would, on the given host name; returns the session cookie. */
async function signIn(hostName = '127.0.0.1', url = host.bootstrapUrl()) {
  const { pathname, search } = new URL(url);
  const res = await raw('GET', pathname + search, { host: `${hostName}:${port()}` });
  expect(res.status).toBe(303);
  const setCookie = String(res.headers['set-cookie']);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return setCookie.split(';')[0]!;
}

const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  raw('POST', `/__host/${method}`, { 'content-type': 'application/json', origin: `http://127.0.0.1:${port()}`, ...headers }, JSON.stringify(body));

describe('loopback host transport', () => {
  it('binds to 127.0.0.1 and serves the renderer with a strict CSP and no credential in any page', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(host.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).not.toMatch(/<meta[^>]+qabyldau/i);
    expect((await fetch(`${host.url}app.js`)).status).toBe(200);
    expect((await fetch(`${host.url}missing.js`)).status).toBe(404);
  });

  it('a local client without the bootstrap secret can neither obtain a session nor call a host method', async () => {
    for (const path of ['/', '/index.html', '/__bootstrap', '/__bootstrap?code=guess', '/__host/app.info']) {
      const res = await raw('GET', path);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await call('app.ping', { nonce: 'x' })).status).toBe(403);
    expect((await call('app.ping', { nonce: 'x' }, { cookie: 'qabyldau_host_1=forged' })).status).toBe(403);
    expect((await call('app.ping', { nonce: 'x' }, { origin: '' })).status).toBe(403);
  });

  it('spends a bootstrap code once and answers calls carrying the session cookie, validated against the contract', async () => {
    const url = host.bootstrapUrl();
    const cookie = await signIn('127.0.0.1', url);
    const { pathname, search } = new URL(url);
    expect((await raw('GET', pathname + search)).status).toBe(403);

    const body = JSON.parse((await call('app.ping', { nonce: 'n1' }, { cookie })).body);
    expect(body).toMatchObject({ ok: true, value: { nonce: 'n1' } });
    const info = JSON.parse((await call('app.info', {}, { cookie })).body);
    expect(info.value).toMatchObject({ version: '9.9.9', transport: 'loopback', centreId: 'CON-T' });
    expect(existsSync(join(dir, 'centre.json'))).toBe(false);
    const bad = JSON.parse((await call('app.ping', { nonce: 42 }, { cookie })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'errors:host.badArguments' } });
    const unknown = JSON.parse((await call('keystore.dumpPrivateKey', {}, { cookie })).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'errors:host.unknownMethod' } });
  });

  it('accepts a preset bootstrap code once (the e2e harness hands it to the browser)', async () => {
    const code = 'p'.repeat(43);
    const other = await startLoopbackHost({ services: {} as never, rendererDir: dir, apiUrl: 'http://127.0.0.1:1/', presetBootstrapCode: code });
    try {
      const first = await fetch(`${other.url}__bootstrap?code=${code}`, { redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.getSetCookie()[0]).toMatch(/^qabyldau_host_\d+=/);
      expect((await fetch(`${other.url}__bootstrap?code=${code}`, { redirect: 'manual' })).status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('binds a session to the origin it was opened on; 127.0.0.1 and localhost are treated alike', async () => {
    const cookie = await signIn('127.0.0.1');
    const local = `localhost:${port()}`;
    // The cookie of a 127.0.0.1 session is useless from http://localhost:<port>, and the reverse.
    expect((await call('app.ping', { nonce: 'a' }, { cookie, host: local, origin: `http://${local}` })).status).toBe(403);
    const localCookie = await signIn('localhost');
    expect((await call('app.ping', { nonce: 'a' }, { cookie: localCookie, host: local, origin: `http://${local}` })).status).toBe(200);
    expect((await call('app.ping', { nonce: 'a' }, { cookie: localCookie })).status).toBe(403);
    // Origin and Host must name the same loopback origin; a foreign origin never passes.
    expect((await call('app.ping', { nonce: 'a' }, { cookie, origin: `http://${local}` })).status).toBe(403);
    expect((await call('app.ping', { nonce: 'a' }, { cookie, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('rejects a request whose Host header is not the loopback address (DNS rebinding)', async () => {
    expect((await raw('GET', '/', { host: `evil.example:${port()}` })).status).toBe(421);
    expect((await raw('GET', new URL(host.bootstrapUrl()).pathname, { host: `evil.example:${port()}` })).status).toBe(421);
  });

  it('confines certificate import to the inbox folder', async () => {
    const cookie = await signIn();
    const importing = async (path: string) => JSON.parse((await call('keystore.import', { path, password: 'x' }, { cookie })).body);
    for (const path of ['../../etc/passwd', '/etc/passwd', '.hidden.p12', 'sub/../../x.p12'])
      expect(await importing(path), path).toMatchObject({ ok: false, error: { code: 'signing:outsideInbox' } });
    // A file that is in the inbox but is no PKCS#12 gets the other answer: the confinement is what refused above.
    await mkdir(join(dir, 'inbox'), { recursive: true });
    await writeFile(join(dir, 'inbox', 'noise.p12'), 'not a keystore');
    expect(await importing('noise.p12')).toMatchObject({ ok: false, error: { code: 'signing:badFile' } });
    const status = JSON.parse((await call('keystore.status', {}, { cookie })).body);
    expect(status).toMatchObject({ ok: true, value: { state: 'empty' } });
  });

  it('reports an unreachable API as a localisable error, not a crash', async () => {
    const cookie = await signIn();
    const body = JSON.parse((await call('api.session', {}, { cookie })).body);
    expect(body).toMatchObject({ ok: false, error: { code: 'errors:api.unreachable' } });
  });
});
