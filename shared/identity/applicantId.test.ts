import { describe, expect, it } from 'vitest';
import { identifyApplicantId, normalizeIdInput } from './applicantId';
import { applicantIdSchema, binSchema, iinSchema } from './schemas';

describe('identifyApplicantId', () => {
  it.each([
    ['900101300811', 'iin', true],
    ['900101300812', 'iin', false],
    ['940140000385', 'bin', true],
    ['940140000386', 'bin', false],
    ['121263000059', 'bin', true],
  ] as const)('%s is an %s (valid: %s)', (input, kind, ok) => {
    const found = identifyApplicantId(input);
    expect(found.kind).toBe(kind);
    expect(found.result.ok).toBe(ok);
  });

  it.each([
    ['940170000385', 'identity:applicantId.kind'],
    ['94014000038', 'identity:applicantId.length'],
    ['94014000038x', 'identity:applicantId.digits'],
    ['', 'identity:applicantId.length'],
  ])('%s is neither: %s', (input, reason) => {
    expect(identifyApplicantId(input)).toEqual({ kind: 'unknown', result: { ok: false, reason } });
  });
});

describe('normalizeIdInput', () => {
  it('drops grouping spaces and hyphens but keeps letters', () => {
    expect(normalizeIdInput(' 900101 300811\n')).toBe('900101300811');
    expect(normalizeIdInput('900101\u00a0300\u202f811')).toBe('900101300811');
    expect(normalizeIdInput('9401-4000-0385')).toBe('940140000385');
    expect(normalizeIdInput('94014000038O')).toBe('94014000038O');
  });
});

describe('zod schemas', () => {
  it('pass valid numbers through', () => {
    expect(iinSchema.parse('900101300811')).toBe('900101300811');
    expect(binSchema.parse('940140000385')).toBe('940140000385');
    expect(applicantIdSchema.parse('940140000385')).toBe('940140000385');
  });

  it('report the reason key as the issue message', () => {
    const iin = iinSchema.safeParse('000229300015');
    expect(iin.success).toBe(false);
    expect(iin.error?.issues[0]?.message).toBe('identity:iin.birthDate');
    expect(binSchema.safeParse('900101300811').error?.issues[0]?.message).toBe('identity:bin.entityType');
    expect(applicantIdSchema.safeParse('900101300812').error?.issues[0]?.message).toBe(
      'identity:iin.checksum',
    );
  });
});
