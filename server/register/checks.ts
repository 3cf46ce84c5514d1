import { sql } from 'kysely';
import { getService } from '@shared/catalogue/index';
import type { Manifest } from '@shared/manifest/manifest';
import { mismatchedFields } from '@shared/register/compare';
import { requiredFee } from '@shared/register/fees';
import { fromManifestForm } from '@shared/register/manifest-form';
import type { CheckKind, RegisterLookup } from '@shared/register/schemas';
import type { Db } from '../db/database';
import { evaluatePayment } from '../payments/evaluate';
import type { PaymentGateway } from '../payments/gateway';
import type { RegisterGateway } from './gateway';

export interface CheckDeps {
  db: Db;
  register: RegisterGateway;
  payments: PaymentGateway;
  now?: () => Date;
}

type Outcome = { status: 'passed' | 'failed'; code: string; params: Record<string, string | number> } | { status: 'pending'; reason: string };

/** The register check: the subject must exist, and the identifying fields the operator accepted must agree. */
export async function registerOutcome(register: RegisterGateway, manifest: Manifest): Promise<Outcome> {
  const part = fromManifestForm(manifest.form);
  let answer: RegisterLookup | null;
  try {
    const retrievedAt = new Date().toISOString();
    if (manifest.applicant.kind === 'individual') {
      const record = await register.findIndividual(manifest.applicant.id);
      answer = record ? { kind: 'individual', record, retrievedAt } : null;
    } else {
      const record = await register.findLegalEntity(manifest.applicant.id);
      answer = record ? { kind: 'legal-entity', record, retrievedAt } : null;
    }
  } catch (error) {
    return { status: 'pending', reason: String(error) };
  }
  const id = manifest.applicant.id;
  if (!answer) return { status: 'failed', code: 'register:check.noData', params: { id } };
  const fields = mismatchedFields(answer, part.applicant);
  if (fields.length) return { status: 'failed', code: 'register:check.mismatch', params: { id, fields: fields.join(',') } };
  return { status: 'passed', code: 'register:check.passed', params: { id } };
}

/** The payment check for a fee due before signing: the manifest must carry evidence the gateway confirms. */
export async function paymentOutcome(payments: PaymentGateway, manifest: Manifest): Promise<Outcome> {
  const part = fromManifestForm(manifest.form);
  if (!part.payment) return { status: 'failed', code: 'register:payment.missing', params: {} };
  try {
    const record = await payments.findPayment(part.payment.documentNumber);
    const result = evaluatePayment(getService(manifest.serviceId), manifest.subOperation, part.payment, record);
    return { status: result.outcome === 'confirmed' || result.outcome === 'not-required' ? 'passed' : 'failed', code: result.code, params: result.params };
  } catch (error) {
    return { status: 'pending', reason: String(error) };
  }
}

/** Which checks an application asks for: only those the desk declared in the manifest (older clients ask none). */
export function checksFor(manifest: Manifest): CheckKind[] {
  const part = fromManifestForm(manifest.form);
  const kinds: CheckKind[] = [];
  if (part.registerCheck) kinds.push('register');
  let fee = null;
  try {
    fee = requiredFee(getService(manifest.serviceId), manifest.subOperation);
  } catch {
    fee = null;
  }
  if (part.paymentCheck && fee?.when === 'before-signing') kinds.push('payment');
  return kinds;
}

/**
 * Stores an outcome. A decided outcome (passed/failed) always moves the row to the feed's end, even if unchanged:
 * an operator who retried a flagged application must be told again, never left believing it went through.
 */
export async function saveOutcome(db: Db, applicationId: string, kind: CheckKind, outcome: Outcome, now: Date): Promise<void> {
  if (outcome.status === 'pending') {
    await db
      .updateTable('application_checks')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), params: JSON.stringify({ lastError: outcome.reason.slice(0, 200) }) }))
      .where('application_id', '=', applicationId)
      .where('kind', '=', kind)
      .execute();
    return;
  }
  await db
    .updateTable('application_checks')
    .set((eb) => ({
      status: outcome.status,
      code: outcome.code,
      params: JSON.stringify(outcome.params),
      attempts: eb('attempts', '+', 1),
      checked_at: now,
      updated_at: now,
      feed_seq: sql<string>`nextval('feed_seq')`,
    }))
    .where('application_id', '=', applicationId)
    .where('kind', '=', kind)
    .execute();
}

async function run(deps: CheckDeps, manifest: Manifest, kind: CheckKind): Promise<void> {
  const outcome = kind === 'register' ? await registerOutcome(deps.register, manifest) : await paymentOutcome(deps.payments, manifest);
  await saveOutcome(deps.db, manifest.applicationId, kind, outcome, deps.now?.() ?? new Date());
}

const parseManifest = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Manifest;

/**
 * Runs the deferred checks of an application that just reached the API (first arrival or a replay). Checks that
 * passed are final; pending and failed ones run again, so an operator's retry re-asks the registers.
 */
export async function onApplicationArrived(deps: CheckDeps, applicationId: string): Promise<void> {
  const row = await deps.db.selectFrom('applications').select(['manifest', 'centre_id']).where('id', '=', applicationId).executeTakeFirst();
  if (!row) return;
  const manifest = parseManifest(row.manifest);
  const kinds = checksFor(manifest);
  if (!kinds.length) return;
  await deps.db
    .insertInto('application_checks')
    .values(kinds.map((kind) => ({ application_id: applicationId, kind, centre_id: row.centre_id, status: 'pending' })))
    .onConflict((oc) => oc.columns(['application_id', 'kind']).doNothing())
    .execute();
  const open = await deps.db
    .selectFrom('application_checks')
    .select('kind')
    .where('application_id', '=', applicationId)
    .where('status', '!=', 'passed')
    .execute();
  for (const { kind } of open) await run(deps, manifest, kind as CheckKind);
}

/** Re-asks the registers for a centre's checks still pending (the register was down); called as the centre polls. */
export async function retryPending(deps: CheckDeps, centreId: string, limit = 20): Promise<void> {
  const pending = await deps.db
    .selectFrom('application_checks')
    .innerJoin('applications', 'applications.id', 'application_checks.application_id')
    .select(['application_checks.kind', 'applications.manifest'])
    .where('application_checks.centre_id', '=', centreId)
    .where('application_checks.status', '=', 'pending')
    .orderBy('application_checks.feed_seq')
    .limit(limit)
    .execute();
  for (const p of pending) await run(deps, parseManifest(p.manifest), p.kind as CheckKind);
}

/** Records a check made after the decision (the spectrum permit's fee), on an application of the caller's centre. */
export async function recordPaymentCheck(db: Db, applicationId: string, centreId: string, outcome: Outcome, now: Date): Promise<boolean> {
  const app = await db.selectFrom('applications').select('id').where('id', '=', applicationId).where('centre_id', '=', centreId).executeTakeFirst();
  if (!app) return false;
  await db
    .insertInto('application_checks')
    .values({ application_id: applicationId, kind: 'payment', centre_id: centreId, status: 'pending' })
    .onConflict((oc) => oc.columns(['application_id', 'kind']).doNothing())
    .execute();
  await saveOutcome(db, applicationId, 'payment', outcome, now);
  return true;
}
