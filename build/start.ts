// `npm start`: the embedded reference API plus the workstation — an Electron window when the binary is
// available, otherwise the same host services on the loopback transport for a Chromium tab.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildServer } from '../server/app';
import { hostConfigFromEnv } from '../electron/config';
import { createHost } from '../electron/host/services';
import { ensureTestPki } from './pki/generate-test-pki';
import { devLicensorCredentials, ensureLicensorPki } from './pki/licensor-test-pki';
import { startLoopbackHost } from '../electron/host/loopback-server';
import { devCentreCredentials } from './dev/centre-credentials';
import { provisionDevWorkstation } from './dev/provision-workstation';
import { findElectronBinary } from './dev/electron-binary';
import pkg from '../package.json' with { type: 'json' };

const dataDir = resolve(process.env.QABYLDAU_DATA_DIR ?? '.data');
const centre = devCentreCredentials(join(dataDir, 'centre.json'));
const apiPort = Number(process.env.QABYLDAU_API_PORT ?? 8787);
const workstationDir = join(dataDir, 'workstation');
await provisionDevWorkstation(workstationDir, centre);

// A TEST PKI (clearly labelled, password Qwerty12) so the workstation can sign out of the box; the operator's
// TEST certificate is dropped into the workstation's inbox, where the certificate screen offers it.
const pki = await ensureTestPki(join(dataDir, 'test-pki'));
const pkiFile = (name: string) => join(pki.dir, name);
await mkdir(join(workstationDir, 'inbox'), { recursive: true });
for (const name of ['operator', 'legalEntity'] as const)
  await copyFile(pkiFile(pki.certs[name].p12), join(workstationDir, 'inbox', `TEST-${name}.p12`));

// A TEST licensor key signs decisions; the workstation trusts its CA from its trust folder.
const licensorPki = await ensureLicensorPki(join(dataDir, 'licensor-pki'));
const licensor = devLicensorCredentials(join(dataDir, 'licensor.json'));
await mkdir(join(workstationDir, 'trust'), { recursive: true });
await copyFile(join(licensorPki.dir, licensorPki.caCertPem), join(workstationDir, 'trust', 'licensor-ca.pem'));

const server = await buildServer({
  licensor: { licensors: [licensor], signer: { certPem: join(licensorPki.dir, licensorPki.certPem), keyPem: join(licensorPki.dir, licensorPki.keyPem) } },
  databaseUrl: process.env.DATABASE_URL,
  dataDir: join(dataDir, 'server', 'db'),
  centres: [centre],
  signatures: {
    trustedCaPems: [await readFile(pkiFile(pki.caCertPem), 'utf8')],
    crlFiles: [pkiFile(pki.crlDer)],
    required: true,
  },
});
const apiUrl = await server.app.listen({ host: '127.0.0.1', port: apiPort });
console.log(`Reference licensing API: ${apiUrl} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`);

const env = {
  ...process.env,
  QABYLDAU_API_URL: `${apiUrl}/`,
  QABYLDAU_TRUSTED_CA: pkiFile(pki.caCertPem),
  QABYLDAU_CRL_URL: `${apiUrl}/pki/crl`,
};
console.log(`TEST operator certificate: ИИН ${pki.operatorIin}, password ${pki.certs.operator.password} (test keys only)`);
const shutdown: Array<() => Promise<void>> = [() => server.close()];
const stop = () => void Promise.allSettled(shutdown.map((f) => f())).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

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
