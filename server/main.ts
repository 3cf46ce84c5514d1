// Standalone reference API: `tsx server/main.ts` (PORT, DATABASE_URL or QABYLDAU_SERVER_DATA, CENTRES_JSON).
import { buildServer } from './app';
import { installGracefulShutdown } from './ops/shutdown';

const port = Number(process.env.PORT ?? 8787);
const centres = process.env.CENTRES_JSON ? JSON.parse(process.env.CENTRES_JSON) : [];
const server = await buildServer({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.QABYLDAU_SERVER_DATA ?? '.data/server/db',
  centres,
  logger: true,
});
await server.app.listen({ host: process.env.HOST ?? '127.0.0.1', port });
installGracefulShutdown(server);
