import { toDayNumber, weekdayOf, yearOf } from './isoDate';
import type { WorkCalendar } from './schema';

interface HolidayOnDay {
  holiday: string;
  religious: boolean;
}

/** Everything that decides whether a day is worked, precomputed per calendar and year. */
export interface YearTable {
  holidays: Map<number, HolidayOnDay[]>;
  /** Day → the holiday key whose weekend coincidence made it a day off. */
  carryOvers: Map<number, string>;
}

const cache = new WeakMap<WorkCalendar, Map<number, YearTable>>();
const transferCache = new WeakMap<WorkCalendar, Map<number, WorkCalendar['transfers'][number]>>();

function holidaysOfYear(calendar: WorkCalendar, year: number): Map<number, HolidayOnDay[]> {
  const result = new Map<number, HolidayOnDay[]>();
  const add = (day: number, entry: HolidayOnDay) => {
    const list = result.get(day) ?? [];
    if (!list.some((e) => e.holiday === entry.holiday)) list.push(entry);
    result.set(day, list);
  };
  for (const h of calendar.fixedHolidays) {
    if (h.validFrom !== undefined && year < h.validFrom) continue;
    if (h.validTo !== undefined && year > h.validTo) continue;
    const iso = `${String(year).padStart(4, '0')}-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`;
    let day: number;
    try {
      day = toDayNumber(iso);
    } catch {
      continue; // a 29 February holiday in a common year simply does not occur
    }
    add(day, { holiday: h.holiday, religious: h.religious });
  }
  for (const h of calendar.movableHolidays) {
    for (const { date } of h.dates) {
      if (Number(date.slice(0, 4)) === year)
        add(toDayNumber(date), { holiday: h.holiday, religious: h.religious });
    }
  }
  return result;
}

function isWeekend(calendar: WorkCalendar, day: number): boolean {
  return calendar.weekend.includes(weekdayOf(day));
}

/**
 * Labour Code art. 85: a non-religious holiday on a weekend makes the next working day a day off. Holidays are
 * taken in date order and each one claims the first day that is not a weekend, a holiday or an already claimed
 * carry-over, so Nauryz on Sat–Sun–Mon gives Tuesday and Wednesday.
 */
function carryOversOfYear(
  calendar: WorkCalendar,
  holidays: Map<number, HolidayOnDay[]>,
  isHoliday: (day: number) => boolean,
): Map<number, string> {
  const carried = new Map<number, string>();
  const days = [...holidays.keys()].sort((a, b) => a - b);
  for (const day of days) {
    if (!isWeekend(calendar, day)) continue;
    const secular = holidays.get(day)?.find((h) => !h.religious);
    if (!secular) continue;
    let next = day + 1;
    while (isWeekend(calendar, next) || isHoliday(next) || carried.has(next)) next += 1;
    carried.set(next, secular.holiday);
  }
  return carried;
}

function buildYear(calendar: WorkCalendar, year: number): YearTable {
  // A carry-over can cross into the next year, so this year's table also looks at last year's holidays.
  const previous = holidaysOfYear(calendar, year - 1);
  const current = holidaysOfYear(calendar, year);
  const following = holidaysOfYear(calendar, year + 1);
  const isHoliday = (day: number) => previous.has(day) || current.has(day) || following.has(day);
  const carryOvers = new Map<number, string>();
  for (const [day, holiday] of carryOversOfYear(calendar, previous, isHoliday)) {
    if (yearOf(day) === year) carryOvers.set(day, holiday);
  }
  for (const [day, holiday] of carryOversOfYear(calendar, current, isHoliday)) {
    if (yearOf(day) === year) carryOvers.set(day, holiday);
  }
  return { holidays: current, carryOvers };
}

export function yearTable(calendar: WorkCalendar, year: number): YearTable {
  let years = cache.get(calendar);
  if (!years) {
    years = new Map();
    cache.set(calendar, years);
  }
  let table = years.get(year);
  if (!table) {
    table = buildYear(calendar, year);
    years.set(year, table);
  }
  return table;
}

export function transferOn(
  calendar: WorkCalendar,
  day: number,
): WorkCalendar['transfers'][number] | undefined {
  let byDay = transferCache.get(calendar);
  if (!byDay) {
    byDay = new Map(calendar.transfers.map((t) => [toDayNumber(t.date), t]));
    transferCache.set(calendar, byDay);
  }
  return byDay.get(day);
}

export { isWeekend };
