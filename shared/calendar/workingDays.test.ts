import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { defaultCalendar, calendarVersion } from './kazakhstan';
import { calendarSchema } from './schema';
import {
  addCalendarDays,
  addWorkingDays,
  describeDay,
  isWorkingDay,
  loadCalendar,
  nextWorkingDayFrom,
} from './workingDays';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
  return undefined;
}

// Every expectation below was counted by hand on a paper calendar; the comment shows the count.
describe('Nauryz (21–23 March)', () => {
  it.each([
    // 2026: 20 Fri | 21 Sat, 22 Sun, 23 Mon holidays | 24 Tue, 25 Wed carry-overs for 21 and 22 | 26 Thu = 1st
    ['2026-03-20', 1, '2026-03-26'],
    ['2026-03-20', 2, '2026-03-27'],
    ['2026-03-20', 3, '2026-03-30'],
    ['2026-03-19', 1, '2026-03-20'],
    ['2026-03-21', 1, '2026-03-26'],
    // 2024: 21 Thu, 22 Fri, 23 Sat holidays | 24 Sun | 25 Mon carry-over for 23 | 26 Tue = 1st
    ['2024-03-20', 1, '2024-03-26'],
    // 2023: 21–23 Tue–Thu, no weekend coincidence | 24 Fri = 1st
    ['2023-03-20', 1, '2023-03-24'],
    // 2020: 21 Sat, 22 Sun, 23 Mon | 24, 25 carry-overs | 26 Thu = 1st
    ['2020-03-20', 1, '2020-03-26'],
  ])('addWorkingDays(%s, %i) = %s', (start, n, expected) => {
    expect(addWorkingDays(start, n)).toBe(expected);
  });

  it('says why each day is off', () => {
    expect(describeDay('2026-03-23')).toMatchObject({
      kind: 'holiday',
      holidays: ['nauryz'],
      working: false,
    });
    expect(describeDay('2026-03-24')).toMatchObject({
      kind: 'carry-over',
      carriedFrom: 'nauryz',
      working: false,
    });
    expect(describeDay('2026-03-25')).toMatchObject({ kind: 'carry-over', carriedFrom: 'nauryz' });
    expect(describeDay('2026-03-26')).toMatchObject({ kind: 'working', working: true });
    // 8 March 2026 is a Sunday: Monday 9 March is the day off.
    expect(describeDay('2026-03-09')).toMatchObject({ kind: 'carry-over', carriedFrom: 'womens-day' });
  });
});

describe('New Year and Orthodox Christmas', () => {
  it.each([
    // 2022: 1 Sat, 2 Sun | 3 Mon, 4 Tue carry-overs | 5 Wed = 1st, 6 Thu = 2nd | 7 Fri Christmas, 8–9 weekend | 10 Mon = 3rd
    ['2021-12-31', 1, '2022-01-05'],
    ['2021-12-31', 2, '2022-01-06'],
    ['2021-12-31', 3, '2022-01-10'],
    // 2023: 1 Sun | 2 Mon holiday | 3 Tue carry-over for 1 Jan | 4 Wed = 1st
    ['2022-12-30', 1, '2023-01-04'],
    // 2026: 1 Thu, 2 Fri | 3–4 weekend | 5 Mon = 1st, 6 Tue = 2nd | 7 Wed Christmas | 8 Thu = 3rd
    ['2025-12-31', 1, '2026-01-05'],
    ['2025-12-31', 3, '2026-01-08'],
  ])('addWorkingDays(%s, %i) = %s', (start, n, expected) => {
    expect(addWorkingDays(start, n)).toBe(expected);
  });

  it('never moves the religious holidays', () => {
    // 7 January 2023 is a Saturday: Monday 9 January stays a working day.
    expect(isWorkingDay('2023-01-09')).toBe(true);
    // Kurban Ait 16 June 2024 is a Sunday: Monday 17 June stays a working day.
    expect(describeDay('2024-06-16').holidays).toEqual(['kurban-ait']);
    expect(isWorkingDay('2024-06-17')).toBe(true);
  });
});

