import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, isRawBody, type RouteSpec } from '@shared/api/routes';
import { buildServer, type LicensingServer } from '../app';

// What Fastify serves and what the contract lists must be the same set: a route added without a table entry, or an
// entry the server forgot, fails here (the server registers every route from its entry, see server/route.ts).
let server: LicensingServer;
const entries = Object.entries(apiRoutes) as [string, RouteSpec][];
const key = (method: string, url: string) => `${method} ${url}`;

beforeAll(async () => {
  // with a scrape token, so /metrics is served too
  server = await buildServer({
    insecureAcceptUnsigned: 'accept-unsigned-for-tests-only',
    metrics: { token: 'scrape-token-0123456789' },
  });
  await server.app.ready();
});
afterAll(() => server.close());

describe('the route table is the one source of truth', () => {
  it('serves every route of the table and nothing else', () => {
    const table = new Set(entries.map(([, spec]) => key(spec.method, spec.path)));
    const served = new Set(server.servedRoutes.map((r) => key(r.method, r.url)));
    const extra = [...served].filter((route) => {
      if (table.has(route)) return false;
      // Fastify's automatic HEAD for a GET route of the table, and @fastify/cors's preflight answer
      const [method, url] = route.split(' ') as [string, string];
      if (method === 'HEAD' && table.has(key('GET', url))) return false;
      return route !== 'OPTIONS *';
    });
    expect(extra, 'served but not in shared/api/routes.ts').toEqual([]);
    expect(
      [...table].filter((route) => !served.has(route)),
      'in the table but not served',
    ).toEqual([]);
    expect(server.servedRoutes.length).toBeGreaterThan(entries.length);
  });

  it('publishes every entry in /openapi.json with its responses, auth and error codes', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            security: unknown[];
            responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
            'x-error-codes': string[];
            parameters?: { name: string; in: string }[];
          }
        >
      >;
      components: { securitySchemes: Record<string, unknown> };
    };
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(entries.length);
    for (const [name, spec] of entries) {
      const operation = doc.paths[spec.path.replace(/:(\w+)/g, '{$1}')]?.[spec.method.toLowerCase()];
      expect(operation?.operationId, name).toBe(name);
      expect(Object.keys(operation!.responses).sort(), name).toEqual(Object.keys(spec.responses).sort());
      for (const [status, body] of Object.entries(spec.responses))
        if (!isRawBody(body))
          expect(
            operation!.responses[status]!.content!['application/json']!.schema,
            `${name} ${status}`,
          ).toBeTruthy();
      if (spec.auth === 'public') expect(operation!.security).toEqual([]);
      else {
        expect(operation!.security).toEqual([{ [spec.auth]: [] }]);
        expect(doc.components.securitySchemes[spec.auth]).toBeTruthy();
      }
      expect(operation!['x-error-codes'], name).toEqual(expect.arrayContaining([...spec.errors]));
      for (const param of spec.path.match(/:(\w+)/g) ?? [])
        expect(
          operation!.parameters?.some((p) => p.in === 'path' && p.name === param.slice(1)),
          `${name} ${param}`,
        ).toBe(true);
    }
  });

  it('answers a route whose params fail the schema with the refusal the table declares', async () => {
    const verify = await server.app.inject({ method: 'GET', url: '/v1/verify/not-a-uuid' });
    expect(verify.statusCode).toBe(apiRoutes.verifyDecision.invalid.params.status);
    expect(verify.json().error.code).toBe(apiRoutes.verifyDecision.invalid.params.code);
    // auth comes first: a call without a session never reaches validation
    const handover = await server.app.inject({
      method: 'POST',
      url: '/v1/decisions/not-a-uuid/handover',
      payload: {},
    });
    expect(handover.statusCode).toBe(401);
    expect(handover.json().error.code).toBe('errors:api.unauthenticated');
  });
});
