import { describe, expect, it } from 'vitest';
import { catalogue, getService } from '@shared/catalogue';
import { defaultCalendar } from '@shared/calendar';
import { generateBin } from '@shared/identity';
import type { Manifest } from '@shared/manifest/manifest';
import { toManifestForm } from '@shared/register/manifest-form';
import type { LocalApplication } from '../../outbox/schema';
import { matchesReceiptNumber, reprintReceipt } from './receipt-reprint';

const bin = generateBin({ registered: '2010-04', entityType: 'resident', division: 'head', serial: 123 });
const service = getService('edu-licence-school');
const op = service.subOperations.find((o) => o.id === 'issue')!;
const manifest: Manifest = {
  schema: 'qabyldau.application/1',
  applicationId: '3f2a9c1b-0000-4000-8000-000000000001',
  centreId: 'CON-1',
  serviceId: service.id,
  subOperation: op.id,
  applicant: { kind: 'legal-entity', id: bin },
  form: toManifestForm({
    registerCheck: 'pending',
    applicant: { orgName: '«Үміт» ЖШС', address: 'Астана' },
    provenance: {},
  }),
  documentsPresented: op.checklist.filter((i) => i.required).map((i) => i.key),
  attachments: [],
  overrides: [{ check: 'payment', reason: 'receipt-seen-gateway-down', note: 'КВ-17 көрілді' }],
  acceptedAt: '2026-03-20T05:42:00.000Z',
};
const application: LocalApplication = {
  id: manifest.applicationId,
  status: 'ready',
  createdAt: manifest.acceptedAt,
  updatedAt: manifest.acceptedAt,
  serviceId: service.id,
  subOperation: op.id,
  applicant: manifest.applicant,
  form: manifest.form,
  documentsPresented: manifest.documentsPresented,
  manifest,
  attempts: 0,
  signature: {
    cmsBase64: 'AA==',
    signedAt: manifest.acceptedAt,
    signerName: 'СЕЙТОВА АЙГЕРІМ',
    signerIin: '900101300811',
  },
};
const words = {
  override: (o: { note: string }) => `override: ${o.note}`,
  registerDeferred: () => 'register deferred',
};

describe('receipts from the queue', () => {
  it('rebuilds the acceptance receipt from the signed manifest: number, applicant, documents, signer, remarks', () => {
    const r = reprintReceipt(application, catalogue, defaultCalendar, 'kk', words);
    expect(r?.kind).toBe('acceptance');
    expect(r?.data).toMatchObject({
      applicationNumber: '3F2A-9C1B',
      operator: 'СЕЙТОВА АЙГЕРІМ',
      applicant: { type: 'legal', name: '«Үміт» ЖШС', bin },
      remarks: ['override: КВ-17 көрілді', 'register deferred'],
    });
    expect(r?.data.documents).toHaveLength(manifest.documentsPresented.length);
    expect(
      reprintReceipt({ ...application, origin: 'centre' }, catalogue, defaultCalendar, 'kk', words),
    ).toBeNull();
    expect(
      reprintReceipt(
        { ...application, manifest: undefined, status: 'draft' },
        catalogue,
        defaultCalendar,
        'kk',
        words,
      ),
    ).toBeNull();
  });

  it('finds a row by the receipt number as printed or typed without the dash, in any case', () => {
    expect(matchesReceiptNumber(application.id, '3F2A-9C1B')).toBe(true);
    expect(matchesReceiptNumber(application.id, '3f2a9c')).toBe(true);
    expect(matchesReceiptNumber(application.id, '3F2A-9C1C')).toBe(false);
    expect(matchesReceiptNumber(application.id, '3f')).toBe(false);
  });
});