describe('Independence Day (16 December)', () => {
  it.each([
    // 2021: 16 Thu, 17 Fri both holidays (17 December until 2021) | 18–19 weekend | 20 Mon = 1st
    ['2021-12-15', 1, '2021-12-20'],
    // 2022: 16 Fri holiday, 17 Sat is no longer a holiday so Monday 19 is worked
    ['2022-12-15', 1, '2022-12-19'],
    // 2023: 16 Sat | 17 Sun | 18 Mon carry-over | 19 Tue = 1st
    ['2023-12-15', 1, '2023-12-19'],
    // 2016: 16 Fri, 17 Sat holidays | 18 Sun | 19 Mon carry-over for 17 | 20 Tue = 1st
    ['2016-12-15', 1, '2016-12-20'],
  ])('addWorkingDays(%s, %i) = %s', (start, n, expected) => {
    expect(addWorkingDays(start, n)).toBe(expected);
  });

  it('follows the holidays that came and went', () => {
    expect(describeDay('2019-12-02')).toMatchObject({
      kind: 'carry-over',
      carriedFrom: 'first-president-day',
    });
    expect(isWorkingDay('2022-12-01')).toBe(true); // First President Day repealed in 2022
    expect(isWorkingDay('2021-10-25')).toBe(true); // Republic Day not a day off until 2022
    expect(describeDay('2022-10-25').kind).toBe('holiday');
    expect(isWorkingDay('2012-05-07')).toBe(true); // Defender of the Fatherland Day a day off from 2013
    expect(describeDay('2013-05-07').kind).toBe('holiday');
  });
});

describe('decree transfers', () => {
  it('apply the built-in 2023 Capital Day transfer', () => {
    // Saturday 1 July 2023 worked instead of Friday 7 July.
    expect(describeDay('2023-07-01')).toMatchObject({ kind: 'transfer-working', working: true });
    expect(addWorkingDays('2023-06-30', 1)).toBe('2023-07-01');
    // 5 Wed start | 6 Thu Capital Day | 7 Fri transferred day off | 8–9 weekend | 10 Mon = 1st
    expect(addWorkingDays('2023-07-05', 1)).toBe('2023-07-10');
  });

  it('take an update from the central API', () => {
    const updated = loadCalendar({
      ...structuredClone(defaultCalendar),
      version: 'test-decree',
      transfers: [
        ...defaultCalendar.transfers,
        { date: '2026-03-27', becomes: 'day-off', decree: 'test order No 1' },
        { date: '2026-03-28', becomes: 'working', decree: 'test order No 1' },
      ],
    });
    // 26 Thu = 1st | 27 Fri now off | 28 Sat now worked = 2nd
    expect(addWorkingDays('2026-03-20', 2, updated)).toBe('2026-03-28');
    expect(addWorkingDays('2026-03-20', 2)).toBe('2026-03-27'); // the built-in calendar is untouched
    expect(describeDay('2026-03-27', updated)).toMatchObject({
      kind: 'transfer-day-off',
      decree: 'test order No 1',
    });
  });
});

