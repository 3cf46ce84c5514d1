import { fixtureLegalEntities, generatePopulation, type TestPopulation } from '@shared/register/generator';
import type { Db } from '../db/database';

/**
 * Fills the reference register with the deterministic test population (idempotent: existing rows are kept), so
 * every fresh database, test or `npm start`, knows the same people and organisations.
 */
export async function seedRegister(db: Db, population: TestPopulation = generatePopulation()): Promise<void> {
  const individuals = population.individuals.map((p) => ({
    iin: p.iin,
    surname: p.surname,
    name: p.name,
    patronymic: p.patronymic,
    birth_date: p.birthDate,
    address: p.address,
  }));
  const entities = [...population.legalEntities, ...fixtureLegalEntities].map((e) => ({
    bin: e.bin,
    name: e.name,
    legal_address: e.legalAddress,
    head_iin: e.head.iin,
    head_name: e.head.fullName,
    registered_on: e.registeredOn,
  }));
  if (individuals.length) await db.insertInto('register_individuals').values(individuals).onConflict((oc) => oc.column('iin').doNothing()).execute();
  if (entities.length) await db.insertInto('register_legal_entities').values(entities).onConflict((oc) => oc.column('bin').doNothing()).execute();
}
