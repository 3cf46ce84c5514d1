import type { IndividualRecord, LegalEntityRecord } from '@shared/register/schemas';
import { AppError } from '@shared/errors';
import type { Db } from '../db/database';

/**
 * The one seam to the state registers. A real adapter (ЭҮШ → ЖТ МДҚ / ЗТ МДҚ) implements exactly this: `null`
 * means the register answered and has no such subject; a thrown `RegisterUnavailable` means it did not answer
 * (timeout, 5xx), so a deferred check stays pending instead of failing.
 */
export interface RegisterGateway {
  findIndividual(iin: string): Promise<IndividualRecord | null>;
  findLegalEntity(bin: string): Promise<LegalEntityRecord | null>;
}

export class RegisterUnavailable extends AppError {
  constructor(detail?: string) {
    super('register:lookup.unavailable', undefined, detail ?? 'state register did not answer');
  }
}

/** The reference implementation: the register tables in this API's own database, seeded with test subjects. */
export function databaseRegisterGateway(db: Db): RegisterGateway {
  return {
    async findIndividual(iin) {
      const row = await db.selectFrom('register_individuals').selectAll().where('iin', '=', iin).executeTakeFirst();
      return row ? { iin: row.iin, surname: row.surname, name: row.name, patronymic: row.patronymic, birthDate: row.birth_date, address: row.address } : null;
    },
    async findLegalEntity(bin) {
      const row = await db.selectFrom('register_legal_entities').selectAll().where('bin', '=', bin).executeTakeFirst();
      return row
        ? { bin: row.bin, name: row.name, legalAddress: row.legal_address, head: { iin: row.head_iin, fullName: row.head_name }, registeredOn: row.registered_on }
        : null;
    },
  };
}

/** Bounds a gateway's answer time so a slow register turns into "pending", never into a hung request. */
export function withTimeout(gateway: RegisterGateway, ms: number): RegisterGateway {
  const bounded = <T>(p: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RegisterUnavailable(`no answer in ${ms} ms`)), ms);
      p.then(
        (v) => (clearTimeout(timer), resolve(v)),
        (e: unknown) => (clearTimeout(timer), reject(e instanceof RegisterUnavailable ? e : new RegisterUnavailable(String(e)))),
      );
    });
  return { findIndividual: (iin) => bounded(gateway.findIndividual(iin)), findLegalEntity: (bin) => bounded(gateway.findLegalEntity(bin)) };
}
