import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '@shared/errors';
import type { z } from 'zod';
import type { scanningBridgeMethods, ScanningBridgeMethod } from '@shared/scanning/bridge';
import { buildDocument } from './build-pdf';
import { scanConfigSchema, scanPaths, type ScanConfig, type ScanConfigInput } from './config';
import { esclProbe, esclScan } from './escl';
import { HotFolder } from './hot-folder';
import { ingest } from './ingest';
import { ScanJobs } from './jobs';
import { PageStore } from './page-store';
import { scheduleScanSweep } from './retention';
import { ScannerAllowList } from './scanner-policy';
import type { FileCipher } from '../secrets/envelope';
import { listSaneDevices, saneOptions, saneScan, type SaneEnv } from './sane';

type Spec = typeof scanningBridgeMethods;
export type ScanningServices = { [M in ScanningBridgeMethod]: (args: z.input<Spec[M]['args']>) => Promise<z.output<Spec[M]['result']>> };

/** The scanning half of the host services; the host spreads it in: `{ ...createScanningServices(config) }`. */
export function createScanningServices(host: ScanningHost, overrides: Partial<ScanConfigInput> = {}): ScanningServices {
  return createScanning(host, overrides).services;
}

/** Where the host keeps scanning data, and the cipher (from the host's data key) that seals pages at rest. */
export interface ScanningHost {
  dataDir: string;
  cipher: FileCipher;
  /** false: no retention timer (tests that create many hosts). */
  sweepScans?: boolean;
}

/** The same, with its configuration and job registry, for tests. */
export function createScanning(host: ScanningHost, overrides: Partial<ScanConfigInput> = {}): { services: ScanningServices; config: ScanConfig; jobs: ScanJobs; hot: HotFolder } {
  const config = scanConfigSchema.parse({ ...overrides, dataDir: host.dataDir });
  const paths = scanPaths(config.dataDir);
  const store = new PageStore(paths.pages, host.cipher);
  const jobs = new ScanJobs();
  const sane: SaneEnv = { scanimage: config.scanimage, configDir: paths.saneConfig };
  const scanners = new ScannerAllowList(config.dataDir, () => listSaneDevices(sane));
  // scans are identity documents: the host's copies are deleted once they have served (see retention.ts)
  if (host.sweepScans !== false) scheduleScanSweep({ pagesDir: paths.pages, hotFolderDir: paths.hotFolder, log: (l) => console.warn(l) });
  const hot = new HotFolder(paths.hotFolder, (bytes, name) => ingest({ bytes, source: 'hot-folder', origin: name }, store, config), config.hotFolderStableMs, host.cipher);

  const services: ScanningServices = {
    async 'scan.settings'() {
      return { dpi: config.dpi, jpegQuality: config.jpegQuality, maxFileBytes: config.maxFileBytes, maxPagesPerFile: config.maxPagesPerFile, acceptedTypes: ['jpeg', 'png', 'tiff', 'pdf'] };
    },
    async 'scan.importFile'({ fileName, bytesBase64 }) {
      const bytes = new Uint8Array(Buffer.from(bytesBase64, 'base64'));
      return { pages: await ingest({ bytes, source: 'file', origin: basename(fileName) }, store, config) };
    },
    async 'scan.importInbox'({ fileName }) {
      // Only a plain name inside the inbox: the renderer must not read arbitrary host paths.
      if (basename(fileName) !== fileName || fileName.startsWith('.')) throw new AppError('scanning:file.notFound', { name: fileName });
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(join(paths.inbox, fileName)));
      } catch {
        throw new AppError('scanning:file.notFound', { name: fileName });
      }
      return { pages: await ingest({ bytes, source: 'inbox', origin: fileName }, store, config) };
    },
    async 'scan.hotFolder.poll'() {
      return hot.poll();
    },
    async 'scan.sane.devices'() {
      const devices = await listSaneDevices(sane);
      scanners.noteDiscovered(devices);
      return { devices };
    },
    async 'scan.sane.options'({ device }) {
      await scanners.requireSane(device);
      return saneOptions(device, sane);
    },
    async 'scan.sane.start'({ device, request }) {
      await scanners.requireSane(device);
      return jobs.start((ctx) =>
        saneScan(device, request, sane, {
          signal: ctx.signal,
          onProgress: (p) => ctx.setProgress(p),
          onPage: async (tiff, n) => {
            for (const page of await ingest({ bytes: tiff, source: 'sane', origin: `${device} #${n}`, sourceDpi: request.resolution, trusted: true, signal: ctx.signal }, store, config))
              ctx.addPage(page);
          },
        }),
      );
    },
    async 'scan.escl.probe'({ url }) {
      await scanners.requireEscl(url);
      return esclProbe(url);
    },
    async 'scan.escl.start'({ url, request }) {
      await scanners.requireEscl(url);
      return jobs.start((ctx) =>
        esclScan(url, request, {
          signal: ctx.signal,
          onPage: async (bytes, n) => {
            for (const page of await ingest({ bytes, source: 'escl', origin: `${new URL(url).host} #${n}`, sourceDpi: request.resolution, trusted: true, signal: ctx.signal }, store, config))
              ctx.addPage(page);
          },
        }),
      );
    },
    async 'scan.job.status'({ jobId }) {
      return jobs.status(jobId);
    },
    async 'scan.job.cancel'({ jobId }) {
      return jobs.cancel(jobId);
    },
    async 'scan.document.build'({ pages, encoding }) {
      const { pdfBase64, sha256, size, pageCount } = await buildDocument(pages, encoding, store, config);
      return { pdfBase64, sha256, size, pageCount };
    },
  };
  return { services, config, jobs, hot };
}
