import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import { pageInfoSchema, type PageInfo } from '@shared/scanning/bridge';

/**
 * Pages on disk, one body file and one JSON record each: a scanned page survives a jam, a crash of the
 * renderer or a restart of the host until the operator has turned it into a document.
 */
const storedPageSchema = z.object({
  info: pageInfoSchema,
  /** Raster pages: grey 8-bit PNG at `dpi`; PDF pages: a one-page PDF. */
  file: z.string(),
  dpi: z.number().positive().nullable(),
});
export type StoredPage = z.infer<typeof storedPageSchema>;

export type NewPage = Omit<PageInfo, 'id'>;

export class PageStore {
  constructor(readonly dir: string) {}

  async put(info: NewPage, body: Uint8Array, dpi: number | null): Promise<PageInfo> {
    await mkdir(this.dir, { recursive: true });
    const id = randomUUID();
    const file = `${id}.${info.kind === 'pdf' ? 'pdf' : 'png'}`;
    const record: StoredPage = { info: { ...info, id }, file, dpi };
    await writeFile(join(this.dir, file), body);
    await writeFile(join(this.dir, `${id}.json`), JSON.stringify(record));
    return record.info;
  }

  async get(id: string): Promise<StoredPage & { body: Uint8Array }> {
    if (!/^[a-f0-9-]{36}$/.test(id)) throw new AppError('scanning:page.missing', { id });
    try {
      const record = storedPageSchema.parse(JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')));
      return { ...record, body: new Uint8Array(await readFile(join(this.dir, record.file))) };
    } catch {
      throw new AppError('scanning:page.missing', { id });
    }
  }
}
