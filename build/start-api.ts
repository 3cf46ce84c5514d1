// `npm run start:api`: the reference API alone with the development configuration `npm start` uses (same port,
// data and TEST PKI), e.g. to bring the API back after stopping it to see the workstation work offline.
import { resolve } from 'node:path';
import { devApiEnv } from './dev/api-env';

const dataDir = resolve(process.env.QABYLDAU_DATA_DIR ?? '.data');
const { env } = await devApiEnv(dataDir, Number(process.env.QABYLDAU_API_PORT ?? 8787));
Object.assign(process.env, env);
await import('../server/main');
