import type { Service } from '@shared/catalogue/schema';
import { requiredFee } from '@shared/register/fees';
import { toManifestForm } from '@shared/register/manifest-form';
import { paymentEvidenceSchema } from '@shared/register/schemas';
import type { QabyldauDb } from '../db/database';
import { loadDeskState, type DeskState } from './desk-state';
import type { LookupResult } from './lookup';
import { registerManifestForm, type ApplicantDetails } from './provenance';

function lookupOf(desk: DeskState | null, applicantId: string): LookupResult | undefined {
  const l = desk?.applicantId === applicantId ? desk.lookup : undefined;
  if (!l) return undefined;
  if ((l.state === 'found' || l.state === 'cached') && l.answer)
    return l.state === 'found' ? { state: 'found', answer: l.answer } : { state: 'cached', answer: l.answer, storedAt: l.storedAt ?? l.answer.retrievedAt };
  return l.state === 'not-found' ? { state: 'not-found' } : { state: 'unavailable' };
}

/**
 * The entries the register and payment steps add to the manifest's `form` when the application is queued: the
 * applicant block with per-field provenance, the register-check state, and, where a fee is due before signing,
 * the payment evidence with its check state. The server re-checks all of it on arrival.
 */
export function deskManifestForm(desk: DeskState | null, applicantId: string, details: ApplicantDetails, service: Service, subOperation: string) {
  const lookup = lookupOf(desk, applicantId);
  const form = registerManifestForm(details, lookup, !!desk?.confirmed && desk.applicantId === applicantId);
  const fee = requiredFee(service, subOperation);
  if (fee?.when !== 'before-signing') return form;
  const evidence = paymentEvidenceSchema.safeParse(desk?.payment ?? {});
  if (!evidence.success) return { ...form, ...toManifestForm({ applicant: {}, provenance: {}, paymentCheck: 'missing' }) };
  return {
    ...form,
    ...toManifestForm({ applicant: {}, provenance: {}, paymentCheck: desk?.paymentOutcome === 'confirmed' ? 'confirmed' : 'pending', payment: evidence.data }),
  };
}

/** For the intake screen's queue step: one call, by draft id. */
export async function manifestFormForDraft(db: QabyldauDb, draftId: string, applicantId: string, details: ApplicantDetails, service: Service, subOperation: string) {
  return deskManifestForm(await loadDeskState(db, draftId), applicantId, details, service, subOperation);
}
