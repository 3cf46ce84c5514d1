import { getService } from '../shared/catalogue';
import type { ApplicantKind, Service } from '../shared/catalogue/schema';
import type { DecideRequest, DecisionResult } from '../shared/decisions/schema';

/**
 * Example decision bodies for the licensor CLI, built from the catalogue so each one is valid for the service,
 * result kind and applicant kind it is asked for: the issuing body is the service's provider, a refusal names one
 * of the service's own decision-stage reasons, the holder has the applicant's shape.
 */
export class SampleError extends Error {
  override name = 'SampleError';
}

const officer = { name: 'Құдайбергенова Әсем Үсенқызы', position: 'Комитет төрағасының орынбасары' };

export function sampleDecision(
  serviceId: string,
  result: DecisionResult,
  applicantKind?: ApplicantKind,
): DecideRequest {
  let service: Service;
  try {
    service = getService(serviceId);
  } catch {
    throw new SampleError(`unknown service "${serviceId}"`);
  }
  const issued = [...new Set(service.subOperations.flatMap((o) => o.results.map((r) => r.kind)))];
  if (!issued.includes(result))
    throw new SampleError(`${service.id} never issues "${result}" (it issues: ${issued.join(', ')})`);
  const kind = applicantKind ?? service.applicantKinds[0]!;
  const authority = {
    name: service.provider.kk,
    details: 'Астана қ., Мәңгілік Ел д-лы, 8',
    place: 'Астана қаласы',
  };
  const holder =
    kind === 'legal-entity'
      ? { name: '«Үміт» ЖШС', address: 'Астана қ., Абай даңғылы, 10' }
      : { surname: 'Сәрсенова', name: 'Гүлназ', patronymic: 'Маратқызы' };
  const base = { result, officer, authority };
  switch (result) {
    case 'licence':
    case 'duplicate':
      return { ...base, holder, activityType: service.names.kk };
    case 'permit':
      return { ...base, holder, permitType: service.names.kk };
    case 'queue-place':
      return {
        ...base,
        queue: {
          child: { surname: 'Сәрсенов', name: 'Әли', iin: '200315500123', birthDate: '2020-03-15' },
          applicant: { surname: 'Сәрсенова', name: 'Гүлназ' },
          preferences: ['«Балбөбек» бөбекжайы'],
        },
      };
    case 'motivated-refusal': {
      const reason = service.refusalReasons.find((r) => r.stage === 'decision');
      if (!reason) throw new SampleError(`${service.id} has no decision-stage refusal reason`);
      return {
        ...base,
        holder,
        refusal: {
          reasonId: reason.id,
          details: 'Біліктілік талаптарына сәйкестігін растайтын құжаттар ұсынылмаған.',
        },
      };
    }
    default:
      return { ...base, holder };
  }
}
