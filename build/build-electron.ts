// Bundles the main process and preload into CommonJS for Electron (sandboxed preloads cannot load ESM or modules).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  logLevel: 'info' as const,
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
