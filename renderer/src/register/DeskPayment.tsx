import { useLiveQuery } from 'dexie-react-hooks';
import type { Service } from '@shared/catalogue/schema';
import { useWorkstation } from '../context';
import { emptyDeskState, loadDeskState, updateDeskState, type DeskState } from './desk-state';
import { PaymentEvidence } from './PaymentEvidence';

/** The payment block at intake, kept in the draft's register state; renders nothing when no fee is due. */
export function DeskPayment({ draftId, applicantId, service, subOperation }: { draftId: string; applicantId: string; service: Service; subOperation: string }) {
  const { db } = useWorkstation();
  const desk = useLiveQuery(async () => (await loadDeskState(db, draftId)) ?? null, [db, draftId]);
  if (desk === undefined) return null;
  // Applied to the stored state inside one transaction, so quick keystrokes in different fields all survive.
  const onChange = (change: (current: DeskState) => DeskState) => void updateDeskState(db, draftId, (current) => change(current ?? emptyDeskState(applicantId)));
  // Keyed by draft: another draft's block starts from that draft's stored evidence, not from this one's inputs.
  return <PaymentEvidence key={draftId} service={service} subOperation={subOperation} desk={desk} onChange={onChange} />;
}
