import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** @tus/server names uploads with 16 random bytes in hex; nothing else in the folder is ours to touch. */
const uploadIdPattern = /^[0-9a-f]{32}$/;
export const isUploadId = (id: string) => uploadIdPattern.test(id);

export interface StoredBlob {
  id: string;
  /** The later of the bytes' and the metadata's modification times. */
  modifiedAt: Date;
}

/**
 * The blob folder as @tus/file-store lays it out: `<id>` holds the bytes and `<id>.json` the upload's metadata.
 * Everything that reads, hashes, lists or deletes blobs outside tus goes through here, so an object store can
 * later take the folder's place behind the same few calls.
 */
export class BlobFiles {
  constructor(readonly directory: string) {}

  private path(id: string): string {
    if (!isUploadId(id)) throw new Error(`not an upload id: ${id}`);
    return join(this.directory, id);
  }

  read(id: string) {
    return createReadStream(this.path(id));
  }

  async sha256(id: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of this.read(id)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /** Deletes the bytes and the metadata; either may already be gone (idempotent). */
  async remove(id: string): Promise<void> {
    const path = this.path(id);
    await rm(path, { force: true });
    await rm(`${path}.json`, { force: true });
  }

  async list(): Promise<StoredBlob[]> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    const ids = new Set(names.map((n) => n.replace(/\.json$/, '')).filter(isUploadId));
    const blobs: StoredBlob[] = [];
    for (const id of ids) {
      const times = await Promise.all(
        [this.path(id), `${this.path(id)}.json`].map((p) =>
          stat(p).then(
            (s) => s.mtimeMs,
            () => 0,
          ),
        ),
      );
      blobs.push({ id, modifiedAt: new Date(Math.max(...times)) });
    }
    return blobs;
  }
}
