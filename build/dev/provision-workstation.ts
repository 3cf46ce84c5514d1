import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { provisioningFile } from '../../electron/secrets/centre-enrolment';
import { secretsPaths } from '../../electron/secrets/sealed-store';
import { ensurePrivateDir } from '../../electron/fs/private-files';

/**
 * Development enrolment, the way an administrator enrols a desk: the dev centre's key goes into the host's
 * provisioning file, which the host seals into its secret store and deletes at its next start. Only a desk that
 * has no sealed secrets yet is provisioned; the key never travels in an environment variable.
 */
export async function provisionDevWorkstation(workstationDir: string, centre: { id: string; key: string }): Promise<void> {
  if (existsSync(secretsPaths(workstationDir).file)) return;
  await ensurePrivateDir(workstationDir);
  await writeFile(provisioningFile(workstationDir), JSON.stringify({ centreId: centre.id, centreKey: centre.key }), { mode: 0o600 });
}
