import { describe, expect, it } from 'vitest';
import { defaultCalendar } from './kazakhstan';
import { addCalendarDays, addWorkingDays, calendarTermEnd, describeDay, loadCalendar } from './workingDays';

const withoutTransfers = loadCalendar({ ...structuredClone(defaultCalendar), transfers: [] });

/**
 * One row per transfer: the act, the day off it made, the day it made worked, and a due date counted by hand
 * across the day off (start, n working days → expected). The worked day is checked as the first working day
 * after the day before it.
 */
const rows: [string, string, string, string, number, string][] = [
  // 8 Thu holiday | 9 Fri off | 10 Sat | 11 Sun worked = 1st
  ['P1200000268', '2012-03-09', '2012-03-11', '2012-03-07', 1, '2012-03-11'],
  // 28 Sat worked = 1st | 29 Sun | 30 Mon off | 1 May holiday | 2 Wed = 2nd
  ['P1200000458', '2012-04-30', '2012-04-28', '2012-04-27', 2, '2012-05-02'],
  // 29 Sat worked = 1st | 30 Sun | 31 Mon off | 1–2 Jan holidays | 3 Thu = 2nd
  ['P1200001538', '2012-12-31', '2012-12-29', '2012-12-28', 2, '2013-01-03'],
  // 9 Thu holiday | 10 Fri off | 11–12 weekend | 13 Mon = 1st
  ['P1300000345', '2013-05-10', '2013-05-04', '2013-05-08', 1, '2013-05-13'],
  // 12 Sat worked = 1st | 13 Sun | 14 Mon off | 15 Tue Kurban Ait | 16 Wed = 2nd
  ['P1300001068', '2013-10-14', '2013-10-12', '2013-10-11', 2, '2013-10-16'],
  // 1–2 Jan holidays | 3 Fri off | 4–5 weekend | 6 Mon = 1st
  ['P1300001322', '2014-01-03', '2013-12-28', '2013-12-31', 1, '2014-01-06'],
  // 1 Thu holiday | 2 Fri off | 3 Sat | 4 Sun worked = 1st
  ['P1400000365', '2014-05-02', '2014-05-04', '2014-04-30', 1, '2014-05-04'],
  // 7 Wed holiday | 8 Thu off | 9 Fri holiday | 10 Sat | 11 Sun worked = 1st
  ['P1400000365', '2014-05-08', '2014-05-11', '2014-05-06', 1, '2014-05-11'],
  // 5 Sat worked = 1st | 6 Sun | 7 Mon off | 8 Tue holiday | 9 Wed = 2nd
  ['P1600000067', '2016-03-07', '2016-03-05', '2016-03-04', 2, '2016-03-09'],
  // 18 Sat worked = 1st | 19 Sun | 20 Mon off | 21–23 Nauryz | 24 Fri = 2nd
  ['P1700000005', '2017-03-20', '2017-03-18', '2017-03-17', 2, '2017-03-24'],
  // 6 Thu Capital Day | 7 Fri off | 8–9 weekend | 10 Mon = 1st
  ['P1700000005', '2017-07-07', '2017-07-01', '2017-07-05', 1, '2017-07-10'],
  // 8 Thu holiday | 9 Fri off | 10–11 weekend | 12 Mon = 1st
  ['P1700000864', '2018-03-09', '2018-03-03', '2018-03-07', 1, '2018-03-12'],
  // 28 Sat worked = 1st | 29 Sun | 30 Mon off | 1 May holiday | 2 Wed = 2nd
  ['P1700000864', '2018-04-30', '2018-04-28', '2018-04-27', 2, '2018-05-02'],
  // 5 Sat worked = 1st | 6 Sun | 7 Mon holiday | 8 Tue off | 9 Wed holiday | 10 Thu = 2nd
  ['P1700000864', '2018-05-08', '2018-05-05', '2018-05-04', 2, '2018-05-10'],
  // 30 Thu Constitution Day | 31 Fri off | 1–2 Sep weekend | 3 Mon = 1st
  ['P1700000864', '2018-08-31', '2018-08-25', '2018-08-29', 1, '2018-09-03'],
  // 29 Sat worked = 1st | 30 Sun | 31 Mon off | 1–2 Jan holidays | 3 Thu = 2nd
  ['P1700000864', '2018-12-31', '2018-12-29', '2018-12-28', 2, '2019-01-03'],
  // 9 Thu holiday | 10 Fri off | 11–12 weekend | 13 Mon = 1st
  ['P1800000888', '2019-05-10', '2019-05-04', '2019-05-08', 1, '2019-05-13'],
  // 1–2 Jan holidays | 3 Fri off | 4 Sat | 5 Sun worked = 1st
  ['P1900000820', '2020-01-03', '2020-01-05', '2019-12-31', 1, '2020-01-05'],
  // 7 Thu holiday | 8 Fri off | 9 Sat holiday | 10 Sun | 11 Mon worked (no carry-over) = 1st
  ['P1900000820', '2020-05-08', '2020-05-11', '2020-05-06', 1, '2020-05-11'],
  // 16–17 holidays | 18 Fri off | 19 Sat | 20 Sun worked = 1st
  ['P1900000820', '2020-12-18', '2020-12-20', '2020-12-15', 1, '2020-12-20'],
  // 3 Sat worked = 1st | 4 Sun | 5 Mon off | 6 Tue Capital Day | 7 Wed = 2nd
  ['P2000000930', '2021-07-05', '2021-07-03', '2021-07-02', 2, '2021-07-07'],
  // 5 Sat worked = 1st | 6 Sun | 7 Mon off | 8 Tue holiday | 9 Wed = 2nd
  ['P2200000796', '2022-03-07', '2022-03-05', '2022-03-04', 2, '2022-03-09'],
  // 27 Sat worked = 1st | 28 Sun | 29 Mon off | 30 Tue Constitution Day | 31 Wed = 2nd
  ['P2200000796', '2022-08-29', '2022-08-27', '2022-08-26', 2, '2022-08-31'],
  // 22 Sat worked = 1st | 23 Sun | 24 Mon off | 25 Tue Republic Day | 26 Wed = 2nd
  ['P2200000796', '2022-10-24', '2022-10-22', '2022-10-21', 2, '2022-10-26'],
  // 6 Thu Capital Day | 7 Fri off | 8–9 weekend | 10 Mon = 1st
  ['P2300000326', '2023-07-07', '2023-07-01', '2023-07-05', 1, '2023-07-10'],
  // 7 Tue holiday | 8 Wed off | 9 Thu holiday | 10 Fri = 1st
  ['G24G0000109', '2024-05-08', '2024-05-04', '2024-05-06', 1, '2024-05-10'],
  // 1–2 Jan holidays | 3 Fri off | 4 Sat | 5 Sun worked = 1st
  ['G24G0000436', '2025-01-03', '2025-01-05', '2024-12-31', 1, '2025-01-05'],
];

