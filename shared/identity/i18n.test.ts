import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/translate';
import { binDivisions, binEntityTypes, binReasons } from './bin';
import { iinReasons } from './iin';

// Every key this module can hand to the UI must exist in both languages.
const keys = [
  ...iinReasons,
  ...binReasons,
  'identity:iin.serialRange',
  'identity:iin.unissuableSerial',
  'identity:bin.serialRange',
  'identity:bin.unissuableSerial',
  'identity:applicantId.digits',
  'identity:applicantId.length',
  'identity:applicantId.kind',
  'identity:sex.male',
  'identity:sex.female',
  ...Object.values(binEntityTypes).map((v) => `identity:entityType.${v}`),
  ...Object.values(binDivisions).map((v) => `identity:division.${v}`),
];

describe('identity messages', () => {
  it.each(['kk', 'ru'] as const)('exist in %s', async (lng) => {
    const i18n = await createI18n(lng);
    expect(i18n.exists('identity:iin.noSuchKey')).toBe(false);
    for (const key of keys) expect(i18n.exists(key), `${lng} ${key}`).toBe(true);
  });
});
