import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Everything the host writes (scan pages, caches, logs, keys) is readable by the desk's OS account only: folders
 * 0700, files 0600, whatever the umask. Files are written to a temporary name and renamed, so a reader — another
 * request, a crash-restart — sees the old file or the new one, never half of one.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is filtered by the umask and ignored for folders that already exist.
  await chmod(dir, PRIVATE_DIR_MODE);
}

let counter = 0;

export async function writePrivateFile(path: string, data: Uint8Array | string): Promise<void> {
  await ensurePrivateDir(dirname(path));
  const tmp = `${path}.${process.pid}.${++counter}.tmp`;
  try {
    const handle = await open(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
