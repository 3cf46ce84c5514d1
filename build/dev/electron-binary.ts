import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Finds Electron's binary without letting `require('electron')` block on a download: the override path, an
 * already-downloaded binary, or one download attempt (which fails fast on a machine without internet).
 */
export function findElectronBinary(): string | null {
  if (process.env.QABYLDAU_NO_ELECTRON === '1') return null;
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const relative = () => (existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative());
    return existsSync(candidate) ? candidate : null;
  }
  const local = () => (existsSync(pathFile) ? join(pkgDir, 'dist', relative()) : null);
  const present = local();
  if (present && existsSync(present)) return present;
  const attempt = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  const downloaded = attempt.status === 0 ? local() : null;
  return downloaded && existsSync(downloaded) ? downloaded : null;
}
