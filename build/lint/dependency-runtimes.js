// Every package in package.json, classified by the runtimes that may import it (Signal Desktop keeps such a
// table too). A new dependency fails the lint until it is added here, so "which layer may use it" is decided
// once, in review, instead of by whoever imports it first.
//
// Runtimes: shared (isomorphic domain), renderer (Chromium sandbox), electron (main process), server (reference
// API), build (scripts, configs, benchmarks). Tests and test kits run under Node and may import any classified
// package; `types` packages are never imported, only named in a tsconfig.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {'shared' | 'renderer' | 'electron' | 'server' | 'build'} Runtime */

/** @type {Record<string, readonly Runtime[] | 'types' | 'test'>} */
export const dependencyRuntimes = {
  // Runtime dependencies
  '@electric-sql/pglite': ['server'],
  '@fastify/cors': ['server'],
  '@pdf-lib/fontkit': ['shared'],
  '@tanstack/react-query': ['renderer'],
  '@tus/file-store': ['server'],
  '@tus/server': ['server'],
  asn1js: ['shared', 'electron', 'server'],
  canonicalize: ['shared'],
  'content-disposition': ['server'],
  dexie: ['renderer'],
  'dexie-react-hooks': ['renderer'],
  fastify: ['server'],
  i18next: ['shared', 'renderer'],
  kysely: ['server'],
  'node-forge': ['electron', 'build'],
  'pdf-lib': ['shared', 'renderer', 'electron'],
  pg: ['server'],
  pkijs: ['shared', 'electron', 'server'],
  'prom-client': ['server'],
  qrcode: ['shared'],
  react: ['renderer'],
  'react-dom': ['renderer'],
  'react-i18next': ['renderer'],
  sharp: ['electron', 'build'],
  'tus-js-client': ['renderer'],
  zod: ['shared', 'renderer', 'electron', 'server', 'build'],
  // Bundled into the renderer or its service worker by Vite
  'workbox-precaching': ['renderer'],
  'workbox-routing': ['renderer'],
  'workbox-strategies': ['renderer'],
  'workbox-window': ['renderer'],
  // Tooling
  '@eslint/js': ['build'],
  '@vitejs/plugin-react': ['build'],
  // Only the three glue files import it; the existing no-restricted-imports rule narrows electron/ further.
  electron: ['electron', 'build'],
  'electron-builder': ['build'],
  esbuild: ['build'],
  eslint: ['build'],
  'eslint-plugin-react-hooks': ['build'],
  prettier: ['build'],
  tsx: ['build'],
  typescript: ['build'],
  'typescript-eslint': ['build'],
  vite: ['build'],
  'vite-plugin-pwa': ['build', 'renderer'],
  'workbox-build': ['build'],
  // The benchmarks drive the renderer's sync engine under Node, as the tests do.
  'fake-indexeddb': ['build'],
  // Test-only
  '@playwright/test': 'test',
  'happy-dom': 'test',
  // Its config is a build file; the tests import it too, as they may import anything.
  vitest: ['build'],
  // Type declarations, named in tsconfig files, never imported
  '@types/content-disposition': 'types',
  '@types/node': 'types',
  '@types/node-forge': 'types',
  '@types/pg': 'types',
  '@types/qrcode': 'types',
  '@types/react': 'types',
  '@types/react-dom': 'types',
};

/** The package a bare import specifier names, or null for relative paths, aliases, built-ins and virtual modules. */
export function packageOf(specifier) {
  if (/^(\.|\/|@shared\/|node:|virtual:)/.test(specifier)) return null;
  const parts = specifier.split('?')[0].split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** package.json entries missing from the table, and table entries no longer in package.json. */
export function unclassifiedDependencies(packageJson, table = dependencyRuntimes) {
  const declared = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies });
  return {
    unclassified: declared.filter((name) => !(name in table)),
    stale: Object.keys(table).filter((name) => !declared.includes(name)),
  };
}

export function readPackageJson(path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json')) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
