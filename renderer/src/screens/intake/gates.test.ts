import { describe, expect, it } from 'vitest';
import { getService } from '@shared/catalogue';
import type { ManifestOverride } from '@shared/manifest/overrides';
import { requiredFee } from '@shared/register/fees';
import { gatesClear, signedOverrides, signingGates } from './gates';

const licence = getService('edu-licence-school');
const free = getService('school-enrolment');
const paymentOverride: ManifestOverride = {
  check: 'payment',
  reason: 'receipt-seen-gateway-down',
  note: 'квитанция КВ-17 көрілді',
};
const registerOverride: ManifestOverride = {
  check: 'register',
  reason: 'recently-registered',
  note: 'тіркеу куәлігі 2026-11-30',
};

describe('gates before signing', () => {
  it('a fee due before signing blocks until the payment check says paid, or an override is recorded', () => {
    expect(requiredFee(licence, 'issue')?.when).toBe('before-signing');
    const base = { service: licence, subOperation: 'issue', registerState: 'found' as const, overrides: [] };
    for (const outcome of [undefined, 'not-found', 'amount-short', 'payer-mismatch']) {
      const gates = signingGates({ ...base, paymentOutcome: outcome });
      expect(gates.find((g) => g.check === 'payment')?.status).toBe('blocked');
      expect(gatesClear(gates)).toBe(false);
    }
    const paid = signingGates({ ...base, paymentOutcome: 'confirmed', overrides: [paymentOverride] });
    expect(paid.map((g) => g.status)).toEqual(['passed', 'passed']);
    // an override of a check that passed after all is not signed: the manifest carries only what was needed
    expect(signedOverrides(paid)).toEqual([]);
    const overridden = signingGates({
      ...base,
      paymentOutcome: 'amount-short',
      overrides: [paymentOverride],
    });
    expect(gatesClear(overridden)).toBe(true);
    expect(signedOverrides(overridden)).toEqual([paymentOverride]);
  });

  it('an applicant the register does not know blocks until overridden; an unreachable register defers the check', () => {
    const base = {
      service: free,
      subOperation: free.subOperations[0]!.id,
      overrides: [] as ManifestOverride[],
    };
    expect(signingGates({ ...base, registerState: 'not-found' })).toEqual([
      { check: 'register', status: 'blocked' },
    ]);
    expect(signingGates({ ...base, registerState: 'not-found', overrides: [registerOverride] })).toEqual([
      { check: 'register', status: 'overridden', override: registerOverride },
    ]);
    expect(signingGates({ ...base, registerState: 'unavailable' })).toEqual([
      { check: 'register', status: 'deferred' },
    ]);
    expect(gatesClear(signingGates({ ...base, registerState: 'unavailable' }))).toBe(true);
    expect(signingGates({ ...base, registerState: 'cached' })).toEqual([
      { check: 'register', status: 'passed' },
    ]);
    // a register override never excuses the payment
    expect(
      gatesClear(
        signingGates({
          service: licence,
          subOperation: 'issue',
          registerState: 'not-found',
          overrides: [registerOverride],
        }),
      ),
    ).toBe(false);
  });
});
