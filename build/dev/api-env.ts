import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureTestPki } from '../pki/generate-test-pki';
import { devLicensorCredentials, ensureLicensorPki } from '../pki/licensor-test-pki';
import { devCentreCredentials } from './centre-credentials';
import { devSamplePayments } from './dev-data';

/**
 * The development configuration of the reference API, as the environment `server/main.ts` reads (README
 * "Reference API configuration"): the TEST PKIs (operators' CA + CRL, licensor key), the dev centre and licensor.
 * `npm start` and `npm run start:api` both use it, so the API they start is the one the README describes.
 */
export async function devApiEnv(dataDir: string, apiPort: number) {
  const pki = await ensureTestPki(join(dataDir, 'test-pki'));
  const licensorPki = await ensureLicensorPki(join(dataDir, 'licensor-pki'));
  const centre = devCentreCredentials(join(dataDir, 'centre.json'));
  const licensor = devLicensorCredentials(join(dataDir, 'licensor.json'));
  await mkdir(join(dataDir, 'server'), { recursive: true });
  // sample payments the API records at start, so every fee-bearing service can pass the payment check by hand
  const paymentsFile = join(dataDir, 'server', 'dev-payments.json');
  await writeFile(paymentsFile, `${JSON.stringify(devSamplePayments(new Date().toISOString().slice(0, 10)), null, 2)}\n`, { mode: 0o600 });
  const env: Record<string, string> = {
    QABYLDAU_API_PORT: String(apiPort),
    QABYLDAU_API_HOST: '127.0.0.1',
    QABYLDAU_SERVER_DATA: join(dataDir, 'server', 'db'),
    QABYLDAU_UPLOADS_DIR: join(dataDir, 'server', 'uploads'),
    QABYLDAU_TRUSTED_CA: join(pki.dir, pki.caCertPem),
    QABYLDAU_CRL_FILE: join(pki.dir, pki.crlDer),
    CENTRES_JSON: JSON.stringify([centre]),
    LICENSORS_JSON: JSON.stringify([licensor]),
    LICENSOR_CERT: join(licensorPki.dir, licensorPki.certPem),
    LICENSOR_KEY: join(licensorPki.dir, licensorPki.keyPem),
    QABYLDAU_API_LOG_LEVEL: 'warn',
    QABYLDAU_DEV_PAYMENTS_FILE: paymentsFile,
  };
  return { env, pki, licensorPki, centre };
}
