import { describe, expect, it } from 'vitest';
import { catalogue } from '../shared/catalogue';
import { buildDecisionDocument } from '../shared/decisions/document';
import type { DecisionResult } from '../shared/decisions/schema';
import { sampleDecision } from './licensor-samples';

/** Every (service, result) pair the catalogue allows, with a sub-operation that issues it. */
const pairs = catalogue.flatMap((s) =>
  [...new Set(s.subOperations.flatMap((o) => o.results.map((r) => r.kind)))].map((result) => ({
    service: s,
    result: result as DecisionResult,
    subOperation: s.subOperations.find((o) => o.results.some((r) => r.kind === result))!.id,
  })),
);

describe('licensor CLI samples, one per service and result', () => {
  it.each(pairs.map((p) => [p.service.id, p.result, p] as const))(
    '%s → %s builds a valid document issued by the service provider',
    (_id, _result, p) => {
      const kind = p.service.applicantKinds[0]!;
      const request = sampleDecision(p.service.id, p.result, kind);
      const doc = buildDecisionDocument({
        request,
        service: p.service,
        decisionId: '0b91d77f-0000-4000-8000-000000000001',
        number: 'LIC-2026-00000001',
        decidedAt: '2026-03-20T06:00:00.000Z',
        licensorId: 'lic-1',
        verificationRef: 'https://verify.example/v1/verify/x',
        queueNumber: 1,
        application: {
          id: '3f2a9c1b-0000-4000-8000-000000000001',
          fingerprint: 'f'.repeat(64),
          registrationNumber: 'KZ-2026-000045',
          receivedAt: '2026-03-11T05:00:00.000Z',
          centreId: 'CON-1',
          serviceId: p.service.id,
          subOperation: p.subOperation,
          applicant: { kind, id: kind === 'legal-entity' ? '100440001230' : '880512450321' },
        },
      });
      expect(doc.authority.name).toBe(p.service.provider.kk);
    },
  );
});
