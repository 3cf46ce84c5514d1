import { ESLint } from 'eslint';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readPackageJson, unclassifiedDependencies } from './lint/dependency-runtimes.js';

// The layering rules are only worth something if adding a forbidden import fails the lint: prove it.
const eslint = new ESLint();
const layeringRules = new Set(['no-restricted-imports', 'no-restricted-globals', 'layering/dependency-runtime']);
async function messages(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && layeringRules.has(m.ruleId));
}

describe('layering lint rules', () => {
  it.each([
    ['shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/probe.ts', "import fs from 'fs';\nexport const x = fs;\n"],
    ['shared/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['shared/probe.ts', 'export const x = window.location.href;\n'],
    ['shared/probe.ts', 'export const x = Buffer.from("a");\n'],
    ['shared/probe.ts', "import { Outbox } from '../renderer/src/outbox/outbox';\nexport const x = Outbox;\n"],
    ['shared/probe.ts', "import sharp from 'sharp';\nexport const x = sharp;\n"],
    ['shared/probe.ts', "import pg from 'pg';\nexport const x = pg;\n"],
    ['shared/probe.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n"],
    ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/src/probe.ts', "import { buildServer } from '../../server/app';\nexport const x = buildServer;\n"],
    ['renderer/src/probe.ts', "import Fastify from 'fastify';\nexport const x = Fastify;\n"],
    ['renderer/src/probe.ts', "const x = await import('sharp');\nexport { x };\n"],
    ['renderer/src/probe.ts', 'export const x = Buffer.from("a");\n'],
    ['renderer/src/probe.ts', 'export const x = process.env.HOME;\n'],
    ['electron/host/probe.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n"],
    ['electron/host/probe.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['electron/host/probe.ts', 'export const x = document.title;\n'],
    ['server/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['server/probe.ts', 'export const x = window.location.href;\n'],
    ['server/probe.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
    // A package nobody classified (undeclared, or added without deciding where it may run) fails everywhere.
    ['server/probe.ts', "import leftPad from 'left-pad';\nexport const x = leftPad;\n"],
    ['shared/probe.test.ts', "import leftPad from 'left-pad';\nexport const x = leftPad;\n"],
    ['build/probe.ts', "export { default } from 'left-pad';\n"],
  ])('%s rejects: %s', async (file, code) => {
    expect((await messages(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/probe.ts', "import { z } from 'zod';\nexport const x = z.string();\n"],
    ['shared/probe.ts', "import { PDFDocument } from 'pdf-lib';\nexport const x = PDFDocument;\n"],
    ['electron/main.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/host/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['electron/host/probe.ts', "import sharp from 'sharp';\nexport const x = sharp;\nexport const y = Buffer.alloc(1);\n"],
    ['renderer/src/probe.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['renderer/src/probe.ts', "import { useState } from 'react';\nexport const x = useState;\nexport const y = window.location.href;\n"],
    ['server/probe.ts', "import pg from 'pg';\nexport const x = pg;\nexport const y = process.env.PORT;\n"],
    ['server/probe.test.ts', "import { ApiClient } from '../renderer/src/api/client';\nexport const x = ApiClient;\n"],
  ])('%s allows: %s', async (file, code) => {
    expect(await messages(file, code)).toEqual([]);
  });
});

describe('dependency classification', () => {
  it('classifies every package in package.json, and nothing else', () => {
    expect(unclassifiedDependencies(readPackageJson())).toEqual({ unclassified: [], stale: [] });
  });

  it('names a newly added package until someone classifies it', () => {
    const probe = readPackageJson();
    probe.dependencies = { ...probe.dependencies, 'left-pad': '^1.3.0' };
    expect(unclassifiedDependencies(probe).unclassified).toEqual(['left-pad']);
  });
});

// The per-runtime tsconfigs: the same globals, type-checked as the runtime's config sees them.
function typeErrors(tsconfig: string, code: string): string[] {
  const root = process.cwd();
  const { config } = ts.readConfigFile(join(root, tsconfig), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const probe = join(root, 'layering-probe.ts');
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => (name === probe ? ts.createSourceFile(name, code, lang) : getSourceFile(name, lang));
  // The probe alone plus the config's ambient declarations; the real sources are checked by `npm run typecheck`.
  const roots = [probe, ...parsed.fileNames.filter((f) => f.endsWith('.d.ts'))];
  const program = ts.createProgram(roots, parsed.options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

describe('per-runtime type checking', () => {
  it.each([
    ['tsconfig.shared.json', 'export const x = window.location.href;'],
    ['tsconfig.shared.json', 'export const x = document.title;'],
    ['tsconfig.shared.json', 'export const x = Buffer.from("a");'],
    ['tsconfig.shared.json', 'export const x = process.env;'],
    ['tsconfig.renderer.json', 'export const x = Buffer.from("a");'],
    ['tsconfig.renderer.json', 'export const x = process.env;'],
    ['tsconfig.renderer.json', 'export const x = __dirname;'],
    ['tsconfig.node.json', 'export const x = window.location.href;'],
    ['tsconfig.node.json', 'export const x = document.title;'],
    ['tsconfig.node.json', 'export const x = localStorage;'],
  ])('%s rejects: %s', (tsconfig, code) => {
    expect(typeErrors(tsconfig, code).join('\n')).toMatch(/Cannot find name/);
  });

  it.each([
    ['tsconfig.shared.json', 'export const x = new TextEncoder().encode("a"); export const y = globalThis.crypto.subtle; export const z = new URL("https://a.kz/");'],
    ['tsconfig.renderer.json', 'export const x = window.location.href; export const y = document.title;'],
    ['tsconfig.node.json', 'export const x = Buffer.from("a"); export const y = process.env;'],
  ])('%s allows: %s', (tsconfig, code) => {
    expect(typeErrors(tsconfig, code)).toEqual([]);
  });
});
