import 'fake-indexeddb/auto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueVersion } from '@shared/catalogue';
import { registerCatalogueRoutes } from '../../../server/routes/catalogue';
import { openDatabase } from '../db/database';
import { builtInCatalogue, cacheKey, choose, compareVersions, loadCachedCatalogue, refreshCatalogue } from './active-catalogue';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

let app: FastifyInstance;
let apiUrl: string;
let n = 0;
const freshDb = () => openDatabase(vault, `catalogue-test-${++n}`);

beforeAll(async () => {
  app = Fastify();
  registerCatalogueRoutes(app);
  apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

describe('active catalogue', () => {
  it('orders versions numerically part by part', () => {
    expect(compareVersions('2026.11.25-10', '2026.11.25-9')).toBeGreaterThan(0);
    expect(compareVersions('2026.11.25-1', '2026.11.25-1')).toBe(0);
    expect(compareVersions('2025.12.31-1', '2026.01.01-1')).toBeLessThan(0);
  });

  it('uses the built-in catalogue when nothing is cached, and after a fetch the cached copy from the API', async () => {
    const db = freshDb();
    expect((await loadCachedCatalogue(db)).source).toBe('built-in');
    const fresh = await refreshCatalogue(db, apiUrl);
    expect(fresh?.source).toBe('cached');
    expect(fresh?.version).toBe(catalogueVersion);
    expect(fresh?.services.map((s) => s.id)).toEqual(builtInCatalogue.services.map((s) => s.id));
    expect((await db.kv.get(cacheKey))?.value).toMatchObject({ version: catalogueVersion });
    // Offline: the cached copy is what runs.
    const offline = await loadCachedCatalogue(db);
    expect(offline.source).toBe('cached');
    expect(offline.calendar.version).toBe(builtInCatalogue.calendar.version);
    // Unchanged on the server: nothing to switch to.
    expect(await refreshCatalogue(db, apiUrl)).toBeNull();
  });

  it('keeps the cache when the API is unreachable or answers nonsense', async () => {
    const db = freshDb();
    expect(await refreshCatalogue(db, 'http://127.0.0.1:9/')).toBeNull();
    const junk: typeof fetch = async () => new Response(JSON.stringify({ version: 'x', services: [] }), { status: 200 });
    expect(await refreshCatalogue(db, apiUrl, junk)).toBeNull();
    expect(await db.kv.get(cacheKey)).toBeUndefined();
  });

  it('takes a newer catalogue from the server (a data-only change) and ignores an older or broken cache', async () => {
    const db = freshDb();
    const res = await fetch(`${apiUrl}/v1/catalogue`);
    const payload = (await res.json()) as { version: string; services: { id: string; names: { kk: string; ru: string } }[] };
    payload.version = '2099.01.01-1';
    payload.services[0]!.names.ru = 'Новое название из обновления';
    const served: typeof fetch = async () => new Response(JSON.stringify(payload), { status: 200 });
    const next = await refreshCatalogue(db, apiUrl, served);
    expect(next?.version).toBe('2099.01.01-1');
    expect((await loadCachedCatalogue(db)).services[0]!.names.ru).toBe('Новое название из обновления');
    expect(choose({ ...payload, version: '2000.01.01-1' }).source).toBe('built-in');
    expect(choose({ ...payload, services: [] }).source).toBe('built-in');
  });
});
