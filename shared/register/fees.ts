import { z } from 'zod';
import type { Fee, Service } from '../catalogue/schema';
import { mrpOn } from './mrp';

/**
 * How much each fee-bearing sub-operation costs, in МРП. The regulations say *that* and *when* a fee is paid (the
 * catalogue's `fee`), never how much: the amount is in the Tax Code's licence-fee rates, outside the seeds. These
 * figures are CONFIGURABLE PLACEHOLDERS shaped like those rates (issue = full rate, re-issue = a tenth, duplicate =
 * full rate) and must be confirmed before release; `placeholder: true` travels with every answer so the UI says so.
 */
export const feeAmountSchema = z.object({
  mrp: z.number().positive(),
  placeholder: z.boolean(),
  /** true only when a regulation states the rate (catalogue `fee.rate.source === 'regulation'`): only then may a payment be judged short. */
  sourced: z.boolean(),
  basis: z.string().min(1),
});
export type FeeAmount = z.infer<typeof feeAmountSchema>;

const basis = 'Tax Code licence-fee rates (not in the seeds) [GAP]';
const bySubOperation: Record<string, FeeAmount> = {
  issue: { mrp: 10, placeholder: true, sourced: false, basis },
  reissue: { mrp: 1, placeholder: true, sourced: false, basis },
  duplicate: { mrp: 10, placeholder: true, sourced: false, basis },
};
/** Per service overrides, `serviceId/subOperation`; empty until the real amounts are known. */
export const feeOverrides: Record<string, FeeAmount> = {};

export interface RequiredFee {
  when: Fee['when'];
  amount: FeeAmount;
}

/** The fee a sub-operation requires (catalogue flag + configured amount), or null when none is due. */
export function requiredFee(service: Service, subOperationId: string): RequiredFee | null {
  const op = service.subOperations.find((o) => o.id === subOperationId);
  if (!op?.fee?.required) return null;
  const rate = op.fee.rate;
  const amount: FeeAmount =
    rate.source === 'regulation'
      ? { mrp: rate.amountMrp, placeholder: false, sourced: true, basis: rate.clause }
      : // A configured figure is still not a regulation's: it stays unsourced.
        { ...(feeOverrides[`${service.id}/${op.id}`] ?? bySubOperation[op.id] ?? { mrp: 10, placeholder: true, basis }), sourced: false };
  return { when: op.fee.when, amount };
}

/** Tenge due for `mrp` indices on the payment date; null when the date is before the МРП table. */
export function feeInTenge(mrp: number, paidOn: string): { tenge: number; mrpTenge: number; from: string } | null {
  const period = mrpOn(paidOn);
  if (!period) return null;
  return { tenge: Math.round(mrp * period.tenge), mrpTenge: period.tenge, from: period.from };
}
