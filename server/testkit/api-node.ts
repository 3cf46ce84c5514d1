// One reference API node as a child process, for multi-node tests: buildServer options as JSON in
// QABYLDAU_TEST_NODE; prints one JSON line with its URL once it listens. Started by ./api-nodes.ts.
import { buildServer, type ServerOptions } from '../app';
import { installGracefulShutdown } from '../ops/shutdown';

const options = JSON.parse(process.env.QABYLDAU_TEST_NODE ?? '{}') as ServerOptions;
const server = await buildServer(options);
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
installGracefulShutdown(server);
