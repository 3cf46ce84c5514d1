import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts `server/main.ts` as a process of its own (so it can be stopped while the workstation keeps running) and
 * resolves with its URL once it says it listens; rejects with its exit code if it refuses to start.
 */
export function spawnApi(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolvePromise, reject) => {
    child.once('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) {
        child.disconnect();
        resolvePromise({ child, url: message.url });
      }
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the reference API exited before listening (${signal ?? `code ${code}`})`)),
    );
  });
}
