import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Append-only log in the user data directory: support asks for it when a desk reports a problem. */
export function createFileLogger(dir: string, name = 'qabyldau.log') {
  // The log names files, devices and hosts: for the desk's OS account only.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = join(dir, name);
  const write = (level: string, message: string) => {
    try {
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}\n`, { mode: 0o600 });
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
