import { createHash, randomUUID } from 'node:crypto';
import type { Manifest } from '@shared/manifest/manifest';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A school-licence manifest of `centreId` with one scanned application (`att-0`) of `blob`, for API tests. */
export function manifestWithOneScan(centreId: string, blob: Uint8Array): Manifest {
  return {
    schema: 'qabyldau.application/1',
    applicationId: randomUUID(),
    centreId,
    serviceId: 'edu-licence-school',
    subOperation: 'issue',
    applicant: { kind: 'individual', id: '900101300126' },
    form: {},
    documentsPresented: ['application'],
    attachments: [
      {
        id: 'att-0',
        documentKey: 'application',
        fileName: 'scan.pdf',
        mediaType: 'application/pdf',
        size: blob.length,
        sha256: sha256(blob),
      },
    ],
    acceptedAt: new Date().toISOString(),
  };
}
