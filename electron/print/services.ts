import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import type { decisionsBridgeMethods, DecisionsBridgeMethod } from '../../shared/decisions/bridge';
import { AppError } from '../../shared/errors';

type Args<M extends DecisionsBridgeMethod> = z.input<(typeof decisionsBridgeMethods)[M]['args']>;
type Result<M extends DecisionsBridgeMethod> = z.input<(typeof decisionsBridgeMethods)[M]['result']>;

/**
 * What main.ts supplies to print: load a file URL into a hidden window and call `webContents.print` with these
 * options (`deviceName` = printer, `silent`), answering Electron's `(success, failureReason)` callback.
 */
export type PrintFileUrl = (fileUrl: string, options: { silent: boolean; deviceName?: string }) => Promise<{ success: boolean; failureReason?: string }>;

export interface PrintServicesOptions {
  dataDir: string;
  /** QABYLDAU_LICENSOR_CA: PEM file(s) of the trusted licensor CA, separated like PATH; default `<dataDir>/trust/licensor-ca.pem`. */
  licensorCaFiles?: string[];
  /** Absent on the loopback host: the browser prints there. */
  printFileUrl?: PrintFileUrl;
}

export function licensorCaFilesFromEnv(env: Record<string, string | undefined>): string[] | undefined {
  return env.QABYLDAU_LICENSOR_CA ? env.QABYLDAU_LICENSOR_CA.split(delimiter).filter(Boolean) : undefined;
}

/** Host side of `decisions.trust` and `print.pdf`; plain Node, wired into createHost's services by a spread. */
export function createPrintServices(o: PrintServicesOptions): { [M in DecisionsBridgeMethod]: (args: Args<M>) => Promise<Result<M>> } {
  const caFiles = o.licensorCaFiles ?? [join(o.dataDir, 'trust', 'licensor-ca.pem')];
  return {
    async 'decisions.trust'() {
      const caPems: string[] = [];
      for (const file of caFiles) {
        // a missing trust file means "trust nothing": the print centre then says so instead of printing
        const pem = await readFile(file, 'utf8').catch(() => null);
        if (pem?.includes('-----BEGIN CERTIFICATE-----')) caPems.push(pem);
      }
      return { caPems };
    },
    async 'print.pdf'({ pdfBase64, printer, silent }) {
      if (!o.printFileUrl) throw new AppError('print:errors.hostCannotPrint');
      const dir = await mkdtemp(join(tmpdir(), 'qabyldau-print-'));
      const file = join(dir, 'document.pdf');
      try {
        await writeFile(file, Buffer.from(pdfBase64, 'base64'), { mode: 0o600 });
        const result = await o.printFileUrl(pathToFileURL(file).href, { silent: silent ?? false, ...(printer ? { deviceName: printer } : {}) });
        return { printed: result.success, ...(result.failureReason ? { failureReason: result.failureReason } : {}) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
