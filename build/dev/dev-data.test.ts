import { describe, expect, it } from 'vitest';
import { catalogue } from '../../shared/catalogue/index';
import { paymentEvidenceSchema } from '../../shared/register/schemas';
import { feeInTenge, requiredFee } from '../../shared/register/fees';
import { generatePopulation } from '../../shared/register/generator';
import { devSamplePayments } from './dev-data';

describe('npm start sample payments', () => {
  it('gives every fee-bearing service a valid payment of the fee due, by an applicant the register knows', () => {
    const today = '2026-12-02';
    const payments = devSamplePayments(today);
    const { individuals, legalEntities } = generatePopulation();
    const known = new Set([...individuals.map((p) => p.iin), ...legalEntities.map((e) => e.bin)]);
    const feeBearing = catalogue.flatMap((s) =>
      s.subOperations.filter((o) => requiredFee(s, o.id)).map((o) => `${s.id}/${o.id}`),
    );
    expect(feeBearing.length).toBeGreaterThan(0);
    expect(payments.map((p) => p.purpose).sort()).toEqual(feeBearing.sort());
    for (const p of payments) {
      const [serviceId, opId] = p.purpose.split('/') as [string, string];
      const service = catalogue.find((s) => s.id === serviceId)!;
      expect(paymentEvidenceSchema.safeParse(p).success).toBe(true);
      expect(p.amountTenge).toBe(feeInTenge(requiredFee(service, opId)!.amount.mrp, today)!.tenge);
      expect(known.has(p.payerId)).toBe(true);
    }
    expect(new Set(payments.map((p) => p.documentNumber)).size).toBe(payments.length);
  });
});
