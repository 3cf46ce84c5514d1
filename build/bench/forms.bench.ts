// Printed forms: warm render time of the state licence (issue 7 asks ≤ 100 ms) and the size of the PDF.
import { readFileSync } from 'node:fs';
import { renderForm } from '../../shared/forms/render';
import { sampleForms } from '../../shared/forms/samples';
import type { BenchFigure } from './types';

const fontsDir = new URL('../../shared/forms/fonts/', import.meta.url);
const RUNS = 40;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export default async function formsBench(): Promise<BenchFigure[]> {
  const options = {
    lang: 'kk' as const,
    font: new Uint8Array(readFileSync(new URL('DejaVuSans.ttf', fontsDir))),
    boldFont: new Uint8Array(readFileSync(new URL('DejaVuSans-Bold.ttf', fontsDir))),
  };
  // Warm-up: font parsing and the i18n instance are one-off costs of the first print in a session.
  const coldStart = performance.now();
  let pdf = await renderForm('licence', sampleForms.licence, options);
  const cold = performance.now() - coldStart;
  for (let i = 0; i < 5; i++) await renderForm('licence', sampleForms.licence, options);

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    pdf = await renderForm('licence', sampleForms.licence, options);
    times.push(performance.now() - t0);
  }
  const batchStart = performance.now();
  await Promise.all(Array.from({ length: 20 }, () => renderForm('licence', sampleForms.licence, options)));
  const batch = (performance.now() - batchStart) / 20;

  return [
    {
      name: `licence render, warm (median of ${RUNS})`,
      value: median(times),
      unit: 'ms',
      baseline: { name: 'goal', value: 100 },
    },
    {
      name: 'licence render, batch of 20 in parallel (per form)',
      value: batch,
      unit: 'ms',
      baseline: { name: 'goal', value: 100 },
    },
    { name: 'licence render, first in process (font parse)', value: cold, unit: 'ms' },
    { name: 'licence PDF size (subset fonts, QR)', value: pdf.length / 1024, unit: 'KiB' },
  ];
}
