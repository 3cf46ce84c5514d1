import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'qabyldau-forms-'));
let seq = 0;

/** Writes the PDF to a temp file and returns its path. */
export function writeTempPdf(pdf: Uint8Array, name = 'form'): string {
  const path = join(dir, `${name}-${seq++}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

export function pdftotext(path: string, mode: '-layout' | '-raw'): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', mode, path, '-'], { encoding: 'utf8' });
}

export interface WordBox {
  word: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box in points, from `pdftotext -bbox`. */
export function wordBoxes(path: string): { pages: { width: number; height: number }[]; words: WordBox[] } {
  const html = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', path, '-'], { encoding: 'utf8' });
  const pages: { width: number; height: number }[] = [];
  const words: WordBox[] = [];
  for (const chunk of html.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk);
    pages.push({ width: Number(size?.[1]), height: Number(size?.[2]) });
    for (const m of chunk.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      words.push({
        page: pages.length,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        word: m[5] ?? '',
      });
    }
  }
  return { pages, words };
}

/** Renders one page to a greyscale PNG with pdftoppm and returns the PNG path. */
export function rasterise(path: string, dpi: number, page = 1): string {
  const out = path.replace(/\.pdf$/, `-r${dpi}`);
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    path,
    out,
  ]);
  return `${out}.png`;
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Collapses all whitespace, so a label wrapped over lines still matches its one-line source. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}
