import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The development centre and its key, created once per data folder: the embedded API is provisioned with it and
 * the host presents it, as a real centre would present the key its administrator installed.
 */
export function devCentreCredentials(file: string): { id: string; name: string; key: string } {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const credentials = { id: 'CON-DEV-01', name: 'ХҚКО (әзірлеу)', key: randomBytes(32).toString('base64url') };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
