import { readFile } from 'node:fs/promises';

export interface SignatureOptions {
  /** PEM text of the CAs whose certificates may sign requests. */
  trustedCaPems: string[];
  /** CRL files (DER or PEM), re-read on every check so a CRL update needs no restart. */
  crlFiles: string[];
  /** When true every submitted application must carry a valid operator signature. */
  required: boolean;
}

export async function loadCrls(files: string[]): Promise<Uint8Array[]> {
  return Promise.all(files.map(async (f) => new Uint8Array(await readFile(f))));
}
