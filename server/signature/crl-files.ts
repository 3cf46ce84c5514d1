import { readFile, stat } from 'node:fs/promises';

/**
 * The configured CRL files, read again only when one changes on disk. The CA publishes a new CRL by replacing the
 * file, so a check always sees the newest one without a restart; what it no longer does is read (and make the
 * verifier parse) every file on every submission. The key is (size, mtime, inode): a replacement by rename gets a
 * new inode, an in-place rewrite a new mtime. The same Uint8Array comes back while the file is unchanged, which is
 * what lets the verifier keep its parse of it (server/signature/verify.ts).
 */
interface Cached {
  key: string;
  bytes: Uint8Array;
}

const cache = new Map<string, Cached>();

export async function readCrlFiles(files: readonly string[]): Promise<Uint8Array[]> {
  return Promise.all(
    files.map(async (file) => {
      const s = await stat(file, { bigint: true });
      const key = `${s.size}:${s.mtimeNs}:${s.ino}:${s.ctimeNs}`;
      const hit = cache.get(file);
      if (hit?.key === key) return hit.bytes;
      const bytes = new Uint8Array(await readFile(file));
      cache.set(file, { key, bytes });
      return bytes;
    }),
  );
}
