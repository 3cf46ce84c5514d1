import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackBootstrapPath, loopbackPathPrefix } from '@shared/bridge/contract';
import { contentSecurityPolicy } from '../security/csp';
import { dispatch, type HostServices } from './dispatch';
import { createLoopbackSessions, type LoopbackSessions } from './loopback-session';
import { readRendererFile } from './static-file';

const maxBody = 32 * 1024 * 1024;

export interface LoopbackHost {
  url: string;
  /** A one-time link that signs a browser in (prints in `npm start`); each call issues a new single-use code. */
  bootstrapUrl(): string;
  close(): Promise<void>;
}

/**
 * The development/e2e transport: serves the built renderer and the host services to a plain browser page on
 * 127.0.0.1 (or localhost, the same port). Pages and scripts carry no credential: a browser gets in only through a
 * one-time bootstrap link, exchanged for an HttpOnly SameSite=Strict cookie bound to the origin it was opened on
 * (see loopback-session.ts). Every call also passes an Origin check and a Host check (against DNS rebinding).
 */
export async function startLoopbackHost(options: {
  services: HostServices;
  rendererDir: string;
  apiUrl: string;
  port?: number;
  /** Lets a test harness choose the first bootstrap code (single-use); otherwise only random codes exist. */
  presetBootstrapCode?: string;
}): Promise<LoopbackHost> {
  const csp = contentSecurityPolicy(options.apiUrl);
  let origin = '';
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  // Made once the port is known (cookies are named after it); the server answers nothing before that.
  const auth: { sessions?: LoopbackSessions } = {};

  const securityHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };

  async function serveStatic(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', origin).pathname;
    const file = await readRendererFile(options.rendererDir, path);
    res.writeHead(file.status, { ...securityHeaders, 'content-type': file.type, 'cache-control': 'no-store' });
    res.end(file.body);
  }

  // GET /__bootstrap?code=… : spends the code, sets the session cookie and sends the browser to the app.
  function serveBootstrap(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
    const code = new URL(req.url ?? '/', origin).searchParams.get('code') ?? '';
    // The Host header was checked against the loopback names: the session belongs to the origin the link used.
    const session = auth.sessions!.redeem(code, `http://${req.headers.host}`);
    if (!session) return send(res, 403, 'text/plain; charset=utf-8', 'This sign-in link is not valid or was already used. Restart the workstation (npm start) for a new one.');
    res.writeHead(303, { ...securityHeaders, location: '/', 'set-cookie': auth.sessions!.setCookie(session), 'cache-control': 'no-store' });
    res.end();
  }

  function send(res: ServerResponse, status: number, type: string, body: string) {
    res.writeHead(status, { ...securityHeaders, 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  }

  async function serveHost(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
    // Browsers send Origin on every POST; a call without one is not from the app's page.
    const from = req.headers.origin;
    if (from === undefined || !allowedOrigins.has(from) || from !== `http://${req.headers.host}`) return send(res, 403, 'text/plain', 'foreign origin');
    if (!auth.sessions!.allows(req.headers.cookie, from)) return send(res, 403, 'text/plain', 'no host session');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) return send(res, 413, 'text/plain', 'too large');
      chunks.push(chunk as Buffer);
    }
    let args: unknown;
    try {
      args = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return send(res, 400, 'text/plain', 'bad json');
    }
    const response = await dispatch(options.services, method, args);
    send(res, 200, 'application/json', JSON.stringify(response));
  }

  const server = createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'unexpected Host');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = path.startsWith(loopbackPathPrefix)
      ? serveHost(req, res, path.slice(loopbackPathPrefix.length))
      : path === loopbackBootstrapPath
        ? Promise.resolve(serveBootstrap(req, res))
        : serveStatic(req, res);
    handler.catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'host error');
      console.error('[loopback]', error);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  // 127.0.0.1 and localhost are both accepted, consistently: as Host, as Origin, and as the origin a session is bound to.
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const live = createLoopbackSessions({ port, cookiePath: loopbackPathPrefix, ...(options.presetBootstrapCode ? { presetCode: options.presetBootstrapCode } : {}) });
  auth.sessions = live;

  return {
    url: `${origin}/`,
    bootstrapUrl: () => `${origin}${loopbackBootstrapPath}?code=${live.issueCode()}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
