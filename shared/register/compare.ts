import type { ApplicantFieldKey } from './manifest-form';
import type { RegisterLookup } from './schemas';

/**
 * Names are compared the way a person would read them: case, quotes, punctuation and spacing do not count, and
 * Russian ё/е are one letter. Kazakh letters stay distinct (ә is not а): they are different names.
 */
export function normaliseName(s: string): string {
  return s
    .toLocaleLowerCase('kk')
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„`’.,()-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The register's values for the applicant block. */
export function registerValues(answer: RegisterLookup): Partial<Record<ApplicantFieldKey, string>> {
  if (answer.kind === 'individual') {
    const r = answer.record;
    return { surname: r.surname, name: r.name, patronymic: r.patronymic ?? '', address: r.address };
  }
  return { orgName: answer.record.name, address: answer.record.legalAddress };
}

/** Which fields identify the applicant and must agree with the register (addresses are written too freely). */
const identifying: Record<RegisterLookup['kind'], ApplicantFieldKey[]> = {
  individual: ['surname', 'name', 'patronymic'],
  'legal-entity': ['orgName'],
};

/** The identifying fields the operator filled that differ from the register (empty = consistent). */
export function mismatchedFields(answer: RegisterLookup, typed: Partial<Record<ApplicantFieldKey, string>>): ApplicantFieldKey[] {
  const reg = registerValues(answer);
  return identifying[answer.kind].filter((k) => {
    const value = typed[k]?.trim();
    return !!value && normaliseName(value) !== normaliseName(reg[k] ?? '');
  });
}
