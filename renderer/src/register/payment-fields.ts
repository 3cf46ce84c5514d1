import type { PaymentEvidence } from '@shared/register/schemas';

export type PaymentFieldKey = keyof PaymentEvidence;
export const paymentFieldKeys: readonly PaymentFieldKey[] = [
  'documentNumber',
  'paidOn',
  'amountTenge',
  'payerId',
];

/** What the four inputs show, exactly as typed (a half-typed amount such as "43 2" must not be reparsed away). */
export type PaymentFieldText = Record<PaymentFieldKey, string>;

export type PaymentFieldAction = { type: 'type'; field: PaymentFieldKey; text: string };

/** The inputs' first contents, from the evidence stored with the draft. */
export function paymentFieldText(payment: Partial<PaymentEvidence> | undefined): PaymentFieldText {
  return {
    documentNumber: payment?.documentNumber ?? '',
    paidOn: payment?.paidOn ?? '',
    amountTenge: payment?.amountTenge === undefined ? '' : String(payment.amountTenge),
    payerId: payment?.payerId ?? '',
  };
}

/** The payer's number keeps digits only, at most twelve, as the operator types. */
const clean = (field: PaymentFieldKey, text: string) =>
  field === 'payerId' ? text.replace(/\D/g, '').slice(0, 12) : text;

/**
 * One keystroke applied to the inputs' *current* contents (a reducer, so React hands it the latest state): fields
 * typed in quick succession never overwrite one another with an older copy.
 */
export function paymentFieldsReducer(state: PaymentFieldText, action: PaymentFieldAction): PaymentFieldText {
  return { ...state, [action.field]: clean(action.field, action.text) };
}

/** The typed value of one field as stored with the draft; `undefined` removes it. */
export function paymentFieldValue(field: PaymentFieldKey, text: string): string | number | undefined {
  const v = clean(field, text);
  if (field === 'amountTenge') {
    const n = Number(v.replace(/\s/g, '').replace(',', '.'));
    return v.trim() && Number.isFinite(n) ? n : undefined;
  }
  if (field === 'paidOn') return v || undefined;
  return v;
}

/** Applies one field's change to the stored evidence (used inside a read-modify-write of the desk state). */
export function withPaymentField(
  payment: Partial<PaymentEvidence>,
  field: PaymentFieldKey,
  text: string,
): Partial<PaymentEvidence> {
  const next: Partial<Record<PaymentFieldKey, string | number>> = { ...payment };
  const value = paymentFieldValue(field, text);
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next as Partial<PaymentEvidence>;
}
