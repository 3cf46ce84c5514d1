import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { generateIin, parseIin, validateIin, type IinReason } from './iin';

// Expected check digits worked by hand (weights 1..11; if 10, weights 3..11,1,2), shown per row.
const valid: { iin: string; birthDate: string; sex: 'male' | 'female'; century: number; working: string }[] =
  [
    {
      iin: '900101300811',
      birthDate: '1990-01-01',
      sex: 'male',
      century: 1900,
      working: '131 ≡ 10 → 78 ≡ 1 (second weights)',
    },
    {
      iin: '061211600012',
      birthDate: '2006-12-11',
      sex: 'female',
      century: 2000,
      working: '87 ≡ 10 → 112 ≡ 2 (second weights)',
    },
    {
      iin: '000101500011',
      birthDate: '2000-01-01',
      sex: 'male',
      century: 2000,
      working: '4+6+35+11 = 56 ≡ 1',
    },
    {
      iin: '000229500018',
      birthDate: '2000-02-29',
      sex: 'male',
      century: 2000,
      working: 'leap day of 2000: 2·4+2·5+9·6+5·7+1·11 = 118 ≡ 8',
    },
    {
      iin: '960229400010',
      birthDate: '1996-02-29',
      sex: 'female',
      century: 1900,
      working: 'leap day of 1996: 9+12+8+10+54+28+11 = 132 ≡ 0',
    },
    {
      iin: '850315100016',
      birthDate: '1885-03-15',
      sex: 'male',
      century: 1800,
      working: '8+10+12+5+30+7+11 = 83 ≡ 6',
    },
    {
      iin: '850315200012',
      birthDate: '1885-03-15',
      sex: 'female',
      century: 1800,
      working: '8+10+12+5+30+14+11 = 90 ≡ 2',
    },
  ];

const invalid: { input: string; reason: IinReason; why: string }[] = [
  { input: '900101300812', reason: 'identity:iin.checksum', why: 'control digit should be 1' },
  { input: '900101300810', reason: 'identity:iin.checksum', why: 'control digit should be 1' },
  {
    input: '900101300800',
    reason: 'identity:iin.checksum',
    why: 'prefix gives 10 twice (120, 76): never issued',
  },
  { input: '900101300809', reason: 'identity:iin.checksum', why: 'prefix gives 10 twice: no digit helps' },
  {
    input: '000229300015',
    reason: 'identity:iin.birthDate',
    why: '1900 is not a leap year (checksum 104 ≡ 5 is right)',
  },
  { input: '970229400011', reason: 'identity:iin.birthDate', why: '1997 is not a leap year' },
  {
    input: '901301300817',
    reason: 'identity:iin.birthDate',
    why: 'month 13 (checksum 142 ≡ 10 → 95 ≡ 7 is right)',
  },
  { input: '900001300811', reason: 'identity:iin.birthDate', why: 'month 00' },
  { input: '900431300811', reason: 'identity:iin.birthDate', why: '31 April' },
  { input: '900100300811', reason: 'identity:iin.birthDate', why: 'day 00' },
  { input: '900101700811', reason: 'identity:iin.centuryDigit', why: '7th digit 7' },
  { input: '900101900811', reason: 'identity:iin.centuryDigit', why: '7th digit 9' },
  { input: '900101000810', reason: 'identity:iin.centuryDigit', why: '7th digit 0 is refused by default' },
  { input: '90010130081', reason: 'identity:iin.length', why: '11 digits' },
  { input: '9001013008110', reason: 'identity:iin.length', why: '13 digits' },
  { input: '', reason: 'identity:iin.length', why: 'empty' },
  { input: '90010130081a', reason: 'identity:iin.digits', why: 'a letter' },
  { input: '９00101300811', reason: 'identity:iin.digits', why: 'full-width digit' },
  { input: ' 900101300811', reason: 'identity:iin.digits', why: 'leading space' },
  { input: '900101300811 ', reason: 'identity:iin.digits', why: 'trailing space' },
  { input: '900101 300811', reason: 'identity:iin.digits', why: 'inner space' },
  { input: '900101300811\n', reason: 'identity:iin.digits', why: 'newline' },
  {
    input: '123456789011',
    reason: 'identity:iin.centuryDigit',
    why: 'the NCA test-certificate IIN (7th digit 7)',
  },
];

