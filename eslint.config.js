// Layering rules (what may import what), checked in CI like VS Code's layer checks:
//   shared/   isomorphic domain: no DOM globals, no Node, no Electron, no React, no Dexie, no other layer
//   renderer/ browser only: shared/ and browser libraries; never Node, Electron, server/ or electron/
//   electron/ main process: shared/ and Node; only main.ts, preload.ts and ipc.ts may import 'electron'
//   server/   reference API: shared/ and Node; never Electron, renderer/ or electron/
// and every package in package.json is classified by runtime (build/lint/dependency-runtimes.js): an unclassified
// package or one imported from a runtime it does not run in fails the lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import { dependencyRuntimeRule } from './build/lint/dependency-runtime-rule.js';
import { readPackageJson, unclassifiedDependencies } from './build/lint/dependency-runtimes.js';

const { unclassified, stale } = unclassifiedDependencies(readPackageJson());
if (unclassified.length > 0 || stale.length > 0) {
  throw new Error(
    `build/lint/dependency-runtimes.js is out of date with package.json: unclassified ${JSON.stringify(unclassified)}, no longer declared ${JSON.stringify(stale)}.`,
  );
}

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (name) => ({ group: [`**/${name}/**`, `../${name}`, `../../${name}`], message: `Layer rule: this folder may not import ${name}/.` });
const restrictGlobals = (names, message) => ['error', ...names.map((name) => ({ name, message }))];
const nodeGlobals = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module', 'setImmediate'];
const domGlobals = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB'];
const layeringPlugin = { rules: { 'dependency-runtime': dependencyRuntimeRule } };
const runtime = (files, name, ignores = []) => ({
  files,
  ignores,
  plugins: { layering: layeringPlugin },
  rules: { 'layering/dependency-runtime': ['error', { runtime: name }] },
});
const testFiles = ['**/*.test.{ts,tsx}', '**/*.testkit.ts', '**/testkit/**', 'e2e/**', 'shared/catalogue/test-seeds.ts'];
const electronOnlyInGlue = { name: 'electron', message: "Layer rule: only electron/main.ts, preload.ts and ipc.ts import 'electron'; put logic in a plain module." };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Layer rule: shared/ is isomorphic; no Node APIs.' })),
            { name: 'electron', message: 'Layer rule: shared/ is isomorphic; no Electron.' },
            { name: 'react', message: 'Layer rule: shared/ has no UI.' },
            { name: 'dexie', message: 'Layer rule: storage lives in renderer/.' },
          ],
          patterns: [layer('electron'), layer('renderer'), layer('server')],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'process', 'Buffer', '__dirname', 'require'].map(
          (name) => ({ name, message: 'Layer rule: shared/ is isomorphic; no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Layer rule: renderer/ runs in the browser sandbox; no Node APIs.' })),
            { name: 'electron', message: 'Layer rule: the renderer reaches the host only through the host bridge.' },
          ],
          patterns: [layer('electron'), layer('server')],
        },
      ],
      'no-restricted-globals': restrictGlobals(nodeGlobals, 'Layer rule: renderer/ runs in the browser sandbox; no Node globals.'),
    },
  },
  {
    files: ['electron/**/*.ts', 'server/**/*.ts'],
    rules: { 'no-restricted-globals': restrictGlobals(domGlobals, 'Layer rule: this runs in Node; there is no DOM.') },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInGlue], patterns: [layer('renderer'), layer('server')] }],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('renderer'), layer('server')] }] },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInGlue], patterns: [layer('renderer'), layer('electron')] }],
    },
  },
  runtime(['shared/**'], 'shared'),
  runtime(['renderer/**'], 'renderer', ['renderer/vite.config.ts']),
  runtime(['electron/**'], 'electron'),
  runtime(['server/**'], 'server'),
  runtime(['build/**', 'renderer/vite.config.ts', '*.config.{ts,js}'], 'build'),
  runtime(testFiles, 'test'),
  {
    // Tests (and their kits) run under Node — they read seeds, call pdftotext/openssl, start the reference API
    // to test the renderer's sync against it — and are never shipped, so the runtime layer rules don't apply.
    files: ['{shared,renderer}/**/*.test.{ts,tsx}', '{shared,renderer}/**/*.testkit.ts', ...testFiles],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
