// Standalone reference API: `tsx server/main.ts`. Configuration: server/config/api-config.ts (README "Reference
// API configuration"). Without trust anchors it refuses to start with one line on stderr and exit code 78.
import { buildServer } from './app';
import { installGracefulShutdown } from './ops/shutdown';
import { ApiConfigError, loadApiConfig, serverOptionsFromConfig } from './config/api-config';

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
const url = await server.app.listen({ host: config.host, port: config.port });
console.log(`Reference licensing API: ${url} (${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}); verification links: ${server.publicBaseUrl()}`);
// a parent that started this process (build/start.ts) waits for this instead of polling the port
process.send?.({ type: 'ready', url });
installGracefulShutdown(server);
