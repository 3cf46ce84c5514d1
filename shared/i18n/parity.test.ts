import { describe, expect, it } from 'vitest';
import { namespaces, resources } from './resources';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const baseKeys = (tree: unknown) => new Set(keys(tree).map((k) => k.replace(pluralSuffix, '')));

describe('locales', () => {
  it.each(namespaces)('namespace %s has the same keys in Kazakh and Russian', (ns) => {
    const kk = baseKeys(resources.kk[ns]);
    const ru = baseKeys(resources.ru[ns]);
    expect([...kk].filter((k) => !ru.has(k)), 'missing in ru').toEqual([]);
    expect([...ru].filter((k) => !kk.has(k)), 'missing in kk').toEqual([]);
  });

  it('has no empty strings', () => {
    for (const lang of ['kk', 'ru'] as const)
      for (const ns of namespaces)
        for (const key of keys(resources[lang][ns])) {
          const value = key.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown>)[k], resources[lang][ns]);
          expect(value, `${lang}/${ns}:${key}`).not.toBe('');
        }
  });
});
