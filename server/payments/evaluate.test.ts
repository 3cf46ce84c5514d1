import { describe, expect, it } from 'vitest';
import { getService, type Service } from '@shared/catalogue';
import { feeInTenge, requiredFee } from '@shared/register/fees';
import { evaluatePayment } from './evaluate';

const paidOn = '2025-03-14';
const payerId = '100540000017';
const evidence = { documentNumber: 'PAY-1', paidOn, amountTenge: 1, payerId };
const record = (amountTenge: number) => ({ documentNumber: 'PAY-1', paidOn, amountTenge, payerId });

/** The same service with a rate a regulation states (what the data will say once an act gives the amount). */
function withSourcedRate(service: Service): Service {
  const copy = structuredClone(service);
  copy.subOperations[0]!.fee!.rate = { source: 'regulation', amountMrp: 10, clause: 'test clause' };
  return copy;
}

describe('payment verdicts follow whether a regulation states the rate', () => {
  it('every fee in the catalogue is unsourced today, because no seed states an amount', () => {
    for (const id of [
      'edu-licence-school',
      'heritage-licence',
      'telecom-licence',
      'radio-frequency-permit',
    ]) {
      const fee = requiredFee(getService(id), 'issue');
      expect(fee?.amount, id).toMatchObject({ sourced: false, placeholder: true });
    }
  });

  it('with an unsourced rate a smaller payment is recorded as evidence, never "amount short"', () => {
    const service = getService('edu-licence-school');
    const due = feeInTenge(10, paidOn)!.tenge;
    const result = evaluatePayment(service, 'issue', evidence, record(due - 1));
    expect(result).toMatchObject({
      outcome: 'confirmed',
      code: 'register:payment.recordedUnsourced',
      params: { paid: due - 1, reference: due },
    });
  });

  it('with a sourced rate a smaller payment is short and an equal one confirmed', () => {
    const service = withSourcedRate(getService('edu-licence-school'));
    const due = feeInTenge(10, paidOn)!.tenge;
    expect(requiredFee(service, 'issue')?.amount).toMatchObject({
      sourced: true,
      placeholder: false,
      basis: 'test clause',
    });
    expect(evaluatePayment(service, 'issue', evidence, record(due - 1))).toMatchObject({
      outcome: 'amount-short',
      params: { paid: due - 1, required: due },
    });
    expect(evaluatePayment(service, 'issue', evidence, record(due))).toMatchObject({
      outcome: 'confirmed',
      code: 'register:payment.confirmed',
    });
  });
});
