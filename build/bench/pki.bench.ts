// TEST PKI generation (`npm start` on a fresh data folder, and the PKI tests' setup), beside the 8 s goal that used
// to be asserted in build/pki/generate-test-pki.test.ts — a wall-clock assertion that failed on a loaded machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestPki } from '../pki/generate-test-pki';
import type { BenchFigure } from './types';

export default async function pkiBench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qabyldau-pki-bench-'));
  try {
    const started = performance.now();
    await generateTestPki(dir);
    return [{ name: 'TEST PKI generation', value: performance.now() - started, unit: 'ms', baseline: { name: 'goal', value: 8000 } }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
