import type { Db } from '../db/database';

export interface PaymentRecord {
  documentNumber: string;
  paidOn: string;
  amountTenge: number;
  payerId: string;
}

/** The seam to the payment gateway (ЭҮТШ): `null` = no such payment; a throw = the gateway did not answer. */
export interface PaymentGateway {
  findPayment(documentNumber: string): Promise<PaymentRecord | null>;
}

/** Reference implementation over the `payments` table. */
export function databasePaymentGateway(db: Db): PaymentGateway {
  return {
    async findPayment(documentNumber) {
      const row = await db.selectFrom('payments').selectAll().where('document_number', '=', documentNumber.trim()).executeTakeFirst();
      return row ? { documentNumber: row.document_number, paidOn: row.paid_on, amountTenge: Number(row.amount_tenge), payerId: row.payer_id } : null;
    },
  };
}

/** Records payments as the gateway would report them (tests, and the dev seed). */
export async function recordPayments(db: Db, payments: (PaymentRecord & { purpose?: string })[]): Promise<void> {
  if (!payments.length) return;
  await db
    .insertInto('payments')
    .values(payments.map((p) => ({ document_number: p.documentNumber, paid_on: p.paidOn, amount_tenge: p.amountTenge, payer_id: p.payerId, purpose: p.purpose ?? null })))
    .onConflict((oc) => oc.column('document_number').doNothing())
    .execute();
}
