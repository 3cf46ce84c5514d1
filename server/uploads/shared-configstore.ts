import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConfigstore } from '@tus/file-store';
import { ERRORS, type Upload } from '@tus/server';
import { isUploadId } from './blob-files';

/**
 * @tus/file-store keeps each upload's metadata (id, declared size, tus metadata with our `centreId`, creation date)
 * in `<id>.json` beside the bytes, and stats the bytes for the offset — so the folder itself is the whole store and
 * several API nodes can share it (one volume mounted by all). What is not safe across nodes is how it writes that
 * JSON: `writeFile` truncates, then writes, so a node reading at that moment sees an empty or half file and answers
 * 404. This store writes a temporary file, flushes it and renames it over the old one: a reader on any node sees the
 * old metadata or the new, never a torn one (rename is atomic on one POSIX file system, NFS included).
 */
export class SharedFolderConfigstore extends FileConfigstore {
  override async set(key: string, value: Upload): Promise<void> {
    // Only tus's own ids: a key can never name a path outside the folder.
    if (!isUploadId(key)) throw ERRORS.FILE_NOT_FOUND;
    const target = join(this.directory, `${key}.json`);
    // Not `<32 hex>` nor `.json`: BlobFiles and tus's own listing both ignore a temporary file left by a crash.
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(JSON.stringify(value));
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
