// `npm start`: the embedded reference API plus the workstation — an Electron window when the binary is
// available, otherwise the same host services on the loopback transport for a Chromium tab.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildServer } from '../server/app';
import { hostConfigFromEnv } from '../electron/config';
import { createHostServices } from '../electron/host/services';
import { startLoopbackHost } from '../electron/host/loopback-server';
import { devCentreCredentials } from './dev/centre-credentials';
import { findElectronBinary } from './dev/electron-binary';
import pkg from '../package.json' with { type: 'json' };

const dataDir = resolve(process.env.QABYLDAU_DATA_DIR ?? '.data');
const centre = devCentreCredentials(join(dataDir, 'centre.json'));
const apiPort = Number(process.env.QABYLDAU_API_PORT ?? 8787);

const server = await buildServer({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: join(dataDir, 'server', 'db'),
  centres: [centre],
});
const apiUrl = await server.app.listen({ host: '127.0.0.1', port: apiPort });
console.log(`Reference licensing API: ${apiUrl} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`);

const env = {
  ...process.env,
  QABYLDAU_API_URL: `${apiUrl}/`,
  QABYLDAU_CENTRE_ID: centre.id,
  QABYLDAU_CENTRE_KEY: centre.key,
};
const shutdown: Array<() => Promise<void>> = [() => server.close()];
const stop = () => void Promise.allSettled(shutdown.map((f) => f())).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const electron = findElectronBinary();
if (electron) {
  const build = spawn(process.execPath, ['--import', 'tsx', 'build/build-electron.ts'], { stdio: 'inherit' });
  await new Promise((r) => build.on('exit', r));
  const child = spawn(electron, ['.'], { stdio: 'inherit', env: { ...env, QABYLDAU_DATA_DIR: join(dataDir, 'workstation') } });
  child.on('exit', stop);
} else {
  console.log('Electron binary not available here; serving the workstation on the loopback transport instead.');
  const config = hostConfigFromEnv(env, {
    appVersion: pkg.version,
    dataDir: join(dataDir, 'workstation'),
    rendererDir: resolve('dist/renderer'),
  });
  const host = await startLoopbackHost({
    services: createHostServices({ ...config, dataDir: join(dataDir, 'workstation') }, 'loopback'),
    rendererDir: config.rendererDir,
    apiUrl: config.apiUrl,
    port: Number(process.env.QABYLDAU_PORT ?? 5190),
  });
  shutdown.push(() => host.close());
  console.log(`Qabyldau workstation: ${host.url}  (open it in Chromium)`);
}
