import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueSchema, catalogueVersion } from '@shared/catalogue';
import { calendarSchema, defaultCalendar } from '@shared/calendar';
import { buildServer, type LicensingServer } from '../app';
import { etagMatches, registerCatalogueRoutes } from './catalogue';

describe('GET /v1/catalogue', () => {
  const app = Fastify();
  registerCatalogueRoutes(app);
  afterAll(() => app.close());

  it('serves the version, every service and the calendar, valid against the shared schemas, with a strong ETag', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/catalogue' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const body = res.json() as { version: string; services: unknown; calendar: unknown };
    expect(body.version).toBe(catalogueVersion);
    const services = catalogueSchema.parse(body.services);
    expect(services.map((s) => s.id)).toHaveLength(14);
    expect(calendarSchema.parse(body.calendar).version).toBe(defaultCalendar.version);
  });

  it('answers 304 with no body when the client already has this version, 200 for another', async () => {
    const first = await app.inject({ method: 'GET', url: '/v1/catalogue' });
    const etag = String(first.headers.etag);
    const same = await app.inject({ method: 'GET', url: '/v1/catalogue', headers: { 'if-none-match': etag } });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.etag).toBe(etag);
    const weak = await app.inject({ method: 'GET', url: '/v1/catalogue', headers: { 'if-none-match': `"old", W/${etag}` } });
    expect(weak.statusCode).toBe(304);
    const other = await app.inject({ method: 'GET', url: '/v1/catalogue', headers: { 'if-none-match': '"old"' } });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(first.body);
  });

  it('compares entity tags as RFC 9110 says for If-None-Match', () => {
    expect(etagMatches(undefined, '"a"')).toBe(false);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b" , "a"', '"a"')).toBe(true);
    expect(etagMatches('"ab"', '"a"')).toBe(false);
  });
});

describe('the reference API registers the catalogue route without auth', () => {
  let server: LicensingServer;
  beforeAll(async () => {
    server = await buildServer({ insecureAcceptUnsigned: 'accept-unsigned-for-tests-only' });
  });
  afterAll(() => server.close());

  it('is readable with no session and allows a cross-origin workstation to read the ETag', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/v1/catalogue', headers: { origin: 'http://127.0.0.1:5190' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5190');
    expect(String(res.headers['access-control-expose-headers'])).toContain('etag');
  });
});
