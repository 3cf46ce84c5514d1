import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUploadLimits } from '../uploads/admission';
import { ApiConfigError, loadApiConfig } from './api-config';

const trust = { QABYLDAU_TRUSTED_CA: '/ca.pem', QABYLDAU_CRL_FILE: '/ca.crl' };

describe('upload quotas in the API configuration', () => {
  it('default to the limits the uploads module documents', async () => {
    const config = await loadApiConfig(trust);
    expect(config.uploads).toEqual({
      maxOpenUploads: defaultUploadLimits.maxOpenUploads,
      maxOpenBytes: defaultUploadLimits.maxOpenBytes,
      maxUploadBytes: defaultUploadLimits.maxUploadBytes,
      expireAfterHours: 24,
    });
  });

  it('come from the file, and a variable overrides the file field by field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'api-config-'));
    const file = join(dir, 'api.json');
    await writeFile(file, JSON.stringify({ uploads: { maxOpenUploads: 7, expireAfterHours: 6 } }));
    const config = await loadApiConfig({
      ...trust,
      QABYLDAU_API_CONFIG: file,
      QABYLDAU_UPLOAD_MAX_FILE_BYTES: '1048576',
    });
    expect(config.uploads).toMatchObject({
      maxOpenUploads: 7,
      expireAfterHours: 6,
      maxUploadBytes: 1_048_576,
    });
    const overridden = await loadApiConfig({
      ...trust,
      QABYLDAU_API_CONFIG: file,
      QABYLDAU_UPLOAD_MAX_OPEN: '3',
    });
    expect(overridden.uploads.maxOpenUploads).toBe(3);
  });

  it('refuse a nonsensical quota with one line naming the field', async () => {
    const refused = loadApiConfig({ ...trust, QABYLDAU_UPLOAD_MAX_OPEN: '0' });
    await expect(refused).rejects.toThrow(ApiConfigError);
    await expect(refused).rejects.toThrow(/uploads\.maxOpenUploads/);
    await expect(loadApiConfig({ ...trust, QABYLDAU_UPLOAD_EXPIRE_HOURS: 'soon' })).rejects.toThrow(
      /uploads\.expireAfterHours/,
    );
  });
});
