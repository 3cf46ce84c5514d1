import { describe, expect, it } from 'vitest';
import { controlDigit, hasValidControlDigit } from './checkDigit';

// Each expected digit is worked out by hand in the comment: first weights 1..11, second weights 3..11,1,2.
const handWorked: { prefix: string; expected: number | null; working: string }[] = [
  {
    prefix: '00010150001',
    expected: 1,
    working: '1·4 + 1·6 + 5·7 + 1·11 = 56; 56 mod 11 = 1',
  },
  {
    prefix: '90010130081',
    expected: 1,
    working: '9·1+1·4+1·6+3·7+8·10+1·11 = 131 ≡ 10 → 9·3+1·6+1·8+3·9+8·1+1·2 = 78 ≡ 1',
  },
  {
    prefix: '06121160001',
    expected: 2,
    working: '6·2+1·3+2·4+1·5+1·6+6·7+1·11 = 87 ≡ 10 → 6·4+1·5+2·6+1·7+1·8+6·9+1·2 = 112 ≡ 2',
  },
  {
    prefix: '90010130080',
    expected: null,
    working: '120 ≡ 10 → 9·3+1·6+1·8+3·9+8·1 = 76 ≡ 10: never issued',
  },
  {
    prefix: '94014000038',
    expected: 5,
    working: '9+4·2+1·4+4·5+3·10+8·11 = 159; 159 − 154 = 5',
  },
  {
    prefix: '15024100021',
    expected: 9,
    working: '1+5·2+2·4+4·5+1·6+2·10+1·11 = 76 ≡ 10 → 1·3+5·4+2·6+4·7+1·8+2·1+1·2 = 75 ≡ 9',
  },
  {
    prefix: '15024100027',
    expected: null,
    working: '1+10+8+20+6+20+77 = 142 ≡ 10 → 3+20+12+28+8+2+14 = 87 ≡ 10: never issued',
  },
];

describe('controlDigit', () => {
  it.each(handWorked)('$prefix → $expected ($working)', ({ prefix, expected }) => {
    expect(controlDigit(prefix)).toBe(expected);
  });

  it('makes no 12th digit valid for a double-10 prefix', () => {
    for (let d = 0; d <= 9; d += 1) {
      expect(hasValidControlDigit(`90010130080${d}`)).toBe(false);
      expect(hasValidControlDigit(`15024100027${d}`)).toBe(false);
    }
  });

  it('accepts exactly one 12th digit for an issuable prefix', () => {
    const accepted = [...'0123456789'].filter((d) => hasValidControlDigit(`90010130081${d}`));
    expect(accepted).toEqual(['1']);
  });

  it('refuses input that is not 11 digits', () => {
    expect(() => controlDigit('1234')).toThrow(RangeError);
    expect(hasValidControlDigit('90010130081x')).toBe(false);
  });
});
