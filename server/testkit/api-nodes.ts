import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerOptions } from '../app';

export interface ApiNode {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the first stdout line (the node's JSON log, when logging is on) that matches, past or future. */
  waitForLine(matches: (line: string) => boolean): Promise<string>;
}

const entry = fileURLToPath(new URL('./api-node.ts', import.meta.url));

/** Starts a reference API in a process of its own (real HTTP, its own pool) and resolves once it listens. */
export function startApiNode(options: ServerOptions, env: NodeJS.ProcessEnv = {}): Promise<ApiNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env, QABYLDAU_TEST_NODE: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const lines: string[] = [];
  const waiting = new Set<{ matches: (line: string) => boolean; resolve: (line: string) => void }>();
  const waitForLine = (matches: (line: string) => boolean) =>
    new Promise<string>((resolve) => {
      const seen = lines.find(matches);
      if (seen !== undefined) resolve(seen);
      else waiting.add({ matches, resolve });
    });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      for (const w of waiting) {
        if (!w.matches(line)) continue;
        waiting.delete(w);
        w.resolve(line);
      }
      const url = line.startsWith('{"url"') ? (JSON.parse(line) as { url: string }).url : undefined;
      if (url) resolve({ url, child, exited, stop, waitForLine });
    });
    void exited.then((code) => reject(new Error(`API node exited with ${code} before listening`)));
  });
}
