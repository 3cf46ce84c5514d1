import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackPathPrefix, loopbackTokenHeader as hostTokenHeader, loopbackTokenMeta as hostTokenMeta } from '@shared/bridge/contract';
import { contentSecurityPolicy } from '../security/csp';
import { dispatch, type HostServices } from './dispatch';
import { readRendererFile } from './static-file';

const maxBody = 32 * 1024 * 1024;

export interface LoopbackHost {
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The development/e2e transport: serves the built renderer and the host services to a plain browser page on
 * 127.0.0.1. A per-launch random token (handed to the page inside index.html, which other origins cannot read),
 * an Origin check and a Host check (against DNS rebinding) keep other local pages and sites out.
 */
export async function startLoopbackHost(options: {
  services: HostServices;
  rendererDir: string;
  apiUrl: string;
  port?: number;
}): Promise<LoopbackHost> {
  const token = randomBytes(32).toString('base64url');
  const csp = contentSecurityPolicy(options.apiUrl);
  let origin = '';
  let allowedHosts = new Set<string>();

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
    // index.html carries this launch's token; other origins cannot read it.
    const body =
      file.type.startsWith('text/html') && file.status === 200
        ? Buffer.from(file.body.toString('utf8').replace('</head>', `<meta name="${hostTokenMeta}" content="${token}"></head>`))
        : file.body;
    res.writeHead(file.status, { ...securityHeaders, 'content-type': file.type, 'cache-control': 'no-store' });
    res.end(body);
  }

  function send(res: ServerResponse, status: number, type: string, body: string) {
    res.writeHead(status, { ...securityHeaders, 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  }

  function tokenMatches(given: string | string[] | undefined) {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function serveHost(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'text/plain', 'foreign origin');
    if (!tokenMatches(req.headers[hostTokenHeader])) return send(res, 403, 'text/plain', 'bad host token');
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
    const handler = path.startsWith(loopbackPathPrefix) ? serveHost(req, res, path.slice(loopbackPathPrefix.length)) : serveStatic(req, res);
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
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
