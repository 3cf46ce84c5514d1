/**
 * Check digit of a 12-digit ИИН/БИН (same rule for both): weights 1..11 mod 11; if that gives 10, weights
 * 3..11,1,2 mod 11; a second 10 means the prefix is never issued. Private to the test PKI so it does not wait on
 * shared/identity; the production validator lives there.
 */
export function checkDigit(prefix11: string): number | undefined {
  if (!/^\d{11}$/.test(prefix11)) throw new Error(`need 11 digits, got ${prefix11}`);
  const digits = [...prefix11].map(Number);
  const weighted = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  const first = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (first !== 10) return first;
  const second = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return second === 10 ? undefined : second;
}

/** Completes an 11-digit prefix into a valid ИИН/БИН; throws for prefixes that can never be issued. */
export function withCheckDigit(prefix11: string): string {
  const digit = checkDigit(prefix11);
  if (digit === undefined) throw new Error(`prefix ${prefix11} has no valid check digit`);
  return `${prefix11}${digit}`;
}

export function isValidIinOrBin(value: string): boolean {
  return /^\d{12}$/.test(value) && checkDigit(value.slice(0, 11)) === Number(value[11]);
}
