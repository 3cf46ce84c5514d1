// Layering rules (what may import what), checked in CI like VS Code's layer checks:
//   shared/   isomorphic domain: no DOM globals, no Node, no Electron, no React, no Dexie, no other layer
//   renderer/ browser only: shared/ and browser libraries; never Node, Electron, server/ or electron/
//   electron/ main process: shared/ and Node; only main.ts, preload.ts and ipc.ts may import 'electron'
//   server/   reference API: shared/ and Node; never Electron, renderer/ or electron/
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (name) => ({ group: [`**/${name}/**`, `../${name}`, `../../${name}`], message: `Layer rule: this folder may not import ${name}/.` });
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
    },
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
  {
    // Tests (and their kits) run under Node — they read seeds, call pdftotext/openssl, start the reference API
    // to test the renderer's sync against it — and are never shipped, so the runtime layer rules don't apply.
    files: ['{shared,renderer}/**/*.test.{ts,tsx}', '{shared,renderer}/**/*.testkit.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
