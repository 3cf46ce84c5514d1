import { useLiveQuery } from 'dexie-react-hooks';
import type { Service } from '@shared/catalogue/schema';
import { useWorkstation } from '../context';
import { loadDeskState, saveDeskState, type DeskState } from './desk-state';
import { PaymentEvidence } from './PaymentEvidence';

/** The payment block at intake, kept in the draft's register state; renders nothing when no fee is due. */
export function DeskPayment({ draftId, applicantId, service, subOperation }: { draftId: string; applicantId: string; service: Service; subOperation: string }) {
  const { db } = useWorkstation();
  const desk = useLiveQuery(async () => (await loadDeskState(db, draftId)) ?? null, [db, draftId]);
  if (desk === undefined) return null;
  const onChange = (patch: Partial<DeskState>) => void saveDeskState(db, draftId, { applicantId, confirmed: false, payment: {}, ...(desk ?? {}), ...patch });
  return <PaymentEvidence service={service} subOperation={subOperation} desk={desk} onChange={onChange} />;
}
