import { AppError } from '@shared/errors';
import type { EsclScanner, ScanMode, ScannerOptions, ScanRequest } from '@shared/scanning/bridge';

/** eSCL (AirScan) over HTTP: the protocol network multifunction printers speak without a driver. */

const tagValues = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${tag}>([^<]*)</(?:[\\w-]+:)?${tag}>`, 'g'))].map((m) => (m[1] as string).trim());
const tagBlock = (xml: string, tag: string) => new RegExp(`<(?:[\\w-]+:)?${tag}[ >][\\s\\S]*?</(?:[\\w-]+:)?${tag}>`).exec(xml)?.[0] ?? '';

const esclModes: Record<ScanMode, string> = { color: 'RGB24', gray: 'Grayscale8', lineart: 'BlackAndWhite1' };

/** The scanner's root, always ending in `/eSCL`: operators type an address, a printer's page shows a URL. */
export function esclBase(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = /\/eSCL$/i.test(path) ? path : `${path}/eSCL`;
  return u.toString().replace(/\/$/, '');
}

async function request(url: string, init: RequestInit & { signal?: AbortSignal }, base: string): Promise<Response> {
  const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000);
  try {
    return await fetch(url, { ...init, signal });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new AppError('scanning:scanner.unreachable', { url: base }, error instanceof Error ? error.message : String(error));
  }
}

export function parseCapabilities(xml: string): { make: string; model: string; options: ScannerOptions } {
  const makeModel = tagValues(xml, 'MakeAndModel')[0] ?? '';
  const modes = new Set(tagValues(xml, 'ColorMode'));
  const resolutions = [...new Set(tagValues(xml, 'XResolution').map(Number))].filter((n) => n > 0).sort((a, b) => a - b);
  const sources: ScannerOptions['sources'] = [];
  if (tagBlock(xml, 'Platen')) sources.push('flatbed');
  if (tagBlock(xml, 'Adf')) sources.push('adf');
  return {
    make: tagValues(xml, 'Manufacturer')[0] ?? makeModel.split(' ')[0] ?? '',
    model: makeModel,
    options: { resolutions, modes: (Object.keys(esclModes) as ScanMode[]).filter((m) => modes.has(esclModes[m])), sources },
  };
}

export async function esclStatus(base: string, signal?: AbortSignal): Promise<{ state: string; adfState: string | null }> {
  const res = await request(`${base}/ScannerStatus`, { signal }, base);
  if (!res.ok) throw new AppError('scanning:scanner.failed', { detail: `ScannerStatus ${res.status}` });
  const xml = await res.text();
  return { state: tagValues(xml, 'State')[0] ?? 'Unknown', adfState: tagValues(xml, 'AdfState')[0] ?? null };
}

export async function esclProbe(url: string): Promise<EsclScanner> {
  const base = esclBase(url);
  const res = await request(`${base}/ScannerCapabilities`, {}, base);
  if (!res.ok) throw new AppError('scanning:scanner.notEscl', { url: base });
  const caps = parseCapabilities(await res.text());
  const { state } = await esclStatus(base);
  return { url: base, make: caps.make, model: caps.model, state, options: caps.options };
}

export function scanSettingsXml(r: ScanRequest): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.0</pwg:Version>
  <scan:Intent>Document</scan:Intent>
  <pwg:ScanRegions><pwg:ScanRegion><pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits><pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset><pwg:Width>2480</pwg:Width><pwg:Height>3508</pwg:Height></pwg:ScanRegion></pwg:ScanRegions>
  <pwg:InputSource>${r.source === 'adf' ? 'Feeder' : 'Platen'}</pwg:InputSource>
  <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>
  <scan:ColorMode>${esclModes[r.mode]}</scan:ColorMode>
  <scan:XResolution>${r.resolution}</scan:XResolution>
  <scan:YResolution>${r.resolution}</scan:YResolution>
</scan:ScanSettings>`;
}

async function failureFromStatus(base: string, pages: number, detail: string): Promise<AppError> {
  const status = await esclStatus(base).catch(() => null);
  if (!status) return new AppError('scanning:scanner.disconnected', { device: base }, detail);
  if (/Jam/i.test(status.adfState ?? '')) return new AppError('scanning:scanner.jammed', { device: base }, detail);
  if (/Empty/i.test(status.adfState ?? '') && pages === 0) return new AppError('scanning:scanner.noPaper', { device: base }, detail);
  if (/Open/i.test(status.adfState ?? '')) return new AppError('scanning:scanner.coverOpen', { device: base }, detail);
  return new AppError('scanning:scanner.failed', { detail }, detail);
}

export interface EsclScanHooks {
  signal: AbortSignal;
  onPage(bytes: Uint8Array, page: number): Promise<void>;
  /** Between two polls of a busy scanner; tests shorten it. */
  retryDelayMs?: number;
}

/** POST a job, then NextDocument until 404; DELETE on cancel. Pages already received stay with the caller. */
export async function esclScan(url: string, r: ScanRequest, hooks: EsclScanHooks): Promise<void> {
  const base = esclBase(url);
  const delay = hooks.retryDelayMs ?? 1000;
  const created = await request(`${base}/ScanJobs`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: scanSettingsXml(r), signal: hooks.signal }, base);
  if (created.status === 503) throw new AppError('scanning:scanner.busy', { device: base });
  if (created.status !== 201) throw await failureFromStatus(base, 0, `ScanJobs ${created.status}`);
  const location = created.headers.get('location');
  if (!location) throw new AppError('scanning:scanner.failed', { detail: 'no job location' });
  const job = new URL(location, `${base}/`).toString().replace(/\/$/, '');
  const cancel = () => void fetch(job, { method: 'DELETE', signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  hooks.signal.addEventListener('abort', cancel, { once: true });
  let pages = 0;
  try {
    for (let waits = 0; ; ) {
      if (hooks.signal.aborted) return;
      const res = await request(`${job}/NextDocument`, { signal: hooks.signal }, base);
      if (res.status === 404) {
        if (pages === 0) throw await failureFromStatus(base, 0, 'no document');
        return;
      }
      if (res.status === 503) {
        await res.arrayBuffer();
        if (++waits > 120) throw new AppError('scanning:scanner.busy', { device: base });
        await new Promise((ok) => setTimeout(ok, delay));
        continue;
      }
      if (!res.ok) throw await failureFromStatus(base, pages, `NextDocument ${res.status}`);
      waits = 0;
      await hooks.onPage(new Uint8Array(await res.arrayBuffer()), ++pages);
    }
  } catch (error) {
    if (hooks.signal.aborted) return;
    throw error;
  } finally {
    hooks.signal.removeEventListener('abort', cancel);
  }
}
