import type { Service } from '@shared/catalogue/schema';
import { feeInTenge, requiredFee } from '@shared/register/fees';
import type { PaymentCheckResult, PaymentEvidence } from '@shared/register/schemas';
import type { PaymentRecord } from './gateway';

/**
 * Judges payment evidence against what the gateway holds. The gateway's record is the truth for amount and date;
 * the fee due is the configured МРП count times the МРП in force on the day it was paid.
 */
export function evaluatePayment(service: Service, subOperation: string, evidence: PaymentEvidence, record: PaymentRecord | null): PaymentCheckResult {
  const fee = requiredFee(service, subOperation);
  if (!fee) return { outcome: 'not-required', code: 'register:payment.notRequired', params: {}, required: null };
  const due = feeInTenge(fee.amount.mrp, record?.paidOn ?? evidence.paidOn);
  const required = due ? { mrp: fee.amount.mrp, tenge: due.tenge, mrpTenge: due.mrpTenge, placeholder: fee.amount.placeholder } : null;
  const params = { documentNumber: evidence.documentNumber };
  if (!record) return { outcome: 'not-found', code: 'register:payment.notFound', params, required };
  if (record.payerId !== evidence.payerId) return { outcome: 'payer-mismatch', code: 'register:payment.payerMismatch', params: { ...params, payerId: evidence.payerId }, required };
  if (record.paidOn !== evidence.paidOn) return { outcome: 'date-mismatch', code: 'register:payment.dateMismatch', params: { ...params, paidOn: record.paidOn }, required };
  // No regulation states the rate: the payment is recorded as evidence with the reference figure, never judged short.
  if (!fee.amount.sourced)
    return { outcome: 'confirmed', code: 'register:payment.recordedUnsourced', params: { ...params, paid: record.amountTenge, reference: required?.tenge ?? 0 }, required };
  if (required && record.amountTenge < required.tenge)
    return { outcome: 'amount-short', code: 'register:payment.amountShort', params: { ...params, paid: record.amountTenge, required: required.tenge }, required };
  return { outcome: 'confirmed', code: 'register:payment.confirmed', params: { ...params, paid: record.amountTenge }, required };
}