describe('multi-week counts', () => {
  it('counts 15 working days across 8 March and Nauryz 2026', () => {
    // from Mon 2 Mar: 3,4,5,6 (4) | 9 carry-over | 10,11,12,13 (8) | 16,17,18,19,20 (13) | 21–25 off | 26 (14), 27 (15)
    expect(addWorkingDays('2026-03-02', 15)).toBe('2026-03-27');
  });

  it('counts 15 working days across the May holidays 2026', () => {
    // from Fri 24 Apr: 27,28,29,30 (4) | 1 May | 4,5,6 (7) | 7 May | 8 (8) | 11 carry-over for 9 May |
    // 12,13,14,15 (12) | 18,19,20 (15)
    expect(addWorkingDays('2026-04-24', 15)).toBe('2026-05-20');
  });

  it('agrees with counting isWorkingDay one day at a time over a whole year', () => {
    let day = '2025-01-01';
    let worked = 0;
    while (day < '2026-01-01') {
      if (isWorkingDay(day)) worked += 1;
      day = addCalendarDays(day, 1);
    }
    // 2025 has 261 weekdays. Weekday days off: 1, 2, 3 (transfer), 7 Jan; 10 Mar; 21, 24, 25 Mar; 1, 7, 9 May;
    // 6 Jun; 7 Jul; 1 Sep; 27 Oct; 16 Dec = 16. Sunday 5 January worked = +1 → 261 − 16 + 1 = 246,
    // the published 2025 norm for the five-day week.
    expect(worked).toBe(246);
    expect(addWorkingDays('2024-12-31', 246)).toBe('2025-12-31');
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2026-03-20', 15, '2026-04-04'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-03-20', 0, '2026-03-20'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('addCalendarDays(%s, %i) = %s', (start, n, expected) => {
    expect(addCalendarDays(start, n)).toBe(expected);
  });

  it('can be moved onto the next working day when an act says so', () => {
    expect(nextWorkingDayFrom(addCalendarDays('2026-03-06', 15))).toBe('2026-03-26');
    expect(nextWorkingDayFrom('2026-03-26')).toBe('2026-03-26');
  });
});

describe('errors', () => {
  it('refuses bad dates, counts and uncovered years with i18n keys', () => {
    expect(codeOf(() => addWorkingDays('2026-02-30', 1))).toBe('identity:calendar.invalidDate');
    expect(codeOf(() => addCalendarDays('20.03.2026', 1))).toBe('identity:calendar.invalidDate');
    expect(codeOf(() => isWorkingDay('2026-3-20'))).toBe('identity:calendar.invalidDate');
    expect(codeOf(() => addWorkingDays('2026-03-20', -1))).toBe('identity:calendar.invalidCount');
    expect(codeOf(() => addWorkingDays('2026-03-20', 1.5))).toBe('identity:calendar.invalidCount');
    expect(codeOf(() => addWorkingDays('2030-12-31', 1))).toBe('identity:calendar.yearNotCovered');
    expect(codeOf(() => isWorkingDay('2011-05-05'))).toBe('identity:calendar.yearNotCovered');
    expect(addWorkingDays('2030-12-30', 1)).toBe('2030-12-31');
  });
});

describe('calendar data', () => {
  it('is valid, versioned and survives JSON', () => {
    expect(calendarSchema.safeParse(defaultCalendar).success).toBe(true);
    expect(calendarVersion).toBe(defaultCalendar.version);
    const reloaded = loadCalendar(JSON.parse(JSON.stringify(defaultCalendar)));
    expect(addWorkingDays('2026-03-02', 15, reloaded)).toBe('2026-03-27');
  });

  it('has a Kurban Ait date for every covered year, none confirmed yet', () => {
    const kurban = defaultCalendar.movableHolidays.find((h) => h.holiday === 'kurban-ait');
    const years = kurban?.dates.map((d) => Number(d.date.slice(0, 4)));
    const { from, to } = defaultCalendar.coverage;
    expect(years).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
    expect(kurban?.dates.every((d) => d.status !== 'confirmed')).toBe(true);
  });

  it('rejects malformed updates', () => {
    const base = structuredClone(defaultCalendar);
    const duplicate = { ...base, transfers: [...base.transfers, { ...base.transfers[0]! }] };
    expect(codeOf(() => loadCalendar(duplicate))).toBe('identity:calendar.invalidCalendar');
    const badDate = { ...base, transfers: [{ date: '2026-02-30', becomes: 'working', decree: 'x' }] };
    expect(codeOf(() => loadCalendar(badDate))).toBe('identity:calendar.invalidCalendar');
    expect(codeOf(() => loadCalendar({ version: 'x' }))).toBe('identity:calendar.invalidCalendar');
  });
});
