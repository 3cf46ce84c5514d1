// One verification thread of server/signature/verify-pool.ts: the same verifier, with its own memo of trust
// anchors, CRL parses and signer certificates, and its own stat-keyed view of the CRL files.
import { parentPort } from 'node:worker_threads';
import { readCrlFiles } from './crl-files';
import { verifyApplicationSignature } from './verify';
import type { PoolTask } from './verify-pool';

parentPort!.on('message', async ({ id, task }: { id: number; task: PoolTask }) => {
  try {
    const { crlFiles, ...input } = task;
    const result = await verifyApplicationSignature({ ...input, crls: await readCrlFiles(crlFiles) });
    parentPort!.postMessage({ id, result });
  } catch (error) {
    parentPort!.postMessage({ id, error: String(error) });
  }
});
