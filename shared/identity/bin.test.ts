import { describe, expect, it } from 'vitest';
import { generateBin, parseBin, validateBin, type BinReason } from './bin';

// Check digits worked by hand (weights 1..11; if 10, weights 3..11,1,2).
const valid = [
  {
    bin: '940140000385',
    registered: '1994-01',
    entityType: 'resident',
    division: 'head',
    serial: 38,
    working: '9+8+4+20+30+88 = 159 ≡ 5',
  },
  {
    bin: '990140004654',
    registered: '1999-01',
    entityType: 'resident',
    division: 'head',
    serial: 465,
    working: '9+18+4+20+36+60+55 = 202 ≡ 4',
  },
  {
    bin: '150241000011',
    registered: '2015-02',
    entityType: 'resident',
    division: 'branch',
    serial: 1,
    working: '1+10+8+20+6+11 = 56 ≡ 1',
  },
  {
    bin: '150241000219',
    registered: '2015-02',
    entityType: 'resident',
    division: 'branch',
    serial: 21,
    working: '76 ≡ 10 → 75 ≡ 9 (second weights)',
  },
  {
    bin: '070352000127',
    registered: '2007-03',
    entityType: 'non-resident',
    division: 'representative-office',
    serial: 12,
    working: '14+12+25+12+10+22 = 95 ≡ 7',
  },
  {
    bin: '121263000059',
    registered: '2012-12',
    entityType: 'joint-ip',
    division: 'peasant-farm',
    serial: 5,
    working: '1+4+3+8+30+18+55 = 119 ≡ 9',
  },
] as const;

const invalid: { input: string; reason: BinReason; why: string }[] = [
  { input: '940140000386', reason: 'identity:bin.checksum', why: 'control digit should be 5' },
  {
    input: '150241000277',
    reason: 'identity:bin.checksum',
    why: 'prefix gives 10 twice (142, 87): never issued',
  },
  { input: '941340000385', reason: 'identity:bin.registrationMonth', why: 'month 13' },
  { input: '940040000385', reason: 'identity:bin.registrationMonth', why: 'month 00' },
  { input: '940130000385', reason: 'identity:bin.entityType', why: '5th digit 3 (that is an ИИН day digit)' },
  { input: '940170000385', reason: 'identity:bin.entityType', why: '5th digit 7' },
  { input: '940144000385', reason: 'identity:bin.division', why: '6th digit 4' },
  { input: '94014000038', reason: 'identity:bin.length', why: '11 digits' },
  { input: '9401400003850', reason: 'identity:bin.length', why: '13 digits' },
  { input: '9401400003B5', reason: 'identity:bin.digits', why: 'a letter' },
  { input: '940140 000385', reason: 'identity:bin.digits', why: 'inner space' },
  { input: '\t940140000385', reason: 'identity:bin.digits', why: 'tab' },
  {
    input: '123456789021',
    reason: 'identity:bin.registrationMonth',
    why: 'the NCA test-certificate BIN (month 34)',
  },
];

describe('validateBin', () => {
  it.each(valid)('accepts $bin ($working)', ({ working: _working, ...expected }) => {
    expect(validateBin(expected.bin)).toEqual({ ok: true, ...expected });
  });

  it.each(invalid)('refuses "$input" with $reason: $why', ({ input, reason }) => {
    expect(validateBin(input)).toEqual({ ok: false, reason });
  });

  it('parseBin throws the reason', () => {
    expect(parseBin('940140000385').registered).toBe('1994-01');
    expect(() => parseBin('940140000386')).toThrow('identity:bin.checksum');
  });
});

describe('generateBin', () => {
  it('reproduces the hand-worked numbers', () => {
    for (const { bin, registered, entityType, division, serial } of valid) {
      expect(generateBin({ registered, entityType, division, serial })).toBe(bin);
    }
  });

  it('refuses an unissuable serial and bad input', () => {
    const base = { registered: '2015-02', entityType: 'resident', division: 'branch' } as const;
    expect(() => generateBin({ ...base, serial: 27 })).toThrow('identity:bin.unissuableSerial');
    expect(() => generateBin({ ...base, registered: '2015-13', serial: 1 })).toThrow(
      'identity:bin.registrationMonth',
    );
    expect(() => generateBin({ ...base, registered: '2050-01', serial: 1 })).toThrow(
      'identity:bin.registrationMonth',
    );
    expect(() => generateBin({ ...base, serial: 100000 })).toThrow('identity:bin.serialRange');
  });

  it('round-trips every entity type and division', () => {
    let made = 0;
    for (const entityType of ['resident', 'non-resident', 'joint-ip'] as const) {
      for (const division of ['head', 'branch', 'representative-office', 'peasant-farm'] as const) {
        for (let serial = 0; serial < 40; serial += 1) {
          let bin: string;
          try {
            bin = generateBin({ registered: '2024-07', entityType, division, serial });
          } catch {
            continue;
          }
          made += 1;
          expect(validateBin(bin)).toEqual({
            ok: true,
            bin,
            registered: '2024-07',
            entityType,
            division,
            serial,
          });
        }
      }
    }
    expect(made).toBeGreaterThan(400);
  });
});
