import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
};

/** Resolves a URL path inside the renderer bundle; paths escaping it and unknown files fall back to index.html. */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<{ body: Buffer; type: string; status: number }> {
  const root = normalize(rendererDir);
  const file = normalize(join(root, decodeURIComponent(urlPath)));
  if (file.startsWith(root + sep) && extname(file)) {
    try {
      return { body: await readFile(file), type: types[extname(file)] ?? 'application/octet-stream', status: 200 };
    } catch {
      return { body: Buffer.from('not found'), type: 'text/plain', status: 404 };
    }
  }
  return { body: await readFile(join(root, 'index.html')), type: types['.html']!, status: 200 };
}
