import { catalogue } from '../../shared/catalogue/index';
import { feeInTenge, requiredFee } from '../../shared/register/fees';
import { generatePopulation } from '../../shared/register/generator';

export interface DevPayment {
  documentNumber: string;
  paidOn: string;
  amountTenge: number;
  payerId: string;
  purpose: string;
}

/**
 * `npm start`'s sample payments: one per fee-bearing service and sub-operation, made today by an applicant the
 * reference register knows (a company where the service serves legal entities, else a person), for exactly the
 * fee due. Typed into the intake's payment block, each passes the payment check by hand (README "Trying it").
 */
export function devSamplePayments(today: string): DevPayment[] {
  const { individuals, legalEntities } = generatePopulation();
  const out: DevPayment[] = [];
  catalogue.forEach((service, s) => {
    for (const op of service.subOperations) {
      const fee = requiredFee(service, op.id);
      const due = fee && feeInTenge(fee.amount.mrp, today);
      if (!due) continue;
      const payerId = service.applicantKinds.includes('legal-entity')
        ? legalEntities[s % legalEntities.length]!.bin
        : individuals[s % individuals.length]!.iin;
      out.push({
        documentNumber: `DEV-${service.id}-${op.id}`.toUpperCase(),
        paidOn: today,
        amountTenge: due.tenge,
        payerId,
        purpose: `${service.id}/${op.id}`,
      });
    }
  });
  return out;
}
