/**
 * The ИИН/БИН control digit (12th digit), the same algorithm for both numbers.
 *
 * [EXT] Rules for forming identification numbers, Government decree of the RK No 406 of 22.05.2007
 * (adilet P070000406), as implemented by valery1707/kaz-person-id and cross-checked in
 * ../../../shared/research/kz-pki-and-signing.md §3:
 *   1. k = Σ dᵢ·i (i = 1..11) mod 11;
 *   2. if k = 10, k = Σ dᵢ·vᵢ mod 11 with v = 3,4,5,6,7,8,9,10,11,1,2;
 *   3. if k is still 10 the prefix is never issued: no 12th digit can make it valid.
 */
const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum % 11;
}

/**
 * The control digit for the first 11 digits, or `null` when both weight sets give 10 (an unissuable prefix).
 * `first11` must be exactly 11 ASCII digits; callers validate the shape first.
 */
export function controlDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('controlDigit expects exactly 11 digits');
  const digits = [...first11].map(Number);
  const k1 = weightedMod11(digits, firstWeights);
  if (k1 !== 10) return k1;
  const k2 = weightedMod11(digits, secondWeights);
  return k2 === 10 ? null : k2;
}

/** True when the 12-digit string's last digit matches its control digit. */
export function hasValidControlDigit(twelveDigits: string): boolean {
  if (!/^\d{12}$/.test(twelveDigits)) return false;
  const expected = controlDigit(twelveDigits.slice(0, 11));
  return expected !== null && expected === Number(twelveDigits[11]);
}
