import { describe, expect, it } from 'vitest';
import { getService } from '../catalogue';
import { buildDecisionDocument, type BuildDecisionInput } from './document';

const officer = { name: 'Құдайбергенова Әсем', position: 'Төрағаның орынбасары' };

function input(
  serviceId: string,
  subOperation: string,
  over: Partial<BuildDecisionInput> = {},
): BuildDecisionInput {
  const service = getService(serviceId);
  const legal = !service.applicantKinds.includes('individual');
  return {
    service,
    decisionId: '0b91d77f-0000-4000-8000-000000000001',
    number: 'LIC-2026-00000001',
    decidedAt: '2026-03-20T06:00:00.000Z',
    licensorId: 'lic-1',
    verificationRef: 'https://verify.example/v1/verify/x',
    application: {
      id: '3f2a9c1b-0000-4000-8000-000000000001',
      fingerprint: 'f'.repeat(64),
      registrationNumber: 'KZ-2026-000045',
      receivedAt: '2026-03-11T05:00:00.000Z',
      centreId: 'CON-1',
      serviceId,
      subOperation,
      applicant: legal
        ? { kind: 'legal-entity', id: '100440001230' }
        : { kind: 'individual', id: '880512450321' },
    },
    request: {
      result: 'licence',
      officer,
      authority: { name: 'Бір тұрақты лицензиар', details: 'Астана қ.', place: 'Астана қаласы' },
      holder: { name: 'Теріліп жазылған ЖШС', address: 'Басқа мекенжай' },
      activityType: 'Жалпы орта білім беру',
    },
    ...over,
  };
}

describe('decision documents from one source', () => {
  it.each(['edu-licence-school', 'heritage-licence', 'telecom-licence'])(
    '%s: the issuing body is the catalogue provider of the service, not a typed or fixed licensor',
    (id) => {
      const service = getService(id);
      const doc = buildDecisionDocument(
        input(id, 'issue', {
          request: { ...input(id, 'issue').request, holder: undefined },
          registered: {
            orgName: '«Үміт» ЖШС',
            address: 'Астана қ., Абай даңғылы, 10',
            surname: 'Сәрсенова',
            name: 'Гүлназ',
          },
        }),
      );
      expect(doc.authority.name).toBe(service.provider.kk);
      expect(doc.form?.data).toMatchObject({ licensor: service.provider.kk });
    },
  );

  it('takes the holder name from the registered application, the identifier from the application', () => {
    const doc = buildDecisionDocument(
      input('edu-licence-school', 'issue', {
        registered: { orgName: '«Үміт» мектебі ЖШС', address: 'Астана қ., Абай даңғылы, 10' },
      }),
    );
    expect(doc.form?.data).toMatchObject({
      holder: {
        type: 'legal',
        name: '«Үміт» мектебі ЖШС',
        address: 'Астана қ., Абай даңғылы, 10',
        bin: '100440001230',
      },
    });
  });

  it('addresses the refusal to the applicant by the registered name', () => {
    const service = getService('heritage-licence');
    const reason = service.refusalReasons.find((r) => r.stage === 'decision')!;
    const base = input('heritage-licence', 'issue');
    const doc = buildDecisionDocument({
      ...base,
      application: { ...base.application, applicant: { kind: 'individual', id: '880512450321' } },
      registered: { surname: 'Әбілқайыров', name: 'Ғалымжан', patronymic: 'Құрманұлы' },
      request: {
        result: 'motivated-refusal',
        officer,
        authority: base.request.authority,
        refusal: { reasonId: reason.id },
      },
    });
    expect(doc.form?.kind).toBe('refusal');
    expect(doc.form?.data).toMatchObject({
      applicantName: 'Әбілқайыров Ғалымжан Құрманұлы',
      authority: { name: service.provider.kk },
      application: { number: 'KZ-2026-000045', date: '2026-03-11' },
    });
  });
});
