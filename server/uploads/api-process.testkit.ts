import { join } from 'node:path';
import { buildServer } from '../app';

/**
 * The reference API as a process of its own, for tests that SIGKILL it. Configured by the spawning test only:
 * TESTKIT_API_DIR (blobs and the embedded database), TESTKIT_API_DATABASE_URL (PostgreSQL instead),
 * TESTKIT_API_PORT, TESTKIT_API_CENTRES (JSON) and TESTKIT_API_FAULT.
 */
const env = process.env;
const dir = env.TESTKIT_API_DIR!;
const fault = env.TESTKIT_API_FAULT;
if (fault && fault !== 'hang-upload-finish') throw new Error(`unknown test fault ${fault}`);
if (fault)
  console.error(`TEST FAULT INJECTION ACTIVE: ${fault} — this process is a crash-test fixture, not a server`);

const server = await buildServer({
  // The crash fixture exercises upload recovery, not signatures (server/config/api-integrity.test.ts does).
  insecureAcceptUnsigned: 'accept-unsigned-for-tests-only',
  centres: JSON.parse(env.TESTKIT_API_CENTRES!) as { id: string; name: string; key: string }[],
  ...(env.TESTKIT_API_DATABASE_URL
    ? { databaseUrl: env.TESTKIT_API_DATABASE_URL }
    : { dataDir: join(dir, 'db') }),
  uploadsDir: join(dir, 'uploads'),
  uploads: {
    sweepEveryMs: 0,
    ...(fault
      ? {
          testFaults: {
            // The last byte is on disk; the completion hook now stalls until the test kills the process.
            async beforeUploadFinish(uploadId: string) {
              console.log(`fault: upload-finish hanging ${uploadId}`);
              await new Promise<never>(() => {});
            },
          },
        }
      : {}),
  },
});
const url = await server.app.listen({ host: '127.0.0.1', port: Number(env.TESTKIT_API_PORT ?? 0) });
console.log(`listening ${url} recovered ${JSON.stringify(server.uploads.recoveredAtStart)}`);
