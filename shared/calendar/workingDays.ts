import { AppError } from '../errors';
import { transferOn, yearTable, isWeekend } from './daysOff';
import { fromDayNumber, toDayNumber, yearOf } from './isoDate';
import { defaultCalendar } from './kazakhstan';
import { calendarSchema, type WorkCalendar } from './schema';

export type DayKind =
  'working' | 'weekend' | 'holiday' | 'carry-over' | 'transfer-day-off' | 'transfer-working';

export interface DayInfo {
  date: string;
  working: boolean;
  /** Why; the label is `identity:calendar.dayKind.<kind>`. A decree transfer wins over everything else. */
  kind: DayKind;
  /** Holiday keys (`identity:calendar.holiday.<key>`) falling on this date, even when a transfer overrides. */
  holidays: string[];
  /** For a carry-over: the holiday that fell on the weekend. */
  carriedFrom?: string;
  /** For a transfer: the act that made it. */
  decree?: string;
}

function covered(calendar: WorkCalendar, day: number): number {
  const year = yearOf(day);
  if (year < calendar.coverage.from || year > calendar.coverage.to) {
    throw new AppError('identity:calendar.yearNotCovered', { year });
  }
  return year;
}

function describe(calendar: WorkCalendar, day: number): DayInfo {
  const table = yearTable(calendar, covered(calendar, day));
  const date = fromDayNumber(day);
  const holidays = (table.holidays.get(day) ?? []).map((h) => h.holiday);
  const transfer = transferOn(calendar, day);
  if (transfer) {
    const working = transfer.becomes === 'working';
    return {
      date,
      working,
      kind: working ? 'transfer-working' : 'transfer-day-off',
      holidays,
      decree: transfer.decree,
    };
  }
  if (holidays.length > 0) return { date, working: false, kind: 'holiday', holidays };
  if (isWeekend(calendar, day)) return { date, working: false, kind: 'weekend', holidays };
  const carriedFrom = table.carryOvers.get(day);
  if (carriedFrom) return { date, working: false, kind: 'carry-over', holidays, carriedFrom };
  return { date, working: true, kind: 'working', holidays };
}

/** Why a date is or is not worked. Throws `identity:calendar.yearNotCovered` outside the calendar's years. */
export function describeDay(date: string, calendar: WorkCalendar = defaultCalendar): DayInfo {
  return describe(calendar, toDayNumber(date));
}

export function isWorkingDay(date: string, calendar: WorkCalendar = defaultCalendar): boolean {
  return describe(calendar, toDayNumber(date)).working;
}

function checkCount(n: number, allowNegative: boolean): void {
  if (!Number.isSafeInteger(n) || (!allowNegative && n < 0)) {
    throw new AppError('identity:calendar.invalidCount', { value: String(n) });
  }
}

/**
 * The n-th working day after `start` (start itself is never counted, whatever kind of day it is); n = 0 gives
 * `start`. This is the due date for terms in working days ("15 жұмыс күні").
 */
export function addWorkingDays(start: string, n: number, calendar: WorkCalendar = defaultCalendar): string {
  checkCount(n, false);
  let day = toDayNumber(start);
  for (let found = 0; found < n;) {
    day += 1;
    if (describe(calendar, day).working) found += 1;
  }
  return fromDayNumber(day);
}

/**
 * The n-th calendar day after `start` (negative n counts back). It does not move a result that lands on a day
 * off: where an act says the term then ends on the next working day, apply `nextWorkingDayFrom` to the result.
 */
export function addCalendarDays(start: string, n: number): string {
  checkCount(n, true);
  return fromDayNumber(toDayNumber(start) + n);
}

/** `date` itself when it is worked, otherwise the first working day after it. */
export function nextWorkingDayFrom(date: string, calendar: WorkCalendar = defaultCalendar): string {
  let day = toDayNumber(date);
  while (!describe(calendar, day).working) day += 1;
  return fromDayNumber(day);
}

/**
 * The end of a term of n calendar days from `start`, by Civil Code art. 173 (the calendar's `termEndRule`):
 * when the n-th day is not worked, the term ends on the next working day.
 */
export function calendarTermEnd(
  start: string,
  n: number,
  calendar: WorkCalendar = defaultCalendar,
): { date: string; movedByRule?: string } {
  const last = addCalendarDays(start, n);
  const date = nextWorkingDayFrom(last, calendar);
  return date === last ? { date } : { date, movedByRule: calendar.termEndRule ?? 'Civil Code art. 173' };
}

/** Validates calendar data from the central API; throws `identity:calendar.invalidCalendar` when it is wrong. */
export function loadCalendar(data: unknown): WorkCalendar {
  const parsed = calendarSchema.safeParse(data);
  if (!parsed.success)
    throw new AppError('identity:calendar.invalidCalendar', undefined, parsed.error.message);
  return parsed.data;
}
