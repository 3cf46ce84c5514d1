import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import type { RegisterLookup } from '@shared/register/schemas';
import { useWorkstation } from '../context';
import { emptyDeskState, loadDeskState, updateDeskState, type DeskState } from './desk-state';
import { lookupApplicant, type LookupResult } from './lookup';
import { fillFromRegister, type ApplicantDetails } from './provenance';
import { registerApiFor } from './shared-api';

export interface ApplicantLookupInput {
  draftId: string;
  /** Normalised number; looked up only with a kind, i.e. once it validated as an ИИН or a БИН. */
  applicantId: string;
  kind: RegisterLookup['kind'] | null;
  details: ApplicantDetails;
  onFill: (details: ApplicantDetails) => void;
}

/**
 * Looks the applicant up as soon as the number is valid (TanStack Query, 3 s budget inside the API client), fills
 * the block once per number and draft, and keeps what the desk learnt in the draft's register state.
 */
export function useApplicantLookup({ draftId, applicantId, kind, details, onFill }: ApplicantLookupInput) {
  const { db, bridge } = useWorkstation();
  // undefined while loading, null when this draft has no register state yet
  const desk = useLiveQuery(async () => (await loadDeskState(db, draftId)) ?? null, [db, draftId]);
  const detailsRef = useRef(details);
  const fillRef = useRef(onFill);
  useEffect(() => {
    detailsRef.current = details;
    fillRef.current = onFill;
  });

  const query = useQuery<LookupResult>({
    queryKey: ['register', kind, applicantId],
    queryFn: () => lookupApplicant(registerApiFor(bridge), db, kind!, applicantId),
    enabled: !!kind && desk !== undefined,
    staleTime: 5 * 60_000,
    gcTime: 30 * 60_000,
    retry: false,
  });

  const result = kind ? query.data : undefined;
  useEffect(() => {
    if (!result || desk === undefined || !kind) return;
    const sameNumber = desk?.applicantId === applicantId;
    if (sameNumber && desk?.lookup?.state === result.state) return;
    const lookup = { state: result.state, ...('answer' in result ? { answer: result.answer } : {}), ...('storedAt' in result ? { storedAt: result.storedAt } : {}) };
    // A new number fills the block; the same number coming back (reload, retry) never overwrites what was typed.
    if (!sameNumber && 'answer' in result) fillRef.current(fillFromRegister(detailsRef.current, result.answer));
    // Merged into what is stored now: payment fields typed meanwhile survive. A different number drops the
    // confirmation and any register override (it was about another applicant).
    void updateDeskState(db, draftId, (current) => {
      const base = current ?? emptyDeskState(applicantId);
      const same = base.applicantId === applicantId;
      return { ...base, applicantId, lookup, confirmed: same && base.confirmed, overrides: same ? base.overrides : base.overrides.filter((o) => o.check !== 'register') };
    });
  }, [result, desk, kind, applicantId, db, draftId]);

  async function update(patch: Partial<DeskState>) {
    await updateDeskState(db, draftId, (current) => ({ ...(current ?? emptyDeskState(applicantId)), ...patch }));
  }

  return {
    result,
    loading: !!kind && query.isFetching,
    desk: desk ?? null,
    confirm: () => update({ confirmed: true }),
    refill: () => result && 'answer' in result && onFill(fillFromRegister(details, result.answer)),
    update,
  };
}