describe('validateIin', () => {
  it.each(valid)('accepts $iin ($working)', ({ iin, birthDate, sex, century }) => {
    expect(validateIin(iin)).toEqual({ ok: true, iin, birthDate, sex, century });
  });

  it.each(invalid)('refuses "$input" with $reason: $why', ({ input, reason }) => {
    expect(validateIin(input)).toEqual({ ok: false, reason });
  });

  it('accepts a 7th digit 0 only when asked, without decoding a birth date', () => {
    // 9+4+6+80+11 = 110 ≡ 0
    expect(validateIin('900101000810', { allowUnknownCentury: true })).toEqual({
      ok: true,
      iin: '900101000810',
      birthDate: null,
      sex: null,
      century: null,
    });
    expect(validateIin('900101000811', { allowUnknownCentury: true })).toEqual({
      ok: false,
      reason: 'identity:iin.checksum',
    });
  });
});

describe('parseIin', () => {
  it('decodes birth date, sex and century', () => {
    expect(parseIin('061211600012')).toEqual({
      iin: '061211600012',
      birthDate: '2006-12-11',
      sex: 'female',
      century: 2000,
    });
  });

  it('throws an AppError carrying the reason key', () => {
    const error = (() => {
      try {
        parseIin('900101300812');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('identity:iin.checksum');
  });
});

/** A deliberately naive second implementation, to compare against on many numbers. */
function referenceCheck(first11: string): number | null {
  const d = first11.split('').map((c) => c.charCodeAt(0) - 48);
  let a = 0;
  for (let i = 0; i < 11; i += 1) a += d[i]! * (i + 1);
  if (a % 11 !== 10) return a % 11;
  let b = 0;
  for (let i = 0; i < 11; i += 1) b += d[i]! * (((i + 2) % 11) + 1);
  return b % 11 === 10 ? null : b % 11;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('generateIin', () => {
  it('reproduces the hand-worked numbers', () => {
    expect(generateIin({ birthDate: '1990-01-01', sex: 'male', serial: 81 })).toBe('900101300811');
    expect(generateIin({ birthDate: '2006-12-11', sex: 'female', serial: 1 })).toBe('061211600012');
    expect(generateIin({ birthDate: '2000-02-29', sex: 'male', serial: 1 })).toBe('000229500018');
    expect(generateIin({ birthDate: '1885-03-15', sex: 'female', serial: 1 })).toBe('850315200012');
  });

  it('refuses an unissuable serial, an impossible date and an out-of-range serial', () => {
    expect(() => generateIin({ birthDate: '1990-01-01', sex: 'male', serial: 80 })).toThrow(
      'identity:iin.unissuableSerial',
    );
    expect(() => generateIin({ birthDate: '1900-02-29', sex: 'male', serial: 1 })).toThrow(
      'identity:iin.birthDate',
    );
    expect(() => generateIin({ birthDate: '2100-01-01', sex: 'male', serial: 1 })).toThrow(
      'identity:iin.birthDate',
    );
    expect(() => generateIin({ birthDate: '1990-01-01', sex: 'male', serial: 10000 })).toThrow(
      'identity:iin.serialRange',
    );
  });

  it('round-trips random people and agrees with the reference check digit', () => {
    const random = prng(20260320);
    let unissuable = 0;
    for (let n = 0; n < 3000; n += 1) {
      const year = 1800 + Math.floor(random() * 300);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const sex = random() < 0.5 ? 'male' : 'female';
      const serial = Math.floor(random() * 10000);
      let iin: string;
      try {
        iin = generateIin({ birthDate, sex, serial });
      } catch (e) {
        expect((e as AppError).code).toBe('identity:iin.unissuableSerial');
        unissuable += 1;
        continue;
      }
      expect(Number(iin[11])).toBe(referenceCheck(iin.slice(0, 11)));
      expect(parseIin(iin)).toMatchObject({ birthDate, sex, century: Math.floor(year / 100) * 100 });
    }
    // Roughly 1 prefix in 121 is unissuable; the bound only guards against a broken generator.
    expect(unissuable).toBeGreaterThan(0);
    expect(unissuable).toBeLessThan(100);
  });

  it('agrees with the reference on random 12-digit strings', () => {
    const random = prng(7);
    for (let n = 0; n < 3000; n += 1) {
      const s = Array.from({ length: 12 }, () => Math.floor(random() * 10)).join('');
      const expected = referenceCheck(s.slice(0, 11));
      const result = validateIin(s);
      if (result.ok) expect(Number(s[11])).toBe(expected);
      else if (result.reason === 'identity:iin.checksum') expect(Number(s[11])).not.toBe(expected);
    }
  });
});
