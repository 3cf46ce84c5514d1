import { controlDigit, hasValidControlDigit } from '../../shared/identity/checkDigit';

// The test PKI's ИИН/БИН helpers, on the production check-digit rule (shared/identity/checkDigit.ts) rather than
// a copy of it: a TEST certificate's number is valid exactly when the workstation would accept it.

/** The check digit for an 11-digit prefix; undefined for a prefix that is never issued. */
export function checkDigit(prefix11: string): number | undefined {
  if (!/^\d{11}$/.test(prefix11)) throw new Error(`need 11 digits, got ${prefix11}`);
  return controlDigit(prefix11) ?? undefined;
}

/** Completes an 11-digit prefix into a valid ИИН/БИН; throws for prefixes that can never be issued. */
export function withCheckDigit(prefix11: string): string {
  const digit = checkDigit(prefix11);
  if (digit === undefined) throw new Error(`prefix ${prefix11} has no valid check digit`);
  return `${prefix11}${digit}`;
}

export const isValidIinOrBin = hasValidControlDigit;
