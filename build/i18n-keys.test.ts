import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../shared/i18n/translate';

// Every literal i18n key the code names ('ns:key' in quotes) must exist in both locales.
const roots = ['shared', 'renderer/src', 'electron', 'server'];
const namespaces = 'common|errors|identity|catalogue|intake|outbox|signing|scanning|forms|print|register';
const keyPattern = new RegExp(`['"\`]((?:${namespaces}):[A-Za-z0-9_.-]+)['"\`]`, 'g');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('i18n keys used in code', () => {
  it('exist in Kazakh and Russian', async () => {
    const used = new Set<string>();
    for (const root of roots)
      for (const file of files(root)) for (const m of readFileSync(file, 'utf8').matchAll(keyPattern)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(20);
    for (const lang of ['kk', 'ru'] as const) {
      const i18n = await createI18n(lang);
      const missing = [...used].filter((k) => !k.endsWith('.') && !i18n.exists(k) && !i18n.exists(`${k}_other`));
      expect(missing, `${lang} is missing`).toEqual([]);
    }
  });
});
