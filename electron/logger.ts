import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Append-only log in the user data directory: support asks for it when a desk reports a problem. */
export function createFileLogger(dir: string, name = 'qabyldau.log') {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  const write = (level: string, message: string) => {
    try {
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}\n`);
    } catch {
      // A full or read-only disk must not take the workstation down with it.
    }
  };
  return {
    file,
    info: (m: string) => write('INFO', m),
    warn: (m: string) => write('WARN', m),
    error: (m: string) => write('ERROR', m),
  };
}
export type Logger = ReturnType<typeof createFileLogger>;
