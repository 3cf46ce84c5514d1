import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    // Node is the default; renderer tests that need a DOM opt in with `// @vitest-environment happy-dom`.
    environment: 'node',
    include: ['{shared,electron,renderer,server,build}/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