describe('transfers of days off 2012–2026', () => {
  it.each(rows)('%s: %s off, %s worked', (actId, dayOff, worked, start, n, expected) => {
    expect(addWorkingDays(start, n)).toBe(expected);
    // Without the act each of the two days would be the other way round.
    expect(describeDay(dayOff, withoutTransfers).working).toBe(true);
    expect(describeDay(worked, withoutTransfers).working).toBe(false);
    expect(addWorkingDays(addCalendarDays(worked, -1), 1)).toBe(worked);
    expect(describeDay(dayOff)).toMatchObject({ kind: 'transfer-day-off', working: false });
    expect(describeDay(worked)).toMatchObject({ kind: 'transfer-working', working: true });
    const transfer = defaultCalendar.transfers.find((t) => t.date === dayOff);
    expect(transfer?.actId).toBe(actId);
    expect(transfer?.decree).toContain(actId);
  });

  it('has a test row for every transfer in the data, and nothing else', () => {
    const tested = rows.flatMap(([, off, worked]) => [off, worked]).sort();
    expect(defaultCalendar.transfers.map((t) => t.date).sort()).toEqual(tested);
  });

  it('names the act, the authority and the verification of every transfer', () => {
    for (const t of defaultCalendar.transfers) {
      expect(t.actId, t.date).toMatch(/^(P\d{10}|G\d{2}G\d{7})$/);
      expect(typeof t.verified, t.date).toBe('boolean');
      expect(t.evidence, t.date).toBeTruthy();
      const year = Number(t.date.slice(0, 4));
      // The 2014 act moved a day off onto Saturday 28.12.2013, so the worked day can precede its act's year.
      const authorityYear = t.date === '2013-12-28' ? 2014 : year;
      expect(t.authority, t.date).toBe(authorityYear >= 2024 ? 'labour-ministry' : 'government');
    }
    const unverified = new Set(defaultCalendar.transfers.filter((t) => !t.verified).map((t) => t.actId));
    expect([...unverified].sort()).toEqual([
      'P1200000268',
      'P1200000458',
      'P1200001538',
      'P1300000345',
      'P1300001068',
      'P1300001322',
      'P1400000365',
      'P1600000067',
      'P1800000888',
      'P2000000930',
      'P2200000796',
    ]);
  });

  it('lists the transfer authority for each year 2012–2026', () => {
    const years = defaultCalendar.transferYears;
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 15 }, (_, i) => 2012 + i));
    expect(years.filter((y) => y.status === 'none-known').map((y) => y.year)).toEqual([2015, 2026]);
    expect(years.find((y) => y.year === 2023)?.authority).toBe('government');
    expect(years.find((y) => y.year === 2024)?.authority).toBe('labour-ministry');
    expect(years.find((y) => y.year === 2018)).toMatchObject({ acts: ['P1700000864'], verified: true });
  });
});

describe('Civil Code art. 173: a calendar-day term ending on a day off', () => {
  it('ends on the next working day and says which rule moved it', () => {
    // 6 Mar 2026 + 15 days = Sat 21 Mar (Nauryz) | 22 Sun, 23 Mon holidays | 24–25 carry-overs | 26 Thu
    const end = calendarTermEnd('2026-03-06', 15);
    expect(end.date).toBe('2026-03-26');
    expect(end.movedByRule).toMatch(/art\. 173/);
    expect(defaultCalendar.termEndRule).toMatch(/Civil Code .* art\. 173/);
  });

  it('leaves a term that ends on a working day where it is', () => {
    // 2 Mar 2026 + 10 days = Thu 12 Mar, worked
    expect(calendarTermEnd('2026-03-02', 10)).toEqual({ date: '2026-03-12' });
  });

  it('lands on a worked Sunday made by a transfer', () => {
    // 4 Dec 2024 + 30 days = Fri 3 Jan 2025 (transferred day off) | 4 Sat | 5 Sun worked by the 2025 order
    expect(calendarTermEnd('2024-12-04', 30).date).toBe('2025-01-05');
  });
});
