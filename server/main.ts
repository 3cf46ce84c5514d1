// Standalone reference API: `tsx server/main.ts`. Configuration: server/config/api-config.ts (README "Reference
// API configuration"). Without trust anchors it refuses to start with one line on stderr and exit code 78.
import { buildServer } from './app';
import { installGracefulShutdown } from './ops/shutdown';
import { readFile } from 'node:fs/promises';
import { ApiConfigError, loadApiConfig, serverOptionsFromConfig } from './config/api-config';
import { recordPayments } from './payments/gateway';

const EX_CONFIG = 78;

let server: Awaited<ReturnType<typeof buildServer>>;
let config: Awaited<ReturnType<typeof loadApiConfig>>;
try {
  config = await loadApiConfig(process.env);
  server = await buildServer(await serverOptionsFromConfig(config));
} catch (error) {
  if (!(error instanceof ApiConfigError)) throw error;
  console.error(`qabyldau API refuses to start: ${error.message}`);
  process.exit(EX_CONFIG);
}
// Development only (`npm start` sets it): sample payments for the reference payment gateway, recorded once.
if (process.env.QABYLDAU_DEV_PAYMENTS_FILE) {
  const payments = JSON.parse(await readFile(process.env.QABYLDAU_DEV_PAYMENTS_FILE, 'utf8')) as Parameters<typeof recordPayments>[1];
  await recordPayments(server.db, payments);
  console.log(`Sample payments for the payment check (dev): ${payments.length}, listed in ${process.env.QABYLDAU_DEV_PAYMENTS_FILE}`);
}
const url = await server.app.listen({ host: config.host, port: config.port });
console.log(`Reference licensing API: ${url} (${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}); verification links: ${server.publicBaseUrl()}`);
// a parent that started this process (build/start.ts) waits for this instead of polling the port
process.send?.({ type: 'ready', url });
installGracefulShutdown(server);
