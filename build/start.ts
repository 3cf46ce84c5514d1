// `npm start`: the reference API and the workstation as two processes, started by one command — an Electron
// window when the binary is available, otherwise the same host services on the loopback transport for Chromium.
// The API runs as `server/main.ts` with the development configuration (build/dev/api-env.ts); stop just that
// process to see the workstation offline, and bring it back with `npm run start:api` (README).
import { spawn } from 'node:child_process';
import { copyFile, mkdir, writeFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hostConfigFromEnv } from '../electron/config';
import { createHost } from '../electron/host/services';
import { startLoopbackHost } from '../electron/host/loopback-server';
import { devApiEnv } from './dev/api-env';
import { spawnApi } from './dev/api-process';
import { provisionDevWorkstation } from './dev/provision-workstation';
import { findElectronBinary } from './dev/electron-binary';
import pkg from '../package.json' with { type: 'json' };

const dataDir = resolve(process.env.QABYLDAU_DATA_DIR ?? '.data');
const apiPort = Number(process.env.QABYLDAU_API_PORT ?? 8787);
const workstationDir = join(dataDir, 'workstation');

// TEST PKIs (clearly labelled, password Qwerty12) so the workstation can sign out of the box; the operator's
// TEST certificate is dropped into the workstation's inbox, where the certificate screen offers it, and the TEST
// licensor's CA into its trust folder.
const { env: apiEnv, pki, licensorPki, centre } = await devApiEnv(dataDir, apiPort);
// The desk's centre key is enrolled through the provisioning file the host consumes and seals (never an env var).
await provisionDevWorkstation(workstationDir, centre);
const pkiFile = (name: string) => join(pki.dir, name);
await mkdir(join(workstationDir, 'inbox'), { recursive: true });
for (const name of ['operator', 'legalEntity'] as const)
  await copyFile(pkiFile(pki.certs[name].p12), join(workstationDir, 'inbox', `TEST-${name}.p12`));
await mkdir(join(workstationDir, 'trust'), { recursive: true });
await copyFile(join(licensorPki.dir, licensorPki.caCertPem), join(workstationDir, 'trust', 'licensor-ca.pem'));

const api = await spawnApi(apiEnv);
const apiUrl = api.url;
const apiPidFile = join(dataDir, 'api.pid');
await writeFile(apiPidFile, `${api.child.pid}\n`);
console.log(`Reference licensing API: ${apiUrl} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}), process ${api.child.pid}`);
console.log(`  to try the workstation offline: kill $(cat ${apiPidFile})   — to bring the API back: npm run start:api`);
let apiRunning = true;
api.child.on('exit', (code, signal) => {
  apiRunning = false;
  console.log(`Reference licensing API stopped (${signal ?? `code ${code}`}); the workstation keeps running offline.`);
});

const env = {
  ...process.env,
  QABYLDAU_API_URL: `${apiUrl}/`,
  QABYLDAU_TRUSTED_CA: pkiFile(pki.caCertPem),
  QABYLDAU_CRL_URL: `${apiUrl}/pki/crl`,
};
console.log(`TEST operator certificate: ИИН ${pki.operatorIin}, password ${pki.certs.operator.password} (test keys only)`);
const stopApi = async () => {
  await rm(apiPidFile, { force: true });
  if (!apiRunning) return;
  const exited = new Promise((r) => api.child.once('exit', r));
  api.child.kill('SIGTERM');
  await exited;
};
const shutdown: Array<() => Promise<void>> = [stopApi];
const stop = () => void Promise.allSettled(shutdown.map((f) => f())).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// never leave the API behind, whatever ends this process
process.on('exit', () => {
  if (apiRunning) api.child.kill('SIGTERM');
});

const electron = findElectronBinary();
if (electron) {
  const build = spawn(process.execPath, ['--import', 'tsx', 'build/build-electron.ts'], { stdio: 'inherit' });
  await new Promise((r) => build.on('exit', r));
  const child = spawn(electron, ['.'], { stdio: 'inherit', env: { ...env, QABYLDAU_DATA_DIR: workstationDir } });
  child.on('exit', stop);
} else {
  console.log('Electron binary not available here; serving the workstation on the loopback transport instead.');
  const config = hostConfigFromEnv(
    { ...env, QABYLDAU_DATA_DIR: workstationDir },
    { appVersion: pkg.version, rendererDir: resolve('dist/renderer') },
  );
  const { services } = await createHost(config, 'loopback');
  const host = await startLoopbackHost({
    services,
    rendererDir: config.rendererDir,
    apiUrl: config.apiUrl,
    port: Number(process.env.QABYLDAU_PORT ?? 5190),
    // e2e chooses the first one-time code itself and hands it to its browser; it is spent like any other.
    ...(process.env.QABYLDAU_BOOTSTRAP_CODE ? { presetBootstrapCode: process.env.QABYLDAU_BOOTSTRAP_CODE } : {}),
  });
  shutdown.push(() => host.close());
  console.log(`Qabyldau workstation: ${host.url}`);
  console.log(`Open this one-time sign-in link in Chromium (it works once; restart for a new one): ${host.bootstrapUrl()}`);
}
