import { registerValues } from '@shared/register/compare';
import { applicantFieldKeys, toManifestForm, type ApplicantFieldKey, type Provenance, type RegisterCheckState } from '@shared/register/manifest-form';
import type { RegisterLookup } from '@shared/register/schemas';
import type { LookupResult } from './lookup';

export type ApplicantDetails = Record<ApplicantFieldKey, string>;

/** The applicant block filled from a register answer: every field the register knows is replaced. */
export function fillFromRegister(details: ApplicantDetails, answer: RegisterLookup): ApplicantDetails {
  const values = registerValues(answer);
  const next = { ...details };
  for (const k of applicantFieldKeys) if (values[k] !== undefined) next[k] = values[k];
  return next;
}

/**
 * Per field, where the value came from: `register` while it still equals what the register said (the operator
 * may have confirmed it or retyped the same), `typed` once it differs or when there was no answer. Derived, not
 * tracked keystroke by keystroke, so a restored draft can never carry a stale claim.
 */
export function provenanceOf(details: ApplicantDetails, answer: RegisterLookup | null): Partial<Record<ApplicantFieldKey, Provenance>> {
  const values = answer ? registerValues(answer) : {};
  const out: Partial<Record<ApplicantFieldKey, Provenance>> = {};
  for (const k of applicantFieldKeys) {
    const v = details[k]?.trim();
    if (!v) continue;
    out[k] = values[k] !== undefined && values[k]!.trim() === v ? 'register' : 'typed';
  }
  return out;
}

/** The register state the manifest declares: only a fresh answer the operator confirmed counts as confirmed. */
export function registerCheckState(result: LookupResult | undefined, confirmed: boolean): RegisterCheckState {
  if (result?.state === 'found' && confirmed) return 'confirmed';
  if (result?.state === 'not-found') return 'not-found';
  return 'pending';
}

export function registerManifestForm(details: ApplicantDetails, result: LookupResult | undefined, confirmed: boolean) {
  const answer = result && (result.state === 'found' || result.state === 'cached') ? result.answer : null;
  return toManifestForm({
    registerCheck: registerCheckState(result, confirmed),
    applicant: details,
    provenance: provenanceOf(details, answer),
    ...(answer ? { registerAnsweredAt: answer.retrievedAt } : {}),
  });
}
