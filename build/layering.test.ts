import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules are only worth something if adding a forbidden import fails the lint: prove it.
const eslint = new ESLint();
async function messages(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals');
}

describe('layering lint rules', () => {
  it.each([
    ['shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/probe.ts', "import fs from 'fs';\nexport const x = fs;\n"],
    ['shared/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['shared/probe.ts', 'export const x = window.location.href;\n'],
    ['shared/probe.ts', 'export const x = Buffer.from("a");\n'],
    ['shared/probe.ts', "import { Outbox } from '../renderer/src/outbox/outbox';\nexport const x = Outbox;\n"],
    ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/src/probe.ts', "import { buildServer } from '../../server/app';\nexport const x = buildServer;\n"],
    ['electron/host/probe.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n"],
    ['server/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('%s rejects: %s', async (file, code) => {
    expect((await messages(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/probe.ts', "import { z } from 'zod';\nexport const x = z.string();\n"],
    ['electron/main.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/host/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/probe.ts', "import { z } from 'zod';\nexport const x = z;\n"],
  ])('%s allows: %s', async (file, code) => {
    expect(await messages(file, code)).toEqual([]);
  });
});
