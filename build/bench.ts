// `npm run bench`: runs every build/bench/*.bench.ts (default export: Bench) and prints figures and ratios.
// Speed and memory goals live here, never in timed unit tests.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchFigure } from './bench/types';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
// `npm run bench -- sync --quick`: the first plain argument filters files; flags are left to the benches.
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

function format(f: BenchFigure): string {
  const value = `${f.value.toFixed(f.value < 10 ? 3 : 1)} ${f.unit}`;
  if (!f.baseline) return `  ${f.name}: ${value}`;
  const ratio = f.baseline.value === 0 ? 'n/a' : `${(f.value / f.baseline.value).toFixed(3)}×`;
  return `  ${f.name}: ${value}  (${f.baseline.name}: ${f.baseline.value.toFixed(1)} ${f.unit}; ratio ${ratio})`;
}

for (const file of files) {
  const mod = (await import(pathToFileURL(dir + file).href)) as { default: Bench };
  console.log(file.replace('.bench.ts', ''));
  for (const figure of await mod.default()) console.log(format(figure));
}
if (files.length === 0) console.log('no benchmarks matched');
