import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, isAppError } from '@shared/errors';
import { pageInfoSchema, type PageInfo } from '@shared/scanning/bridge';
import { writePrivateFile } from '../fs/private-files';
import { fileCipher, type FileCipher } from '../secrets/envelope';

/**
 * Pages on disk, one sealed file each: a scanned page survives a jam, a crash of the renderer or a restart of the
 * host until the operator has turned it into a document. Scans are identity documents, so the body and the record
 * (whose thumbnail is a picture of the page) are sealed together with the host's data key (AES-256-GCM, bound to
 * the page id), in a 0600 file in a 0700 folder. A changed or swapped file is refused with a clear error.
 */
const storedPageSchema = z.object({
  info: pageInfoSchema,
  /** Raster pages: grey 8-bit PNG at `dpi`; PDF pages: a one-page PDF. */
  kind: z.enum(['png', 'pdf']),
  dpi: z.number().positive().nullable(),
});
export type StoredPage = z.infer<typeof storedPageSchema>;

export type NewPage = Omit<PageInfo, 'id'>;

const aad = (id: string) => `qabyldau scan page ${id}`;

/** Record and body in one plaintext: a 4-byte record length, the record JSON, the body. */
function pack(record: StoredPage, body: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(record), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(json.length);
  return Buffer.concat([head, json, body]);
}

function unpack(plain: Buffer): StoredPage & { body: Uint8Array } {
  const length = plain.readUInt32BE(0);
  const record = storedPageSchema.parse(JSON.parse(plain.subarray(4, 4 + length).toString('utf8')));
  return { ...record, body: new Uint8Array(plain.subarray(4 + length)) };
}

export class PageStore {
  constructor(
    readonly dir: string,
    private readonly cipher: FileCipher,
  ) {}

  async put(info: NewPage, body: Uint8Array, dpi: number | null): Promise<PageInfo> {
    const id = randomUUID();
    const record: StoredPage = { info: { ...info, id }, kind: info.kind === 'pdf' ? 'pdf' : 'png', dpi };
    await writePrivateFile(join(this.dir, `${id}.page`), this.cipher.seal(pack(record, body), aad(id)));
    return record.info;
  }

  async get(id: string): Promise<StoredPage & { body: Uint8Array }> {
    if (!/^[a-f0-9-]{36}$/.test(id)) throw new AppError('scanning:page.missing', { id });
    let sealed: Buffer;
    try {
      sealed = await readFile(join(this.dir, `${id}.page`));
    } catch {
      throw new AppError('scanning:page.missing', { id });
    }
    try {
      return unpack(this.cipher.open(sealed, aad(id)));
    } catch (error) {
      if (isAppError(error)) throw new AppError('scanning:page.tampered', { id }, error.message);
      throw new AppError('scanning:page.tampered', { id }, String(error));
    }
  }
}

/** A store under a throw-away key, for tests and tools that do not keep pages across runs. */
export function ephemeralPageStore(dir: string): PageStore {
  return new PageStore(dir, fileCipher(randomBytes(32)));
}
