import type { Service } from '@shared/catalogue';
import type { ManifestOverride, OverrideCheck } from '@shared/manifest/overrides';
import { requiredFee } from '@shared/register/fees';

/**
 * What must hold before an application may be signed and queued, beside a complete package:
 * - payment: where the fee is due before signing, the payment check said "paid" — or the operator recorded an
 *   override (reason + note) that is signed into the manifest;
 * - register: an applicant the register answered "not found" for is not accepted without an override; when the
 *   register could not be asked (offline) the check is *deferred*: the server makes it on arrival and the receipt
 *   says so.
 */
export type GateStatus = 'passed' | 'overridden' | 'blocked' | 'deferred';
export interface Gate {
  check: OverrideCheck;
  status: GateStatus;
  override?: ManifestOverride;
}

export interface GateInput {
  service: Service;
  subOperation: string;
  /** Outcome of the last online payment check of the evidence as it stands now (none after an edit). */
  paymentOutcome?: string | undefined;
  /** What the register said about this applicant number, if it was asked. */
  registerState?: 'found' | 'cached' | 'not-found' | 'unavailable' | undefined;
  overrides: readonly ManifestOverride[];
}

export function signingGates({
  service,
  subOperation,
  paymentOutcome,
  registerState,
  overrides,
}: GateInput): Gate[] {
  const overrideOf = (check: OverrideCheck) => overrides.find((o) => o.check === check);
  const gates: Gate[] = [];
  if (requiredFee(service, subOperation)?.when === 'before-signing') {
    const o = overrideOf('payment');
    gates.push(
      paymentOutcome === 'confirmed'
        ? { check: 'payment', status: 'passed' }
        : o
          ? { check: 'payment', status: 'overridden', override: o }
          : { check: 'payment', status: 'blocked' },
    );
  }
  if (registerState === 'not-found') {
    const o = overrideOf('register');
    gates.push(
      o ? { check: 'register', status: 'overridden', override: o } : { check: 'register', status: 'blocked' },
    );
  } else if (registerState === 'found' || registerState === 'cached')
    gates.push({ check: 'register', status: 'passed' });
  else gates.push({ check: 'register', status: 'deferred' });
  return gates;
}

export const gatesClear = (gates: readonly Gate[]) => gates.every((g) => g.status !== 'blocked');

/** Only overrides of a check that actually failed are signed: a stale one (the payment passed after all) is not. */
export const signedOverrides = (gates: readonly Gate[]): ManifestOverride[] =>
  gates.flatMap((g) => (g.status === 'overridden' && g.override ? [g.override] : []));
