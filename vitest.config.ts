import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    // Node is the default; renderer tests that need a DOM opt in with `// @vitest-environment happy-dom`.
    environment: 'node',
    include: ['{shared,electron,renderer,server,build}/**/*.test.{ts,tsx}'],
    // Hang guards, not timing assertions: on a shared 2-core box at load 30 a test PKI (openssl) or a child API
    // process can take minutes to set up; tests wait for events, and these only stop a test that never ends.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
