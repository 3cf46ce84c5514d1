import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, parseRetryAfter, probeApi } from './client';

// A real HTTP server that answers each path the way a misbehaving network or API might, so the one client's
// path building, auth header, answer parsing and error model are checked over real sockets.
let server: Server;
let apiUrl: string;
const seen: IncomingMessage[] = [];
const receipt = {
  applicationId: '00000000-0000-4000-8000-000000000001',
  fingerprint: 'f',
  status: 'received',
  registrationNumber: null,
  receivedAt: '2026-01-01T00:00:00.000Z',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const url = new URL(req.url!, 'http://x');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (url.pathname === '/healthz')
      return json(200, { status: 'ok', time: '2026-01-01T00:00:00.000Z', version: '1' });
    if (url.pathname.startsWith('/v1/applications/'))
      return json(200, { ...receipt, applicationId: 'not-a-uuid' });
    if (url.pathname === '/v1/feed')
      return res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    if (url.pathname === '/v1/checks')
      return json(
        429,
        { error: { code: 'errors:api.uploadQuotaExceeded', message: 'slow down' } },
        { 'retry-after': '7' },
      );
    if (url.pathname.startsWith('/v1/decisions/'))
      return json(409, { error: { code: 'errors:api.idempotencyConflict' } });
    if (url.pathname === '/v1/applications' && req.method === 'POST') return json(201, receipt);
    return json(404, { error: { code: 'errors:api.notFound' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (url = () => apiUrl) =>
  new ApiClient(async () => ({ apiUrl: url(), token: 'session-token-0123456789' }), 5_000);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected an ApiError'),
    (error: unknown) => error as ApiError,
  );

describe('the one API client', () => {
  it('builds the path and query from the table, sends the session and parses the answer with its schema', async () => {
    const body = { manifest: { applicationId: receipt.applicationId } } as never;
    const answer = await client().call('submitApplication', {
      body,
      headers: { 'idempotency-key': receipt.applicationId },
    });
    expect(answer.missingAttachments).toEqual([]); // the schema's default, so the answer went through the schema
    const request = seen.at(-1)!;
    expect([
      request.method,
      request.url,
      request.headers.authorization,
      request.headers['idempotency-key'],
    ]).toEqual(['POST', '/v1/applications', 'Bearer session-token-0123456789', receipt.applicationId]);
    await failure(client().call('handover', { params: { id: 'a/b c' }, body: {} as never }));
    expect(seen.at(-1)!.url).toBe('/v1/decisions/a%2Fb%20c/handover');
  });

  it('maps every failure to ApiError {status, code, i18nKey, retryAfter, kind}', async () => {
    const conflict = await failure(client().call('handover', { params: { id: 'x' }, body: {} as never }));
    expect(conflict).toBeInstanceOf(ApiError);
    expect([conflict.status, conflict.code, conflict.i18nKey, conflict.kind]).toEqual([
      409,
      'errors:api.idempotencyConflict',
      'errors:api.idempotencyConflict',
      'conflict',
    ]);

    const limited = await failure(client().call('checksFeed', { query: { cursor: 'c1', limit: 5 } }));
    expect(seen.at(-1)!.url).toBe('/v1/checks?cursor=c1&limit=5');
    expect([limited.status, limited.code, limited.retryAfter, limited.kind]).toEqual([
      429,
      'errors:api.uploadQuotaExceeded',
      7,
      'transient',
    ]);

    const proxy = await failure(client().call('feed', { query: {} }));
    expect([proxy.status, proxy.code, proxy.params, proxy.kind]).toEqual([
      502,
      'errors:api.serverError',
      { status: 502 },
      'transient',
    ]);

    const outside = await failure(client().call('getApplication', { params: { id: receipt.applicationId } }));
    expect([outside.status, outside.code, outside.kind]).toEqual([
      200,
      'errors:api.serverError',
      'transient',
    ]);

    const offline = await failure(client(() => 'http://127.0.0.1:9/').call('feed', { query: {} }));
    expect([offline.status, offline.code, offline.kind]).toEqual([0, 'errors:api.unreachable', 'transient']);
  });

  it('turns a session the host cannot get into the same model', async () => {
    const { AppError } = await import('@shared/errors');
    const refused = new ApiClient(async () => {
      throw new AppError('errors:api.centreKeyRejected');
    });
    const error = await failure(refused.call('feed', { query: {} }));
    expect([error.status, error.code, error.kind]).toEqual([0, 'errors:api.centreKeyRejected', 'auth']);
  });

  it('probes liveness through the table and reads Retry-After dates', async () => {
    expect(await probeApi(apiUrl)).toBe(true);
    expect(await probeApi('http://127.0.0.1:9/', 1_000)).toBe(false);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
