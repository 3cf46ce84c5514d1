import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/translate';
import { defaultCalendar } from './kazakhstan';
import type { DayKind } from './workingDays';

const dayKinds: DayKind[] = [
  'working',
  'weekend',
  'holiday',
  'carry-over',
  'transfer-day-off',
  'transfer-working',
];
const keys = [
  'identity:calendar.invalidDate',
  'identity:calendar.invalidCount',
  'identity:calendar.yearNotCovered',
  'identity:calendar.invalidCalendar',
  ...dayKinds.map((k) => `identity:calendar.dayKind.${k}`),
  ...[...defaultCalendar.fixedHolidays, ...defaultCalendar.movableHolidays].map(
    (h) => `identity:calendar.holiday.${h.holiday}`,
  ),
];

describe('calendar messages', () => {
  it.each(['kk', 'ru'] as const)('exist in %s', async (lng) => {
    const i18n = await createI18n(lng);
    for (const key of keys) expect(i18n.exists(key), `${lng} ${key}`).toBe(true);
  });
});
