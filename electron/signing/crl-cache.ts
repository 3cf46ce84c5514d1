import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type * as pkijs from 'pkijs';
import { AppError, isAppError } from '../../shared/errors';
import { parseCertificate } from '../../shared/signing/certificate';
import { crlIssuedBy, findRevocation, parseCrl, type Revocation } from '../../shared/signing/crl';
import type { CrlStatus } from '../../shared/signing/schemas';
import { systemClock, type Clock } from '../keystore/clock';
import { writePrivateFile } from '../fs/private-files';

export interface CrlCacheOptions {
  /** Where to download the CRL: http(s), file: URL or a plain path (the test PKI's crl.der). */
  url?: string;
  /** Cached DER for offline work; a JSON sidecar next to it records when and where it was fetched. */
  cacheFile: string;
  /** CAs whose signature on the CRL we accept; a CRL from anyone else never clears a certificate. */
  trustedCasDer: Uint8Array[];
  /**
   * Staleness policy, RFC 5280 §5.1.2.5: a CRL is fresh until its nextUpdate (the CA promised a newer one by
   * then). This is a ceiling on top, counted from thisUpdate, for a CA that publishes very long-lived CRLs or
   * none with nextUpdate: the effective limit is the smaller of the two.
   */
  maxAgeSeconds: number;
  fetch?: typeof fetch;
  fetchTimeoutMs?: number;
  clock?: Clock;
}

interface Loaded {
  crl: pkijs.CertificateRevocationList;
  issuer: pkijs.Certificate;
  fetchedAt: Date;
  source: string;
}

/**
 * The revocation list for pre-signing checks, cached on disk so the workstation can keep signing offline within
 * the staleness policy. A download is parsed and its signature checked *before* it replaces the cache, so a
 * truncated or foreign file can never poison it (the NCANode #104 failure mode).
 */
export class CrlCache {
  private loaded: Loaded | null = null;
  /** The download under way, shared by every caller: eight signatures at once cause one fetch and one write. */
  private inflight: Promise<CrlStatus> | null = null;
  private readonly clock: Clock;
  private readonly trustedCas: pkijs.Certificate[];

  constructor(private readonly options: CrlCacheOptions) {
    this.clock = options.clock ?? systemClock;
    this.trustedCas = options.trustedCasDer.map(parseCertificate);
  }

  /** Loads the cached CRL from disk; a missing or unusable cache simply leaves the cache empty. */
  async load(): Promise<CrlStatus | null> {
    try {
      const der = new Uint8Array(await readFile(this.options.cacheFile));
      const meta = JSON.parse(await readFile(`${this.options.cacheFile}.json`, 'utf8')) as { fetchedAt: string; source: string };
      this.loaded = await this.accept(der, new Date(meta.fetchedAt), meta.source);
    } catch {
      this.loaded = null;
    }
    return this.status();
  }

  /**
   * Downloads, validates and atomically replaces the cache (temporary file + rename, so a reader never sees half a
   * file). Concurrent callers share one download. Throws a localised AppError on failure.
   */
  refresh(): Promise<CrlStatus> {
    this.inflight ??= this.refreshOnce().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refreshOnce(): Promise<CrlStatus> {
    const source = this.options.url;
    if (!source) throw new AppError('signing:crlMissing');
    const der = await this.download(source);
    const loaded = await this.accept(der, new Date(this.clock.now()), source);
    await writePrivateFile(this.options.cacheFile, der);
    await writePrivateFile(`${this.options.cacheFile}.json`, JSON.stringify({ fetchedAt: loaded.fetchedAt.toISOString(), source }));
    this.loaded = loaded;
    return this.status()!;
  }

  status(): CrlStatus | null {
    if (!this.loaded) return null;
    const now = this.clock.now();
    const thisUpdate = this.loaded.crl.thisUpdate.value;
    const nextUpdate = this.loaded.crl.nextUpdate?.value ?? null;
    const ageSeconds = Math.max(0, Math.floor((now - thisUpdate.getTime()) / 1000));
    const promisedSeconds = nextUpdate === null ? Infinity : Math.max(1, Math.floor((nextUpdate.getTime() - thisUpdate.getTime()) / 1000));
    const maxAgeSeconds = Math.min(this.options.maxAgeSeconds, promisedSeconds);
    return {
      source: this.loaded.source,
      fetchedAt: this.loaded.fetchedAt.toISOString(),
      thisUpdate: thisUpdate.toISOString(),
      nextUpdate: nextUpdate?.toISOString() ?? null,
      ageSeconds,
      maxAgeSeconds,
      fresh: ageSeconds <= maxAgeSeconds && (nextUpdate === null || now <= nextUpdate.getTime()),
    };
  }

  /**
   * Revocation status of a certificate issued by `issuer`, refreshing first when the cache is stale or empty.
   * Unknown status is never "not revoked": no usable CRL → crlMissing/crlStale.
   */
  async revocationOf(serialHex: string, issuer: pkijs.Certificate): Promise<Revocation | null> {
    let status = this.status();
    if (!status?.fresh || !this.loaded?.issuer.subject.isEqual(issuer.subject)) {
      try {
        status = await this.refresh();
      } catch (error) {
        // offline: fall through to the cached list and let the policy decide
        if (!isAppError(error)) throw error;
      }
    }
    if (!status || !this.loaded || !this.loaded.issuer.subject.isEqual(issuer.subject)) throw new AppError('signing:crlMissing');
    if (!status.fresh) {
      throw new AppError('signing:crlStale', {
        ageHours: Math.floor(status.ageSeconds / 3600),
        maxHours: Math.floor(status.maxAgeSeconds / 3600),
      });
    }
    return findRevocation(this.loaded.crl, serialHex);
  }

  private async accept(der: Uint8Array, fetchedAt: Date, source: string): Promise<Loaded> {
    const crl = parseCrl(der);
    for (const ca of this.trustedCas) {
      if (await crlIssuedBy(crl, ca)) return { crl, issuer: ca, fetchedAt, source };
    }
    throw new AppError('signing:crlUntrusted');
  }

  private async download(source: string): Promise<Uint8Array> {
    if (!/^https?:/i.test(source)) {
      try {
        return new Uint8Array(await readFile(source.startsWith('file:') ? fileURLToPath(source) : source));
      } catch {
        throw new AppError('signing:crlFetchFailed', { status: 'file' });
      }
    }
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(source, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 15_000) });
    } catch {
      throw new AppError('signing:crlFetchFailed', { status: 'network' });
    }
    if (!response.ok) throw new AppError('signing:crlFetchFailed', { status: response.status });
    return new Uint8Array(await response.arrayBuffer());
  }
}
