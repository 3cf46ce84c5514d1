import { z } from 'zod';
import { catalogue as builtInServices, catalogueSchema, catalogueVersion, type Service } from '@shared/catalogue';
import { calendarSchema, defaultCalendar, type WorkCalendar } from '@shared/calendar';
import type { QabyldauDb } from '../db/database';

/** What `GET /v1/catalogue` returns and what the workstation keeps in Dexie's `kv` table. */
export const cataloguePayloadSchema = z.object({
  version: z.string().min(1),
  services: catalogueSchema,
  calendar: calendarSchema,
});
export type CataloguePayload = z.infer<typeof cataloguePayloadSchema>;

export const cacheKey = 'catalogue.cached';

export interface ActiveCatalogue {
  version: string;
  services: readonly Service[];
  calendar: WorkCalendar;
  /** Where the data came from: compiled into this build, or the last copy the central API sent. */
  source: 'built-in' | 'cached';
}

export const builtInCatalogue: ActiveCatalogue = {
  version: catalogueVersion,
  services: builtInServices,
  calendar: defaultCalendar,
  source: 'built-in',
};

/** Versions read `YYYY.MM.DD-N`; compared part by part as numbers so `-10` sorts after `-9`. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}

/**
 * The cached copy wins unless this build ships a newer catalogue (an upgrade installed while offline). A copy
 * that no longer validates — the schema moved on — is ignored rather than trusted.
 */
export function choose(cached: unknown): ActiveCatalogue {
  const parsed = cataloguePayloadSchema.safeParse(cached);
  if (!parsed.success || compareVersions(parsed.data.version, builtInCatalogue.version) < 0) return builtInCatalogue;
  return { ...parsed.data, source: 'cached' };
}

export async function loadCachedCatalogue(db: QabyldauDb): Promise<ActiveCatalogue> {
  const row = await db.kv.get(cacheKey);
  return choose(row?.value);
}

/**
 * Asks the central API for the catalogue. `cache: 'no-cache'` lets the browser revalidate its own copy with
 * If-None-Match (a header the page itself could not send cross-origin without a preflight), so an unchanged
 * catalogue costs a 304. Returns the new active catalogue when the server's differs from the cached one, or
 * null when nothing changed or the API is unreachable (offline is normal: the cached copy keeps working).
 */
export async function refreshCatalogue(
  db: QabyldauDb,
  apiUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ActiveCatalogue | null> {
  let payload: CataloguePayload;
  try {
    const res = await fetchImpl(new URL('/v1/catalogue', apiUrl), { cache: 'no-cache', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) return null;
    const parsed = cataloguePayloadSchema.safeParse(await res.json());
    if (!parsed.success) return null;
    payload = parsed.data;
  } catch {
    return null;
  }
  const current = await db.kv.get(cacheKey);
  if (JSON.stringify(current?.value) === JSON.stringify(payload)) return null;
  await db.kv.put({ key: cacheKey, value: payload });
  return choose(payload);
}
