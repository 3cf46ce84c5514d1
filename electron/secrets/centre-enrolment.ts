import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../keystore/secret-store';

/**
 * The centre's API key is enrolled once: the administrator (or `npm start` in development) drops `centre.json`
 * into the host's data folder; at start the host seals its content into the secret store and deletes the file.
 * Afterwards the key exists only sealed — never in an environment variable or a plain file.
 */
export const centreProvisioningSchema = z.strictObject({
  centreId: z.string().min(1).max(64),
  centreKey: z.string().min(16).max(512),
});
export type CentreCredentials = z.infer<typeof centreProvisioningSchema>;

const SECRET_NAME = 'centre.v1';
export const provisioningFile = (dataDir: string) => join(dataDir, 'centre.json');

export type EnrolmentOutcome = 'enrolled' | 'none' | 'invalid';

export async function enrolFromProvisioningFile(dataDir: string, secrets: SecretStore, log: (message: string) => void): Promise<EnrolmentOutcome> {
  const file = provisioningFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return 'none';
  }
  let credentials: CentreCredentials;
  try {
    credentials = centreProvisioningSchema.parse(JSON.parse(text));
  } catch {
    log(`centre provisioning file ${file} is not valid ({"centreId", "centreKey"}); it was left in place and not used`);
    return 'invalid';
  }
  await secrets.set(SECRET_NAME, JSON.stringify(credentials));
  await rm(file, { force: true });
  log(`centre ${credentials.centreId} enrolled; the provisioning file was sealed into the secret store and deleted`);
  return 'enrolled';
}

export async function enrolledCentre(secrets: SecretStore): Promise<CentreCredentials | null> {
  const stored = await secrets.get(SECRET_NAME);
  if (!stored) return null;
  const parsed = centreProvisioningSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : null;
}
